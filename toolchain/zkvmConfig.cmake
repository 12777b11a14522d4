# find_package(zkvm): the installed guest SDK (toolchain/README.md). Installed as
# <prefix>/lib/cmake/zkvm/zkvmConfig.cmake, beside the rv32im toolchain file (rv32im.cmake), the
# guest helper (guest.cmake) and the runtime's imported targets (zkvmTargets.cmake).
#
#   cmake_minimum_required(VERSION 3.25)
#   find_package(zkvm REQUIRED)   # before project(): selects the rv32im toolchain
#   project(my_guest LANGUAGES C CXX ASM)
#   zkvm_add_guest(my_guest SOURCES main.cc [PICOLIBC])
#
# Called before project(), it sets CMAKE_TOOLCHAIN_FILE to rv32im.cmake, which project() then
# reads. Called after project(), the project must already use that toolchain
# (-DCMAKE_TOOLCHAIN_FILE=<prefix>/lib/cmake/zkvm/rv32im.cmake). Defines zkvm_add_guest(), the
# link targets zkvm::freestanding and zkvm::picolibc, the runtime's imported targets
# zkvm::runtime_headers, zkvm::runtime_core, zkvm::runtime_freestanding, zkvm::runtime_picolibc,
# zkvm::keccak_ecall, zkvm::keccak_software, and ZKVM_SDK_PREFIX.

if(CMAKE_VERSION VERSION_LESS 3.25)
  message(FATAL_ERROR "zkvm: CMake 3.25 or newer is required (found ${CMAKE_VERSION})")
endif()

get_filename_component(ZKVM_SDK_PREFIX ${CMAKE_CURRENT_LIST_DIR}/../../.. ABSOLUTE)
set(zkvm_toolchain_file ${CMAKE_CURRENT_LIST_DIR}/rv32im.cmake)

get_property(zkvm_enabled_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
if(NOT zkvm_enabled_languages)
  # Before project(): select the toolchain, as long as the user has not chosen one.
  if(NOT CMAKE_TOOLCHAIN_FILE)
    set(CMAKE_TOOLCHAIN_FILE ${zkvm_toolchain_file} CACHE FILEPATH
        "The zkvm rv32im toolchain (set by find_package(zkvm))")
  endif()
elseif(NOT CMAKE_SYSTEM_PROCESSOR STREQUAL "riscv32" OR NOT DEFINED ZKVM_TOOLCHAIN_DIR)
  set(zkvm_host_compiler ${CMAKE_CXX_COMPILER})
  if(NOT zkvm_host_compiler)
    set(zkvm_host_compiler ${CMAKE_C_COMPILER})
  endif()
  message(FATAL_ERROR
    "zkvm: find_package(zkvm) was called after project() had already enabled a compiler for "
    "the host (${zkvm_host_compiler}, ${CMAKE_SYSTEM_NAME} ${CMAKE_SYSTEM_PROCESSOR}). Guests "
    "need the rv32im toolchain. Either move "
    "find_package(zkvm REQUIRED) above project() in ${CMAKE_SOURCE_DIR}/CMakeLists.txt, or "
    "configure with -DCMAKE_TOOLCHAIN_FILE=${zkvm_toolchain_file}; in both cases start from a "
    "new build folder (CMake keeps the compiler it found first).")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/zkvmTargets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/guest.cmake)
