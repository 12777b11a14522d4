# CMake toolchain file for zkvm guest programs: RV32IM, ilp32 (soft-float) ABI, no C extension,
# freestanding and statically linked (DESIGN.md sections 2 and 11).
#
# The compiler is Debian's riscv64-linux-gnu-gcc, which also targets rv32 with -march/-mabi;
# its glibc and libstdc++ are rv64-only, so guests link neither (-nostdlib). The runtime in
# syscalls/ supplies start-up, syscalls, allocator and the few libc/libsupc++ symbols that
# header-only C++ needs; libgcc (64-bit division and the like) comes from the rv32im/ilp32
# multilib of gcc-riscv64-unknown-elf.
#
# Linking: -dT makes guest.ld the default linker script, so a plain add_executable gives a zkvm
# ELF; an explicit -T (the qemu variant uses guest_qemu.ld) overrides it. The runtime's static
# libraries are linked whole (the WHOLE_ARCHIVE link feature below). toolchain/guest.cmake
# builds on this file with zkvm_add_guest().
#
# The same file serves the source tree (toolchain/rv32im.cmake) and an installed SDK
# (<prefix>/lib/cmake/zkvm/rv32im.cmake, see toolchain/README.md); it finds the linker scripts
# and the header shims relative to itself, so an installed SDK can be moved.

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

set(ZKVM_TOOLCHAIN_DIR ${CMAKE_CURRENT_LIST_DIR})
if(EXISTS ${ZKVM_TOOLCHAIN_DIR}/guest.ld)
  # The source tree: everything beside this file.
  set(ZKVM_LINKER_SCRIPT_DIR ${ZKVM_TOOLCHAIN_DIR})
  set(ZKVM_SHIM_INCLUDE_DIR ${ZKVM_TOOLCHAIN_DIR}/include)
else()
  # An installed SDK: this file is <prefix>/lib/cmake/zkvm/rv32im.cmake.
  get_filename_component(ZKVM_SDK_PREFIX ${ZKVM_TOOLCHAIN_DIR}/../../.. ABSOLUTE)
  set(ZKVM_LINKER_SCRIPT_DIR ${ZKVM_SDK_PREFIX}/lib/zkvm)
  set(ZKVM_SHIM_INCLUDE_DIR ${ZKVM_SDK_PREFIX}/include/zkvm/shims)
  # find_package(zkvm) after project() finds the package beside this file.
  set(zkvm_DIR ${ZKVM_TOOLCHAIN_DIR} CACHE PATH "Folder of zkvmConfig.cmake")
endif()
set(ZKVM_GUEST_LINKER_SCRIPT ${ZKVM_LINKER_SCRIPT_DIR}/guest.ld)
set(ZKVM_QEMU_LINKER_SCRIPT ${ZKVM_LINKER_SCRIPT_DIR}/guest_qemu.ld)

set(CMAKE_C_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER riscv64-linux-gnu-g++)
set(CMAKE_ASM_COMPILER riscv64-linux-gnu-gcc)
set(CMAKE_AR riscv64-linux-gnu-ar CACHE FILEPATH "")
set(CMAKE_RANLIB riscv64-linux-gnu-ranlib CACHE FILEPATH "")
set(CMAKE_OBJCOPY riscv64-linux-gnu-objcopy CACHE FILEPATH "")
set(CMAKE_OBJDUMP riscv64-linux-gnu-objdump CACHE FILEPATH "")

# Compiler checks only compile: there is no start-up code to link against at that point.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The rv32im/ilp32 libgcc from gcc-riscv64-unknown-elf (the version directory varies).
file(GLOB ZKVM_LIBGCC_CANDIDATES
     /usr/lib/gcc/riscv64-unknown-elf/*/rv32im/ilp32/libgcc.a)
if(NOT ZKVM_LIBGCC_CANDIDATES)
  message(FATAL_ERROR "rv32im/ilp32 libgcc.a not found under /usr/lib/gcc/riscv64-unknown-elf/; "
                      "install gcc-riscv64-unknown-elf (toolchain/install-deps.sh)")
endif()
list(SORT ZKVM_LIBGCC_CANDIDATES COMPARE NATURAL ORDER DESCENDING)
list(GET ZKVM_LIBGCC_CANDIDATES 0 ZKVM_LIBGCC)

# picolibc for guests that ask for a libc (zkvm_add_guest(... PICOLIBC)).
set(ZKVM_PICOLIBC_DIR /usr/lib/picolibc/riscv64-unknown-elf)
set(ZKVM_PICOLIBC_INCLUDE ${ZKVM_PICOLIBC_DIR}/include)
set(ZKVM_PICOLIBC_LIBC ${ZKVM_PICOLIBC_DIR}/lib/rv32im/ilp32/libc.a)
# gcc's own headers (stddef.h, stdarg.h, ...), which C sources compiled against picolibc's
# headers (-nostdinc) still need.
execute_process(COMMAND riscv64-linux-gnu-gcc -print-file-name=include
                OUTPUT_VARIABLE ZKVM_GCC_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)

set(ZKVM_ARCH_FLAGS "-march=rv32im -mabi=ilp32")
set(ZKVM_COMMON_FLAGS
    "${ZKVM_ARCH_FLAGS} -static -nostdlib -ffreestanding -fno-pie -fno-pic \
-fno-asynchronous-unwind-tables -fno-unwind-tables -ffunction-sections -fdata-sections \
-msmall-data-limit=8 -ftls-model=local-exec")

# toolchain/include holds two shims that let libstdc++'s headers, and glibc's that C and C++
# sources without picolibc include, compile for ilp32 (see the files); -isystem keeps them ahead
# of the glibc headers.
set(CMAKE_C_FLAGS_INIT "${ZKVM_COMMON_FLAGS} -isystem ${ZKVM_SHIM_INCLUDE_DIR}")
set(CMAKE_CXX_FLAGS_INIT
    "${ZKVM_COMMON_FLAGS} -fno-exceptions -fno-rtti -fno-threadsafe-statics \
-isystem ${ZKVM_SHIM_INCLUDE_DIR}")
set(CMAKE_ASM_FLAGS_INIT "${ZKVM_ARCH_FLAGS} -fno-pie -fno-pic")

# -O2 whatever the build type (CMake's Release default would be -O3), so a guest's cycle count
# does not depend on how the host build configured it. Set as cache entries because CMake
# appends its defaults to the *_INIT variables.
string(APPEND CMAKE_C_FLAGS_INIT " -O2")
string(APPEND CMAKE_CXX_FLAGS_INIT " -O2")
foreach(lang C CXX ASM)
  set(CMAKE_${lang}_FLAGS_DEBUG "-g" CACHE STRING "")
  set(CMAKE_${lang}_FLAGS_RELEASE "-DNDEBUG" CACHE STRING "")
  set(CMAKE_${lang}_FLAGS_RELWITHDEBINFO "-g -DNDEBUG" CACHE STRING "")
  set(CMAKE_${lang}_FLAGS_MINSIZEREL "-Os -DNDEBUG" CACHE STRING "")
endforeach()

set(CMAKE_EXE_LINKER_FLAGS_INIT
    "-nostdlib -static -no-pie -Wl,-m,elf32lriscv -Wl,--gc-sections -Wl,--build-id=none \
-Wl,-dT,${ZKVM_GUEST_LINKER_SCRIPT}")
# libgcc goes last on every link line.
set(CMAKE_C_STANDARD_LIBRARIES "${ZKVM_LIBGCC}")
set(CMAKE_CXX_STANDARD_LIBRARIES "${ZKVM_LIBGCC}")

# $<LINK_LIBRARY:WHOLE_ARCHIVE,lib...>, which CMake defines for Linux but not for a Generic
# system: every object of the runtime's archives is linked (see syscalls/README.md).
set(CMAKE_LINK_LIBRARY_USING_WHOLE_ARCHIVE
    "LINKER:--whole-archive" "<LINK_ITEM>" "LINKER:--no-whole-archive")
set(CMAKE_LINK_LIBRARY_USING_WHOLE_ARCHIVE_SUPPORTED TRUE)

# Never pick up host libraries or headers.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
