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
#include "prover/tables/table_list.h"
#include "stark/air/air.h"

namespace zkvm::prover {

using crypto::Felt;
using stark::AirShape;

// ---- The tables (the list itself is table_list.h) ------------------------------------------

// Every table of a VM proof, in statement order (ZKVM_VM_TABLES).
enum class TableId : uint8_t {
#define ZKVM_TABLE_ID(Name, ...) k##Name,
  ZKVM_VM_TABLES(ZKVM_TABLE_ID)
#undef ZKVM_TABLE_ID
      kCount,
};
inline constexpr size_t kNumTables = static_cast<size_t>(TableId::kCount);

namespace detail {
#define ZKVM_TABLE_KIND(Name, label, Air, kind, ...) TableKind::kind,
inline constexpr TableKind kTableKinds[] = {ZKVM_VM_TABLES(ZKVM_TABLE_KIND)};
#undef ZKVM_TABLE_KIND
#define ZKVM_TABLE_CHUNKING(Name, label, Air, kind, chunking, ...) Chunking::chunking,
inline constexpr Chunking kTableChunking[] = {ZKVM_VM_TABLES(ZKVM_TABLE_CHUNKING)};
#undef ZKVM_TABLE_CHUNKING
#define ZKVM_TABLE_LABEL(Name, label, ...) label,
inline constexpr const char* kTableNames[] = {ZKVM_VM_TABLES(ZKVM_TABLE_LABEL)};
#undef ZKVM_TABLE_LABEL
#define ZKVM_TABLE_PUBLICS(Name, label, Air, kind, chunking, log_rows, publics, ...) \
  PublicValues::publics,
inline constexpr PublicValues kTablePublics[] = {ZKVM_VM_TABLES(ZKVM_TABLE_PUBLICS)};
#undef ZKVM_TABLE_PUBLICS
}  // namespace detail

constexpr TableKind KindOf(TableId t) { return detail::kTableKinds[static_cast<size_t>(t)]; }
constexpr Chunking ChunkingOf(TableId t) { return detail::kTableChunking[static_cast<size_t>(t)]; }
constexpr PublicValues PublicValuesOf(TableId t) {
  return detail::kTablePublics[static_cast<size_t>(t)];
}
constexpr bool IsInstructionTable(TableId t) { return KindOf(t) == TableKind::kInstruction; }
constexpr bool IsPreprocessed(TableId t) { return KindOf(t) == TableKind::kPreprocessed; }
// Whether the table belongs to the run as a whole rather than to a span of its cycles: the
// fixed tables, the page tables (initial and final memory) and HALT. A run cut into segments
// (docs/continuations.md) holds them in its last segment only.
constexpr bool IsClosingTable(TableId t) {
  return ChunkingOf(t) == Chunking::kFixed || ChunkingOf(t) == Chunking::kOne;
}

// How many public values a chunk of a table with `p` gets.
constexpr uint32_t NumPublicValues(PublicValues p) {
  switch (p) {
    case PublicValues::kNone:
      return 0;
    case PublicValues::kVkDigest:
      return 8;
    case PublicValues::kPageZeroBounds:
    case PublicValues::kPageInputBounds:
      return 2;
    case PublicValues::kRefreshTimestamp:
      return 1;
  }
  return 0;
}

// The table's name as statements, transcripts and messages use it ("add_i", "page_zero", ...).
constexpr const char* TableName(TableId t) {
  return t < TableId::kCount ? detail::kTableNames[static_cast<size_t>(t)] : "?";
}

// log2 of the height of a Chunking::kFixed table's one chunk, given the program's DECODE and
// PAGE_ELF heights (the verifying key's); 0 for the other tables.
constexpr uint32_t FixedLogRows(TableId t, uint32_t decode_log_rows, uint32_t page_elf_log_rows) {
  switch (t) {
#define ZKVM_TABLE_LOG_ROWS(Name, label, Air, kind, chunking, log_rows, ...) \
  case TableId::k##Name:                                                     \
    return Chunking::chunking == Chunking::kFixed ? static_cast<uint32_t>(log_rows) : 0;
    ZKVM_VM_TABLES(ZKVM_TABLE_LOG_ROWS)
#undef ZKVM_TABLE_LOG_ROWS
    case TableId::kCount:
      break;
  }
  (void)decode_log_rows;
  (void)page_elf_log_rows;
  return 0;
}

// Micro-op ids (docs/tables.md section 3.2; ZKVM_VM_UOPS). kPadding is never sent.
enum class Uop : uint8_t {
  kPadding = 0,
#define ZKVM_UOP_ID(Name, Table) k##Name,
  ZKVM_VM_UOPS(ZKVM_UOP_ID)
#undef ZKVM_UOP_ID
};
// The ids are committed in DECODE's preprocessed columns (the verifying key).
static_assert(static_cast<int>(Uop::kNop) == 1 && static_cast<int>(Uop::kEcall) == 46 &&
              static_cast<int>(Uop::kIllegal) == 47);

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
// The cycle cap of a statement (docs/tables.md section 5): every timestamp is below 2^43, far
// below the 2^62 the ordering argument needs (differences of timestamps must not wrap mod p).
// The range check of an access bounds the *age* of the token it consumes, t - p - 1 < 2^32,
// not the timestamp: the prover keeps ages below 2^31 + 3 with free initial timestamps and
// REFRESH rows (kRefreshLogCycles).
inline constexpr uint64_t kMaxCycles = uint64_t{1} << 40;
// Every 2^L cycles, L = kRefreshLogCycles (at the segment that starts there), the prover
// refreshes the token of every address not accessed for that long (the REFRESH table), and it
// sets initial timestamps less than 2^L cycles below first accesses (InitTimestamp), so no token
// it consumes is older than 2^(L + 1) + 1 cycles: an age t - p - 1 <= 2^(L + 3) + 2 < 2^32.
inline constexpr uint32_t kRefreshLogCycles = 28;
// The router keeps a 16-bit initial epoch per word: runs of up to 2^(L + 16) cycles.
static_assert(kMaxCycles <= uint64_t{1} << (kRefreshLogCycles + 16));

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

// The call row of a precompile that permutes a state in place at a0 (KECCAK_CALL, POSEIDON2;
// docs/tables.md 4.13, 4.14), in its first 12 columns (StateCallCol). With
// q = min_q + l0 + 2^16 l1: real boolean; real (x - 8 q) = 0; real (max_q - q - h0 - 2^16 h1) = 0;
// the ECALL frame (next pc = pc + 4, rd 10, rs1 17, rs2 10, c 0); reads of a7 (slot 0, value
// `number`) and a0 (slot 1, x); R16 of l0, l1, h0, h1 x real. Guarantees x = 8 q with
// min_q <= q <= max_q as integers (q < 2^33), a7 = `number`, and a0 unchanged. Returns q.
enum StateCallCol : size_t {
  kCallReal,
  kCallPc,
  kCallClk,
  kCallX,
  kCallL0,
  kCallL1,
  kCallH0,
  kCallH1,
  kCallPA7,
  kCallDA7,
  kCallPA0,
  kCallDA0,
  kStateCallCols
};
template <typename E>
ExprOf<E> StateCallAir(E& e, uint64_t min_q, uint64_t max_q, uint32_t number) {
  auto m = [&](size_t c) { return e.main(c); };
  const ExprOf<E> real = m(kCallReal), clk = m(kCallClk), x = m(kCallX);
  const ExprOf<E> q = e.constant(min_q) + m(kCallL0) + e.constant(kTwo16) * m(kCallL1);
  BooleanAir(e, real);
  e.Constrain(real * (x - e.constant(8) * q));
  e.Constrain(real * (e.constant(max_q) - q - m(kCallH0) - e.constant(kTwo16) * m(kCallH1)));
  FrameAir(e, real, m(kCallPc), clk, m(kCallPc) + e.constant(4) * real,
           e.constant(static_cast<uint64_t>(Uop::kEcall)) * real, e.constant(10), e.constant(17),
           e.constant(10), e.constant(0));
  const ExprOf<E> reg = SpaceConst(e, Space::kReg);
  const ExprOf<E> a7 = e.constant(number);
  AccessAir(e, real, reg, e.constant(17), TimestampAir(e, clk, kSlotRs1), m(kCallPA7), m(kCallDA7),
            a7, a7);
  AccessAir(e, real, reg, e.constant(10), TimestampAir(e, clk, kSlotRs2), m(kCallPA0), m(kCallDA0),
            x, x);
  for (size_t c : {kCallL0, kCallL1, kCallH0, kCallH1}) R16Air(e, real, m(c));
  return q;
}

}  // namespace zkvm::prover
