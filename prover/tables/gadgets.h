// Building blocks the instruction tables share (docs/tables.md sections 4.0 and 5), each as an
// AIR half (a template over the evaluator, freestanding) and a fill half (host) that must
// agree on columns and lookups:
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
#include "prover/tables/byte_table.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover {

inline constexpr uint64_t kTwo16 = uint64_t{1} << 16;
inline constexpr uint64_t kTwo32 = uint64_t{1} << 32;
// 2^-16 in the field.
inline constexpr uint64_t kInvTwo16 = Felt::FromU64(kTwo16).Inverse().value();

template <typename E>
using ExprOf = typename E::Expr;

// ---- AIR halves -------------------------------------------------------------------------------

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

// ---- Fill halves ------------------------------------------------------------------------------

// Fills the p and d columns of an access at timestamp t consuming a token of timestamp p and
// reports its two R16 lookups. Requires p < t < 2^32 (the router guarantees it).
void FillAccess(RowWriter& row, size_t col_p, size_t col_d, uint64_t t, uint32_t p,
                LookupSink* sink);

inline void AddR16(LookupSink* sink, uint32_t x) {
  if (sink != nullptr) sink->Byte(ByteLookup::R16(x));
}
inline void AddR16Bits(LookupSink* sink, uint32_t x, unsigned bits) {
  if (sink != nullptr) sink->Byte(ByteLookup::R16(x << (16 - bits)));
}
inline void AddPair(LookupSink* sink, uint32_t x, uint32_t y) {
  if (sink != nullptr) sink->Byte(ByteLookup::Pair(x, y));
}

}  // namespace zkvm::prover
