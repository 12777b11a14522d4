#!/usr/bin/env bash
# The installed guest SDK end to end (toolchain/README.md), from folders outside the source tree:
# installs the build into a temporary prefix, then builds guests the three ways a user can
#   - find_package(zkvm) before project(): a C++ guest on picolibc (printf, std::vector, new),
#     a C guest on picolibc, a freestanding C++ guest built at -O0 (std::string);
#   - -DCMAKE_TOOLCHAIN_FILE=<prefix>/lib/cmake/zkvm/rv32im.cmake, find_package after project();
#   - the zkvm-cc / zkvm-c++ wrappers (compile only, then link);
# and the project `zkvm new` writes, as it is. Each ELF is executed, proved and verified with the
# installed `zkvm`, checking exit codes and public output. Also checks that find_package(zkvm)
# after a host project() fails with a message that says what to do.
#
#   tests/sdk_install_test.sh <build dir> <cmake> [sanitized]
# "sanitized" (an ASan build) proves the `zkvm new` guest at the insecure preset too, to keep the
# test short; otherwise that one is proved at the default preset.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <build dir> <cmake> [sanitized]" >&2
  exit 2
fi
build=$1
cmake=$2
sanitized=${3:-}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zkvm_sdk_test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
zkvm=$prefix/bin/zkvm
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi

fail() {
  echo "sdk_install_test: FAIL: $*" >&2
  exit 1
}

# Runs a command quietly; on failure shows its output and fails with `what`.
run() {
  local what=$1
  shift
  if ! "$@" >"$tmp/last.log" 2>&1; then
    cat "$tmp/last.log" >&2
    fail "$what"
  fi
}

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

# check_guest <name> <elf> <input file> <expected public output, hex> [insecure|default]
# execute, prove (at the insecure test preset unless told) and verify; the public output of the
# run and of the proof must be `expected`.
check_guest() {
  local name=$1 elf=$2 input=$3 expected=$4 preset=${5:-insecure}
  local prove_flags=()
  if [ "$preset" = insecure ]; then prove_flags=(--insecure); fi
  run "$name: execute" "$zkvm" execute "$elf" --input "$input" --output "$tmp/$name.out"
  [ "$(hex "$tmp/$name.out")" = "$expected" ] ||
    fail "$name: public output $(hex "$tmp/$name.out"), expected $expected"
  run "$name: prove" "$zkvm" prove "$elf" --input "$input" -o "$tmp/$name.proof" "${prove_flags[@]}"
  run "$name: verify" "$zkvm" verify "$tmp/$name.proof" "$elf" --allow-insecure \
    --output "$tmp/$name.verified"
  [ "$(hex "$tmp/$name.verified")" = "$expected" ] ||
    fail "$name: proved output $(hex "$tmp/$name.verified"), expected $expected"
  echo "sdk_install_test: $name: executed, proved ($preset preset), verified"
}

start=$SECONDS
run "cmake --install" "$cmake" --install "$build" --prefix "$prefix"
for file in bin/zkvm bin/zkvm-cc bin/zkvm-c++ lib/cmake/zkvm/zkvmConfig.cmake \
  lib/cmake/zkvm/zkvmConfigVersion.cmake lib/cmake/zkvm/rv32im.cmake \
  include/zkvm/syscalls/zkvm.h lib/zkvm/libzkvm_runtime_picolibc.a lib/zkvm/guest.ld; do
  [ -e "$prefix/$file" ] || fail "not installed: $file"
done

printf '\001\002\003\004\005' >"$tmp/input_12345.bin"
printf '\005\003\004\001\002' >"$tmp/input_53412.bin"
: >"$tmp/empty.bin"

# --- find_package(zkvm) before project() ---------------------------------------------------
app=$tmp/app
mkdir -p "$app"
cat >"$app/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
find_package(zkvm 0.1 REQUIRED)
project(sdk_apps LANGUAGES C CXX ASM)
zkvm_add_guest(pico_cxx SOURCES pico_cxx.cc PICOLIBC)
zkvm_add_guest(pico_c SOURCES pico_c.c PICOLIBC)
zkvm_add_guest(free_o0 SOURCES free_o0.cc)
target_compile_options(free_o0 PRIVATE -O0)
EOF
cat >"$app/pico_cxx.cc" <<'EOF'
#include <cstdio>
#include <vector>

#include "syscalls/zkvm.h"

int main() {
  std::vector<unsigned> squares;
  for (const uint8_t byte : zkvm::PrivateInput()) squares.push_back(byte * byte);
  unsigned* sum = new unsigned(0);
  for (const unsigned square : squares) *sum += square;
  std::printf("pico_cxx: %u bytes, sum of squares %u\n", unsigned(squares.size()), *sum);
  delete sum;
  return 0;
}
EOF
cat >"$app/pico_c.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls/zkvm_c.h"

int main(void) {
  size_t size;
  const uint8_t* input = zkvm_private_input(&size);
  uint8_t* copy = malloc(size + 1);
  memcpy(copy, input, size);
  unsigned sum = 0;
  for (size_t i = 0; i < size; ++i) sum += copy[i];
  printf("pico_c: %u bytes, sum %u\n", (unsigned)size, sum);
  return 0;
}
EOF
cat >"$app/free_o0.cc" <<'EOF'
#include <string>

#include "syscalls/zkvm.h"

int main() {
  std::string text = "free_o0: ";
  text += "std::string at -O0";
  zkvm::Commit(text.data(), text.size());
  return 0;
}
EOF
run "configure (find_package before project)" \
  "$cmake" -S "$app" -B "$app/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix"
run "build (find_package before project)" "$cmake" --build "$app/build"
check_guest pico_cxx "$app/build/pico_cxx/pico_cxx.elf" "$tmp/input_12345.bin" \
  "$(printf 'pico_cxx: 5 bytes, sum of squares 55\n' | od -An -v -tx1 | tr -d ' \n')"
check_guest pico_c "$app/build/pico_c/pico_c.elf" "$tmp/input_12345.bin" \
  "$(printf 'pico_c: 5 bytes, sum 15\n' | od -An -v -tx1 | tr -d ' \n')"
check_guest free_o0 "$app/build/free_o0/free_o0.elf" "$tmp/empty.bin" \
  "$(printf 'free_o0: std::string at -O0' | od -An -v -tx1 | tr -d ' \n')"

# --- the toolchain file, find_package(zkvm) after project() ---------------------------------
tc=$tmp/toolchain_app
mkdir -p "$tc"
cat >"$tc/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(sdk_toolchain_app LANGUAGES C CXX)
find_package(zkvm REQUIRED)
zkvm_add_guest(free_sort SOURCES free_sort.cc)
EOF
cat >"$tc/free_sort.cc" <<'EOF'
#include <algorithm>
#include <vector>

#include "syscalls/zkvm.h"

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  std::vector<uint8_t> bytes(input.begin(), input.end());
  std::sort(bytes.begin(), bytes.end());
  zkvm::Commit(bytes);
  return 0;
}
EOF
run "configure (toolchain file)" "$cmake" -S "$tc" -B "$tc/build" "${generator[@]}" \
  -DCMAKE_TOOLCHAIN_FILE="$prefix/lib/cmake/zkvm/rv32im.cmake"
run "build (toolchain file)" "$cmake" --build "$tc/build"
check_guest free_sort "$tc/build/free_sort/free_sort.elf" "$tmp/input_53412.bin" 0102030405

# --- the compiler wrappers ------------------------------------------------------------------
wrap=$tmp/wrappers
mkdir -p "$wrap"
cat >"$wrap/wrap.cc" <<'EOF'
#include "syscalls/zkvm.h"

int main() {
  zkvm::Commit("zkvm-c++", 8);
  return 0;
}
EOF
cat >"$wrap/wrap.c" <<'EOF'
#include <stdio.h>

int main(void) {
  printf("zkvm-cc\n");
  return 0;
}
EOF
run "zkvm-c++" "$prefix/bin/zkvm-c++" -O2 "$wrap/wrap.cc" -o "$wrap/wrap_cxx.elf"
run "zkvm-cc -c" "$prefix/bin/zkvm-cc" -c "$wrap/wrap.c" -o "$wrap/wrap.o"
run "zkvm-cc link" "$prefix/bin/zkvm-cc" "$wrap/wrap.o" -o "$wrap/wrap_c.elf"
check_guest wrap_cxx "$wrap/wrap_cxx.elf" "$tmp/empty.bin" \
  "$(printf 'zkvm-c++' | od -An -v -tx1 | tr -d ' \n')"
run "wrap_c: execute" "$zkvm" execute "$wrap/wrap_c.elf" --output "$tmp/wrap_c.out"
[ "$(cat "$tmp/wrap_c.out")" = "zkvm-cc" ] || fail "wrap_c: public output $(hex "$tmp/wrap_c.out")"

# --- zkvm new -------------------------------------------------------------------------------
run "zkvm new" "$zkvm" new "$tmp/new_guest"
for file in CMakeLists.txt main.cc input.bin .gitignore README.md; do
  [ -f "$tmp/new_guest/$file" ] || fail "zkvm new wrote no $file"
done
grep -q -- "-DCMAKE_PREFIX_PATH=$prefix" "$tmp/new_guest/README.md" ||
  fail "zkvm new: README.md does not name the prefix $prefix"
if "$zkvm" new "$tmp/new_guest" >"$tmp/last.log" 2>&1; then
  fail "zkvm new accepted a folder that is not empty"
fi
run "configure (zkvm new)" "$cmake" -S "$tmp/new_guest" -B "$tmp/new_guest/build" \
  "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix"
run "build (zkvm new)" "$cmake" --build "$tmp/new_guest/build"
new_preset=default
if [ "$sanitized" = sanitized ]; then new_preset=insecure; fi
# "hello, zkvm": 11 bytes that sum to 1064.
check_guest new_guest "$tmp/new_guest/build/new_guest/new_guest.elf" "$tmp/new_guest/input.bin" \
  0b0000002804000000000000 "$new_preset"

# --- find_package(zkvm) after a host project() ----------------------------------------------
host=$tmp/host_app
mkdir -p "$host"
cat >"$host/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(sdk_host_app LANGUAGES C)
find_package(zkvm REQUIRED)
EOF
if "$cmake" -S "$host" -B "$host/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$tmp/host.log" 2>&1; then
  fail "find_package(zkvm) after a host project() was accepted"
fi
tr -s ' \n' '  ' <"$tmp/host.log" | grep -q "move find_package(zkvm REQUIRED) above project()" ||
  { cat "$tmp/host.log" >&2; fail "find_package(zkvm) after a host project(): unclear message"; }

echo "sdk_install_test: passed in $((SECONDS - start)) s"
