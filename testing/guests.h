// The guest ELFs built by `make compile-programs`, read from the manifest the guest build
// writes (<build>/guests/guests.txt: one "name elf qemu_elf input" line per guest).
#pragma once

#include <stdint.h>

#include <string>
#include <vector>

#include "executor/executor.h"
#include "executor/program.h"

namespace zkvm::testing {

struct GuestInfo {
  std::string name;
  std::string elf;       // the zkvm ELF
  std::string qemu_elf;  // the same code linked for qemu-riscv32 with its test input embedded
  std::string input;     // the test input payload for the zkvm ELF
};

// All guests in the manifest; empty (and a printed reason) if it cannot be read.
std::vector<GuestInfo> ListGuests(const std::string& guest_dir);

// The one guest named `name`; aborts the test binary if it is missing.
GuestInfo FindGuest(const std::string& guest_dir, const std::string& name);

// A guest's program and its test input, loaded; aborts the test binary if either is missing.
struct LoadedGuest {
  executor::Program program;
  std::vector<uint8_t> input;
};
LoadedGuest LoadGuest(const std::string& guest_dir, const std::string& name);

// Runs the guest on its test input to the end (debug output discarded): the executor's
// statement of the run.
executor::MachineState RunGuest(const LoadedGuest& guest);

}  // namespace zkvm::testing
