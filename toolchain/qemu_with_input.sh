#!/usr/bin/env bash
# Makes a copy of a guest's qemu variant (<name>.qemu.elf) that carries another private input,
# so differential tests can run qemu-riscv32 on any payload, not only the TEST_INPUT_HEX built
# in. The private-input segment is the last one of the file, so objcopy can replace the
# .zkvm_input section (16-byte header + payload) with one of any size.
#
#   toolchain/qemu_with_input.sh <name>.qemu.elf <payload file> <output elf>
#   qemu-riscv32 <output elf>
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <guest.qemu.elf> <payload file> <output elf>" >&2
  exit 2
fi
elf=$1
payload=$2
out=$3
objcopy=${OBJCOPY:-riscv64-linux-gnu-objcopy}

size=$(stat -c %s "$payload")
if [ "$size" -gt $((0xE0000000 - 0xC0000010)) ]; then
  echo "$0: payload of $size bytes does not fit the private input region" >&2
  exit 1
fi

section=$(mktemp)
trap 'rm -f "$section"' EXIT
# Header: u32 little-endian payload length, 12 zero bytes (syscalls/abi.h).
printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((size & 255)) $((size >> 8 & 255)) \
  $((size >> 16 & 255)) $((size >> 24 & 255)))" > "$section"
head -c 12 /dev/zero >> "$section"
cat "$payload" >> "$section"
"$objcopy" --update-section .zkvm_input="$section" "$elf" "$out"
