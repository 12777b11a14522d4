// The bus ids of the VM's tables (docs/tables.md section 6). A bus id is the constant term of
// the LogUp fingerprint, so equal tuples on different buses never cancel.
#pragma once

#include <stdint.h>

namespace zkvm::prover {

enum Bus : uint32_t {
  kExecBus = 1,    // (pc, clk)
  kDecBus = 2,     // (pc, uop, rd, rs1, rs2, c)
  kMemBus = 3,     // (space, addr, ts, value)
  kByteBus = 4,    // (op, x, y, z)
  kPowBus = 5,     // (s, dir, P, F, z)
  kHaltBus = 6,    // (exit_code, cycles, output_length)
  kOutBus = 7,     // (index, byte)
  kCjobBus = 8,    // (clk, addr, rem, idx): the next output byte of a WRITE to fd 1
  kKjobBus = 9,    // (clk, ptr)
  kWbyteBus = 10,  // (clk, addr, byte): a byte of memory read by COMMIT_READ at clk
};

}  // namespace zkvm::prover
