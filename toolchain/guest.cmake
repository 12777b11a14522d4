# zkvm_add_guest(): the one CMake helper a guest needs (guests/README.md), and the runtime's link
# targets. The same file serves the guests in this repository (guests/CMakeLists.txt includes it
# and builds the runtime from syscalls/) and an installed SDK (find_package(zkvm) includes it
# after the runtime's imported targets): both define zkvm::runtime_headers, zkvm::runtime_core,
# zkvm::runtime_freestanding, zkvm::runtime_picolibc, zkvm::keccak_ecall and
# zkvm::keccak_software, and this file builds on those names only.
#
#   zkvm_add_guest(NAME SOURCES src... [PICOLIBC] [TEST_INPUT_HEX hex | TEST_INPUT_FILE path])
#
# produces in <build>/<NAME>/:
#   <NAME>.elf        the zkvm program: linked with guest.ld, KECCAK_F1600 = ecall;
#   <NAME>.input.bin  the raw payload bytes (no header), for the executor's --input; only with
#                     TEST_INPUT_HEX / TEST_INPUT_FILE or the qemu variant;
#   <NAME>.qemu.elf   with ZKVM_GUEST_QEMU_VARIANT on (guests/CMakeLists.txt; off by default):
#                     the same objects for qemu-riscv32 (differential tests), linked with
#                     guest_qemu.ld, the private input (header + payload) embedded at
#                     abi::kInputBase, and a software KeccakF1600. The sources are then compiled
#                     once, into the OBJECT library <NAME>_objects (set compile options there).
# TEST_INPUT_HEX is the payload as hex digits (empty if omitted); TEST_INPUT_FILE names a file
# holding the raw payload instead (for large inputs: it is included with .incbin, not
# converted by CMake). PICOLIBC links picolibc's libc (printf, malloc, string.h, ...), compiles C
# sources against its headers, and C++ sources get the C++ support over picolibc's malloc.
# Each guest adds a line "name elf qemu_elf input" to the manifest that
# zkvm_write_guest_manifest() writes.
#
# Link targets, for a plain add_executable() too (each links the runtime whole: see
# syscalls/README.md):
#   zkvm::freestanding  the freestanding C++ runtime (no libc) and the KECCAK_F1600 precompile;
#   zkvm::picolibc      the picolibc runtime (C with C++ support), picolibc's libc.a, the
#                       precompile; its C sources compile against picolibc's headers.

option(ZKVM_GUEST_QEMU_VARIANT "Also link <name>.qemu.elf for qemu-riscv32 (differential tests)"
       OFF)

get_property(zkvm_manifest_set GLOBAL PROPERTY ZKVM_GUEST_MANIFEST SET)
if(NOT zkvm_manifest_set)
  set_property(GLOBAL PROPERTY ZKVM_GUEST_MANIFEST "")
endif()

# The runtime pieces of one link, whole: start-up and syscalls, the flavour (freestanding or
# picolibc), one KeccakF1600 (ecall or software).
function(_zkvm_runtime_link_items flavour keccak out_var)
  set(${out_var}
      "$<LINK_LIBRARY:WHOLE_ARCHIVE,zkvm::runtime_core,zkvm::runtime_${flavour},zkvm::${keccak}>"
      PARENT_SCOPE)
endfunction()

# The parts of the link targets that come from the rv32im toolchain file: picolibc's and gcc's
# header folders and picolibc's libc.a. find_package(zkvm) may run before project() has read the
# toolchain file; then they are filled in at the end of the configuration.
function(_zkvm_set_libc_properties)
  if(NOT CMAKE_SYSTEM_PROCESSOR STREQUAL "riscv32" OR NOT ZKVM_PICOLIBC_LIBC)
    message(FATAL_ERROR "zkvm: this project is not configured with the zkvm rv32im toolchain. "
                        "Call find_package(zkvm REQUIRED) before project(), or configure with "
                        "-DCMAKE_TOOLCHAIN_FILE=<zkvm prefix>/lib/cmake/zkvm/rv32im.cmake, in a "
                        "new build folder.")
  endif()
  set(c_options -nostdinc -isystem${ZKVM_PICOLIBC_INCLUDE} -isystem${ZKVM_GCC_INCLUDE})
  set_target_properties(zkvm::picolibc_headers PROPERTIES INTERFACE_COMPILE_OPTIONS
                        "$<$<COMPILE_LANGUAGE:C>:${c_options}>")
  set_property(TARGET zkvm::picolibc APPEND PROPERTY INTERFACE_LINK_LIBRARIES
               ${ZKVM_PICOLIBC_LIBC})
endfunction()

if(NOT TARGET zkvm::freestanding)
  # Compiling C against picolibc's headers instead of glibc's (PICOLIBC guests).
  add_library(zkvm::picolibc_headers INTERFACE IMPORTED)

  add_library(zkvm::freestanding INTERFACE IMPORTED)
  _zkvm_runtime_link_items(freestanding keccak_ecall freestanding_items)
  set_target_properties(zkvm::freestanding PROPERTIES INTERFACE_LINK_LIBRARIES
    "zkvm::runtime_headers;${freestanding_items}")

  add_library(zkvm::picolibc INTERFACE IMPORTED)
  _zkvm_runtime_link_items(picolibc keccak_ecall picolibc_items)
  set_target_properties(zkvm::picolibc PROPERTIES INTERFACE_LINK_LIBRARIES
    "zkvm::runtime_headers;zkvm::picolibc_headers;${picolibc_items}")

  if(ZKVM_PICOLIBC_LIBC)
    _zkvm_set_libc_properties()
  else()
    cmake_language(DEFER CALL _zkvm_set_libc_properties)
  endif()
endif()

# Writes `content` to `path` only if it differs, so unchanged inputs do not trigger rebuilds.
function(_zkvm_write_if_changed path content)
  if(EXISTS "${path}")
    file(READ "${path}" old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${content}")
endfunction()

# Assembly for the .zkvm_input sections: the 16-byte header (u32 length, 12 zero bytes), then
# the payload, 16-aligned (guest_qemu.ld places them at abi::kInputBase).
function(_zkvm_input_assembly hex out_var)
  string(LENGTH "${hex}" hex_length)
  math(EXPR num_bytes "${hex_length} / 2")
  set(text "/* Generated by toolchain/guest.cmake: the private input of a qemu-variant guest. */\n")
  string(APPEND text "  .section .zkvm_input.header, \"aw\", %progbits\n")
  string(APPEND text "  .balign 16\n  .word ${num_bytes}, 0, 0, 0\n")
  string(APPEND text "  .section .zkvm_input.payload, \"aw\", %progbits\n  .balign 16\n")
  set(position 0)
  while(position LESS hex_length)
    string(SUBSTRING "${hex}" ${position} 32 chunk)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${chunk}")
    string(REGEX REPLACE ",$" "" bytes "${bytes}")
    string(APPEND text "  .byte ${bytes}\n")
    math(EXPR position "${position} + 32")
  endwhile()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

function(zkvm_add_guest name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "PICOLIBC" "TEST_INPUT_HEX;TEST_INPUT_FILE" "SOURCES")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "zkvm_add_guest(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "zkvm_add_guest(${name}): SOURCES is required")
  endif()
  string(TOLOWER "${ARG_TEST_INPUT_HEX}" hex)
  string(REGEX REPLACE "[ \t\r\n]" "" hex "${hex}")
  if(NOT hex MATCHES "^([0-9a-f][0-9a-f])*$")
    message(FATAL_ERROR "zkvm_add_guest(${name}): TEST_INPUT_HEX must be an even number of hex "
                        "digits, got '${ARG_TEST_INPUT_HEX}'")
  endif()
  if(ARG_TEST_INPUT_FILE AND NOT hex STREQUAL "")
    message(FATAL_ERROR "zkvm_add_guest(${name}): TEST_INPUT_HEX and TEST_INPUT_FILE exclude "
                        "each other")
  endif()

  set(out_dir ${CMAKE_BINARY_DIR}/${name})
  set(elf ${out_dir}/${name}.elf)
  set(qemu_elf "")
  set(input_bin "")
  if(ARG_PICOLIBC)
    set(flavour picolibc)
    set(headers zkvm::runtime_headers zkvm::picolibc_headers)
  else()
    set(flavour freestanding)
    set(headers zkvm::runtime_headers)
  endif()
  # Links a C++ guest with g++ (a C-only project links with gcc; -nostdlib either way).
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if(CXX IN_LIST languages)
    set(link_language CXX)
  else()
    set(link_language C)
  endif()

  # <name>.elf for the zkvm. With the qemu variant, both ELFs share the objects.
  if(ZKVM_GUEST_QEMU_VARIANT)
    add_library(${name}_objects OBJECT ${ARG_SOURCES})
    target_link_libraries(${name}_objects PRIVATE ${headers})
    add_executable(${name})
    target_link_libraries(${name} PRIVATE ${name}_objects zkvm::${flavour})
  else()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE zkvm::${flavour})
  endif()
  target_link_options(${name} PRIVATE
    "LINKER:-T,${ZKVM_GUEST_LINKER_SCRIPT}" "LINKER:-Map,${out_dir}/${name}.map")
  set_target_properties(${name} PROPERTIES
    OUTPUT_NAME ${name} SUFFIX .elf RUNTIME_OUTPUT_DIRECTORY ${out_dir}
    LINKER_LANGUAGE ${link_language} LINK_DEPENDS ${ZKVM_GUEST_LINKER_SCRIPT})

  # The private input: <name>.input.bin, and the object the qemu variant embeds.
  if(ZKVM_GUEST_QEMU_VARIANT OR ARG_TEST_INPUT_FILE OR NOT hex STREQUAL "")
    if(NOT ASM IN_LIST languages)
      message(FATAL_ERROR "zkvm_add_guest(${name}): a test input (and the qemu variant) is "
                          "assembled: enable ASM, e.g. project(... LANGUAGES C CXX ASM)")
    endif()
    set(input_bin ${out_dir}/${name}.input.bin)
    if(ARG_TEST_INPUT_FILE)
      file(SIZE ${ARG_TEST_INPUT_FILE} input_size)
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_TEST_INPUT_FILE})
      set(input_assembly
          "/* Generated by toolchain/guest.cmake: the private input of a qemu-variant guest. */\n"
          "  .section .zkvm_input.header, \"aw\", %progbits\n"
          "  .balign 16\n  .word ${input_size}, 0, 0, 0\n"
          "  .section .zkvm_input.payload, \"aw\", %progbits\n  .balign 16\n"
          "  .incbin \"${ARG_TEST_INPUT_FILE}\"\n")
      string(JOIN "" input_assembly ${input_assembly})
    else()
      _zkvm_input_assembly("${hex}" input_assembly)
    endif()
    _zkvm_write_if_changed(${out_dir}/${name}_input.S "${input_assembly}")
    add_library(${name}_input OBJECT ${out_dir}/${name}_input.S)
    if(ARG_TEST_INPUT_FILE)
      set_source_files_properties(${out_dir}/${name}_input.S PROPERTIES
                                  OBJECT_DEPENDS ${ARG_TEST_INPUT_FILE})
    endif()

    # <name>.input.bin: the payload section of the input object, as raw bytes.
    add_custom_command(OUTPUT ${input_bin}
      COMMAND ${CMAKE_OBJCOPY} -O binary --only-section=.zkvm_input.payload
              $<TARGET_OBJECTS:${name}_input> ${input_bin}
      COMMAND ${CMAKE_COMMAND} -E touch ${input_bin}
      DEPENDS ${name}_input $<TARGET_OBJECTS:${name}_input>
      COMMENT "Extracting ${name}.input.bin"
      VERBATIM)
    add_custom_target(${name}_input_bin ALL DEPENDS ${input_bin})
  endif()

  # <name>.qemu.elf for qemu-riscv32.
  if(ZKVM_GUEST_QEMU_VARIANT)
    set(qemu_elf ${out_dir}/${name}.qemu.elf)
    _zkvm_runtime_link_items(${flavour} keccak_software qemu_runtime)
    set(libc "")
    if(ARG_PICOLIBC)
      set(libc ${ZKVM_PICOLIBC_LIBC})
    endif()
    add_executable(${name}_qemu)
    target_link_libraries(${name}_qemu PRIVATE
      ${name}_objects ${name}_input zkvm::runtime_headers ${qemu_runtime} ${libc})
    target_link_options(${name}_qemu PRIVATE
      "LINKER:-T,${ZKVM_QEMU_LINKER_SCRIPT}" "LINKER:-Map,${out_dir}/${name}.qemu.map")
    set_target_properties(${name}_qemu PROPERTIES
      OUTPUT_NAME ${name} SUFFIX .qemu.elf RUNTIME_OUTPUT_DIRECTORY ${out_dir}
      LINKER_LANGUAGE ${link_language} LINK_DEPENDS ${ZKVM_QEMU_LINKER_SCRIPT})
  endif()

  set_property(GLOBAL APPEND PROPERTY ZKVM_GUEST_MANIFEST "${name} ${elf} ${qemu_elf} ${input_bin}")
endfunction()

# Writes the manifest of all guests added so far: one line "name elf qemu_elf input" each.
function(zkvm_write_guest_manifest path)
  get_property(lines GLOBAL PROPERTY ZKVM_GUEST_MANIFEST)
  list(SORT lines)
  list(JOIN lines "\n" content)
  if(content)
    string(APPEND content "\n")
  endif()
  _zkvm_write_if_changed(${path} "${content}")
endfunction()
