// What every VM table's AIR shares (docs/tables.md sections 3-6), freestanding so that the same
// AIR classes serve the host prover, the host verifier and the verifier inside the VM
// (recursion): the table list, the micro-op and BYTE op ids, the memory argument's spaces and
// timestamp slots, and the AIR halves of the gadgets (gadgets.h has their fill halves):
//
//   Frame   Receive EXEC (pc, clk), Send EXEC (next_pc, clk + 1), Send DEC (pc, uop, rd, rs1,
//           rs2, c), all with the row's multiplicity `real`.
//   Access  one memory access: Receive MEM (space, addr, p, old), Send MEM (space, addr, t, new)
//           and the two R16 lookups proving t - p - 1 in [0, 2^32), i.e. p < t: columns p, d
//           (the low 16 bits of t - p - 1).
//   R16     Send BYTE (R16, x, 0, 0): x in [0, 2^16); R16Bits(x, k) checks x < 2^k.
//   Pair    Send BYTE (PAIR, x, y, 0): x and y are bytes.
//
// Every gadget's interactions carry degree-1 tuple entries so two share an aux column.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "prover/tables/buses.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::Felt;
using stark::AirShape;

// ---- The tables -------------------------------------------------------------------------------

// Every table of a VM proof, in statement order. The first six have preprocessed columns
// (their order fixes the verifying key's tree); the rest are witness tables. Instruction
// tables (kNop .. kKeccakCall) get one row per executed instruction of their micro-ops.
enum class TableId : uint8_t {
  kDecode = 0,
  kRegister,
  kPageElf,
  kByte,
  kPow,
  kKeccakRc,
  kPageZero,
  kPageInput,
  kNop,
  kConst,
  kAddI,
  kAddR,
  kBitI,
  kBitR,
  kShiftI,
  kShiftR,
  kCmpI,
  kCmpR,
  kBranchEq,
  kBranchLt,
  kJal,
  kJalr,
  kLoadW,
  kLoadBh,
  kStoreW,
  kStoreBh,
  kMul,
  kDivRem,
  kHalt,
  kWrite,
  kKeccakCall,
  kCommitRead,
  kCommit,
  kKeccakMem,
  kKeccak,
  kCount,
};
inline constexpr size_t kNumTables = static_cast<size_t>(TableId::kCount);
inline constexpr TableId kFirstInstructionTable = TableId::kNop;
inline constexpr TableId kLastInstructionTable = TableId::kKeccakCall;

constexpr bool IsInstructionTable(TableId t) {
  return t >= kFirstInstructionTable && t <= kLastInstructionTable;
}

// Micro-op ids (docs/tables.md section 3.2). 0 is the padding value, never sent. Each id names
// the table that executes it (in brackets).
enum class Uop : uint8_t {
  kNop = 1,    // [NOP] fence, step markers, rd = x0 without other effect, jal x0
  kConst = 2,  // [CONST] lui, auipc, op-imm with rs1 = x0
  kAddi,       // [ADD_I]
  kAdd,        // [ADD_R]
  kSub,
  kXori,  // [BIT_I]
  kOri,
  kAndi,
  kXor,  // [BIT_R]
  kOr,
  kAnd,
  kSlli,  // [SHIFT_I]
  kSrli,
  kSrai,
  kSll,  // [SHIFT_R]
  kSrl,
  kSra,
  kSlti,  // [CMP_I]
  kSltiu,
  kSlt,  // [CMP_R]
  kSltu,
  kBeq,  // [BRANCH_EQ]
  kBne,
  kBlt,  // [BRANCH_LT]
  kBge,
  kBltu,
  kBgeu,
  kJal,   // [JAL] rd != x0
  kJalr,  // [JALR]
  kLw,    // [LOAD_W]
  kLb,    // [LOAD_BH]
  kLh,
  kLbu,
  kLhu,
  kSw,  // [STORE_W]
  kSb,  // [STORE_BH]
  kSh,
  kMul,  // [MUL]
  kMulh,
  kMulhsu,
  kMulhu,
  kDiv,  // [DIVREM]
  kDivu,
  kRem,
  kRemu,
  kEcall,    // [HALT, WRITE, KECCAK_CALL] rd = a0, rs1 = a7, rs2 = a0
  kIllegal,  // ebreak, illegal and data words: sent by no table
};

// The register number of the sink x32: loads and jalr with rd = x0 write it, nothing reads it.
inline constexpr uint32_t kSinkRegister = 32;

// The op ids on bus BYTE; the tuple's first entry. 0 is no op (padding rows of senders).
enum class ByteOp : uint8_t { kAnd = 1, kOr = 2, kXor = 3, kPair = 4, kMsb = 5, kR16 = 6 };
inline constexpr size_t kNumByteOps = 6;
inline constexpr size_t kByteTableLogRows = 16;
inline constexpr size_t kByteTableRows = size_t{1} << kByteTableLogRows;

// ---- The memory argument (docs/tables.md section 5) ----------------------------------------

// Address spaces of bus MEM: registers (x0..x31, the sink x32, the output cursor x33), RAM
// words (address = byte address / 4) and ROM words (the executable range, read-only).
enum class Space : uint8_t { kReg = 0, kRam = 1, kRom = 2 };

// x32: written by loads and jalr with rd = x0, never read.
// x33: the public-output cursor, the number of bytes written to fd 1 so far. WRITE (fd 1)
// advances it, HALT reads its final value into the statement, so output jobs are ordered.
inline constexpr uint32_t kCursorRegister = 33;
inline constexpr uint32_t kNumRegisterTokens = 34;

// Timestamp slots within one instruction: ts = 4 * clk + slot.
enum Slot : uint32_t {
  kSlotRs1 = 0,  // first register read port (rs1; a7 and a1 for syscalls)
  kSlotRs2 = 1,  // second register read port (rs2; a0 or a2 for syscalls)
  kSlotRam = 2,  // the RAM port (loads, stores, output words) and the cursor
  kSlotRd = 3,   // the register write port
};
constexpr uint64_t Timestamp(uint64_t clk, uint32_t slot) { return 4 * clk + slot; }
// Runs are capped so that every timestamp is below 2^32.
inline constexpr uint64_t kMaxCycles = (uint64_t{1} << 30) - 2;

// ---- Gadgets: AIR halves ---------------------------------------------------------------------

inline constexpr uint64_t kTwo16 = uint64_t{1} << 16;
inline constexpr uint64_t kTwo32 = uint64_t{1} << 32;
// 2^-8 and 2^-16 in the field.
inline constexpr uint64_t kInvTwo8 = Felt::FromU64(uint64_t{1} << 8).Inverse().value();
inline constexpr uint64_t kInvTwo16 = Felt::FromU64(kTwo16).Inverse().value();

template <typename E>
using ExprOf = typename E::Expr;

template <typename E>
void FrameAir(E& e, ExprOf<E> real, ExprOf<E> pc, ExprOf<E> clk, ExprOf<E> next_pc, ExprOf<E> uop,
              ExprOf<E> rd, ExprOf<E> rs1, ExprOf<E> rs2, ExprOf<E> c) {
  e.Receive(kExecBus, real, {pc, clk});
  e.Send(kExecBus, real, {next_pc, clk + e.constant(1)});
  e.Send(kDecBus, real, {pc, uop, rd, rs1, rs2, c});
}

// The timestamp of `slot` at clock `clk`.
template <typename E>
ExprOf<E> TimestampAir(E& e, ExprOf<E> clk, uint32_t slot) {
  return e.constant(4) * clk + e.constant(slot);
}

template <typename E>
void R16Air(E& e, ExprOf<E> m, ExprOf<E> x) {
  const auto zero = e.constant(0);
  e.Send(kByteBus, m, {e.constant(static_cast<uint64_t>(ByteOp::kR16)), x, zero, zero});
}

// x < 2^bits (bits <= 16): a lookup of 2^(16 - bits) x. Sound only when x is already known
// to be an integer: the lookup proves 2^(16 - bits) x in [0, 2^16), which a fraction such as
// x = 1/2 (a huge field element) also passes. So a split a = s 2^31 + lo + 2^16 hi must not
// check hi with R16Bits(hi, 15); check lo with R16Bits(lo, 15) and hi with R16 over the split
// a = s 2^31 + lo + 2^15 hi instead (doubling it gives an integer identity).
template <typename E>
void R16BitsAir(E& e, ExprOf<E> m, ExprOf<E> x, unsigned bits) {
  R16Air(e, m, e.constant(uint64_t{1} << (16 - bits)) * x);
}

template <typename E>
void PairAir(E& e, ExprOf<E> m, ExprOf<E> x, ExprOf<E> y) {
  e.Send(kByteBus, m, {e.constant(static_cast<uint64_t>(ByteOp::kPair)), x, y, e.constant(0)});
}

// One access at timestamp t consuming (space, addr, p, old) and emitting (space, addr, t, new).
// For a read, pass the same expression as old and new.
template <typename E>
void AccessAir(E& e, ExprOf<E> m, ExprOf<E> space, ExprOf<E> addr, ExprOf<E> t, ExprOf<E> p,
               ExprOf<E> d, ExprOf<E> old_value, ExprOf<E> new_value) {
  e.Receive(kMemBus, m, {space, addr, p, old_value});
  e.Send(kMemBus, m, {space, addr, t, new_value});
  R16Air(e, m, d);
  R16Air(e, m, (t - p - e.constant(1) - d) * e.constant(kInvTwo16));
}

template <typename E>
ExprOf<E> SpaceConst(E& e, Space s) {
  return e.constant(static_cast<uint64_t>(s));
}

// x * (x - 1) = 0.
template <typename E>
void BooleanAir(E& e, ExprOf<E> x) {
  e.Constrain(x * (x - e.constant(1)));
}

}  // namespace zkvm::prover
