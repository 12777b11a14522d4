// The bus ids of the VM's tables (docs/tables.md section 6). A bus id is the constant term of
// the LogUp fingerprint, so equal tuples on different buses never cancel.
#pragma once

#include <stdint.h>

namespace zkvm::prover {

enum Bus : uint32_t {
  kExecBus = 1,  // (pc, clk)
  kDecBus = 2,   // (pc, uop, rd, rs1, rs2, c)
  kMemBus = 3,   // (space, addr, ts, value)
  kByteBus = 4,  // (op, x, y, z)
  kPowBus = 5,   // (s, dir, P, F, z)
  kHaltBus = 6,  // (exit_code, cycles)
  kOutBus = 7,   // (index, byte)
  kWjobBus = 8,  // (clk, buf, len)
  kKjobBus = 9,  // (clk, ptr)
};

}  // namespace zkvm::prover
