// A disassembler for the ISA table, printing exactly what GNU objdump prints for RV32IM
// (`riscv64-linux-gnu-objdump -d`, with or without `-M no-aliases`), so tests can compare the
// two line by line. Debian's Capstone has no RISC-V support (DESIGN.md section 11), and our own
// table is the single source of truth anyway.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "executor/decoder.h"

namespace zkvm::executor {

struct DisassemblyOptions {
  // objdump's default: print pseudo-instructions (li, mv, ret, beqz, ...).
  bool aliases = true;
  // Optional: names an address for branch/jump targets (" <main+0x10>"); empty for none.
  std::function<std::string(uint32_t)> symbolize;
};

// "mnemonic\toperands" for the word at `pc`, as objdump prints it after the raw word.
std::string Disassemble(uint32_t word, uint32_t pc, const DisassemblyOptions& options = {});

// ABI name of register x<index> ("zero", "ra", "sp", ..., "t6").
const char* RegisterName(unsigned index);

}  // namespace zkvm::executor
