# The include direction of the house (DESIGN.md section 1), run as a CTest:
#   cmake -DZKVM_SOURCE_DIR=<root> -P tests/include_direction.cmake
# Stages include only stages below them. No file in base/ crypto/ stark/ executor/ prover/ cli/
# includes from guests/ or tests/, and only their unit tests (*_test.cc) include the test
# support in testing/. A header both a guest and the host need lives in the stage that owns it
# (the recursion blob's layout is the prover's: prover/vm/recursion_blob.h).
cmake_minimum_required(VERSION 3.25)
if(NOT ZKVM_SOURCE_DIR)
  message(FATAL_ERROR "pass -DZKVM_SOURCE_DIR=<root of the source tree>")
endif()
set(stages base crypto stark executor prover cli)
set(num_files 0)
set(violations "")
foreach(stage IN LISTS stages)
  file(GLOB_RECURSE files RELATIVE ${ZKVM_SOURCE_DIR}
       ${ZKVM_SOURCE_DIR}/${stage}/*.h ${ZKVM_SOURCE_DIR}/${stage}/*.cc)
  foreach(f IN LISTS files)
    math(EXPR num_files "${num_files} + 1")
    file(STRINGS ${ZKVM_SOURCE_DIR}/${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line IN LISTS includes)
      if(line MATCHES "[\"<](guests|tests)/")
        list(APPEND violations "${f}: ${line}")
      elseif(line MATCHES "[\"<]testing/" AND NOT f MATCHES "_test\\.cc$")
        list(APPEND violations "${f}: ${line} (test support outside a unit test)")
      endif()
    endforeach()
  endforeach()
endforeach()
if(num_files LESS 100)
  message(FATAL_ERROR "include_direction: only ${num_files} files found under ${ZKVM_SOURCE_DIR}")
endif()
if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "include_direction: includes that run against the layout:\n  ${text}")
endif()
message(STATUS "include_direction: ${num_files} files in ${stages}, none includes guests/ or tests/")
