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
  kKjobBus = 9,    // (clk, ptr): a KECCAK_F1600 call on the state at word index ptr
  kWbyteBus = 10,  // (clk, addr, byte): a byte of memory read by COMMIT_READ at clk
  kKinBus = 11,    // (clk, w, 5 words): words w .. w + 4 of a Keccak call's input state
  kKoutBus = 12,   // (clk, w, 5 words): the same words of its output state
  kKrcBus = 13,    // (round, first, last, rc bits): a row of KECCAK_RC
  kP2ioBus = 14,   // (clk, w, 3 input elements, 3 output elements): elements of a POSEIDON2
                   // call whose words start at word index w
};

}  // namespace zkvm::prover
