#!/usr/bin/env bash
# Installs the Debian 12 packages zkvm needs to build, test and compile guests.
# Idempotent and quiet: when everything is present it prints nothing and touches nothing.
# Only apt is used; nothing is downloaded from anywhere else.
set -euo pipefail

packages=(
  # host build
  cmake ninja-build g++ make pkg-config
  libelf-dev libssl-dev libtbb-dev libfmt-dev libcli11-dev libgtest-dev libbenchmark-dev nlohmann-json3-dev
  # guest toolchain: compiler, rv32im/ilp32 libgcc, rv32im/ilp32 libc
  g++-riscv64-linux-gnu binutils-riscv64-linux-gnu gcc-riscv64-unknown-elf
  picolibc-riscv64-unknown-elf
  # differential tests (qemu-riscv32) and format check
  qemu-user clang-format
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
