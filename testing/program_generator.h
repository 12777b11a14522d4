// Random RV32IM test programs for differential testing against qemu-riscv32.
//
// A program initializes every register but x0 with "interesting" values (0, +-1, INT_MIN,
// INT_MAX, byte/halfword boundaries, random), then runs a random mix of every RV32IM
// instruction: R and I arithmetic including all M edge cases, shifts, lui/auipc, loads and
// stores of every width and sign into a 4 KiB data segment, forward branches and jumps
// (jal, jalr with odd offsets), short counted loops, fences and step markers. It ends by
// storing all registers after the data segment, writing data + registers to fd 1 (public
// output) and halting with an exit code derived from a register. HALT (93) and WRITE (64) are
// also Linux's exit and write, so the same ELF runs unchanged under qemu-riscv32.
//
// Reserved registers: x31 = data pointer (data + 2048), x30 = scratch for jalr and the final
// dump, x29 = loop counter. Random instructions write only x0..x28.
#pragma once

#include <cstdint>
#include <vector>

namespace zkvm::testing {

struct GeneratedProgram {
  static constexpr uint32_t kTextBase = 0x00010000;
  static constexpr uint32_t kDataBase = 0x00100000;
  static constexpr uint32_t kDataSize = 4096;
  static constexpr uint32_t kDumpSize = 128;  // x0..x31 after the data

  std::vector<uint32_t> code;
  std::vector<uint8_t> data;  // initial data segment (kDataSize + kDumpSize bytes)
  std::vector<uint8_t> elf;
};

struct GeneratorOptions {
  int num_items = 200;  // random instruction groups between prologue and epilogue
};

GeneratedProgram GenerateProgram(uint64_t seed, const GeneratorOptions& options = {});

}  // namespace zkvm::testing
