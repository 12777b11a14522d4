// Tests of the BRANCH_EQ and BRANCH_LT tables (branch_table.h): every branch on every pair of
// edge values (0, 1, -1, INT_MIN, INT_MAX, 0x8000, 0xFFFF), jumping forward over an instruction
// and backward, taken and not taken; each row's next pc is checked against the RV32I semantics
// computed here, every single-cell change of a real row breaks a constraint or changes the bus
// interactions, and forged rows (the other branch direction with limbs recomputed to satisfy
// the constraints, a wrong sign bit) need an out-of-range limb.
#include "prover/tables/branch_table.h"

#include <gtest/gtest.h>

#include "stark/air/air.h"
#include "testing/encoder.h"
#include "testing/tables/row_eval_testing.h"
#include "testing/tables/table_expectations.h"
#include "testing/tables/table_testing.h"

namespace zkvm::prover {
namespace {

using testing::ExpectShape;

using executor::Opcode;
using zkvm::testing::B;
using zkvm::testing::I;
using zkvm::testing::J;
using zkvm::testing::U;

using testing::kMinusOne;
constexpr unsigned kFirstReg = 5;

// Loads x5..x11 with 0, 1, -1, INT_MIN, INT_MAX, 0x8000, 0xFFFF; returns how many.
unsigned LoadEdgeValues(std::vector<uint32_t>& code, bool all) {
  code.push_back(I(Opcode::kAddi, 5, 0, 0));
  code.push_back(I(Opcode::kAddi, 6, 0, 1));
  code.push_back(I(Opcode::kAddi, 7, 0, -1));
  code.push_back(U(Opcode::kLui, 8, 0x80000));
  code.push_back(U(Opcode::kLui, 9, 0x80000));
  code.push_back(I(Opcode::kAddi, 9, 9, -1));
  if (!all) return 5;
  code.push_back(U(Opcode::kLui, 10, 0x8));
  code.push_back(I(Opcode::kSrli, 10, 10, 1));
  code.push_back(U(Opcode::kLui, 11, 0x10));
  code.push_back(I(Opcode::kAddi, 11, 11, -1));
  return 7;
}

// For each branch op and register pair: a forward branch over one instruction, and a backward
// branch (taken: to a jal x0 that skips it; not taken: on past it):
//   i:   bop ra, rb, +8      (taken: to i+2)
//   i+1: addi x20, x20, 1    (executed when not taken)
//   i+2: j i+4               (+8)
//   i+3: j i+5               (+8: the backward branch's target)
//   i+4: bop ra, rb, -4      (taken: to i+3)
//   i+5: ...
std::vector<uint32_t> BranchProgram(std::initializer_list<Opcode> ops, bool all_values) {
  std::vector<uint32_t> code;
  const unsigned n = LoadEdgeValues(code, all_values);
  for (Opcode op : ops) {
    for (unsigned ra = kFirstReg; ra < kFirstReg + n; ++ra) {
      for (unsigned rb = kFirstReg; rb < kFirstReg + n; ++rb) {
        code.push_back(B(op, ra, rb, 8));
        code.push_back(I(Opcode::kAddi, 20, 20, 1));
        code.push_back(J(0, 8));
        code.push_back(J(0, 8));
        code.push_back(B(op, ra, rb, -4));
      }
    }
  }
  for (uint32_t w : testing::HaltCode()) code.push_back(w);
  return code;
}

// The RV32I branch condition.
bool Taken(Uop uop, uint32_t a, uint32_t b) {
  const auto sa = static_cast<int32_t>(a), sb = static_cast<int32_t>(b);
  switch (uop) {
    case Uop::kBeq:
      return a == b;
    case Uop::kBne:
      return a != b;
    case Uop::kBlt:
      return sa < sb;
    case Uop::kBge:
      return sa >= sb;
    case Uop::kBltu:
      return a < b;
    case Uop::kBgeu:
      return a >= b;
    default:
      ADD_FAILURE() << "not a branch";
      return false;
  }
}

uint32_t Cell(const testing::FilledTable& f, size_t r, size_t c) {
  return static_cast<uint32_t>(f.trace(r, c).value());
}

// Checks each row's next pc against the semantics; returns the number of taken rows.
template <typename Col>
size_t CheckNextPcs(const testing::FilledTable& f,
                    Uop (*uop_of)(const testing::FilledTable&, size_t)) {
  size_t taken = 0;
  for (size_t r = 0; r < f.real_rows; ++r) {
    const uint32_t a = Cell(f, r, Col::kA), b = Cell(f, r, Col::kB);
    const uint32_t pc = Cell(f, r, Col::kPc), c = Cell(f, r, Col::kC);
    const bool t = Taken(uop_of(f, r), a, b);
    taken += t;
    EXPECT_EQ(f.trace(r, Col::kNextPc).value(), t ? c : pc + 4)
        << "row " << r << " a " << a << " b " << b;
  }
  return taken;
}

Uop EqUop(const testing::FilledTable& f, size_t r) {
  return f.trace(r, BranchEqColumns::kFBne).value() == 1 ? Uop::kBne : Uop::kBeq;
}

Uop LtUop(const testing::FilledTable& f, size_t r) {
  using Col = BranchLtColumns;
  if (f.trace(r, Col::kFBlt).value() == 1) return Uop::kBlt;
  if (f.trace(r, Col::kFBge).value() == 1) return Uop::kBge;
  if (f.trace(r, Col::kFBltu).value() == 1) return Uop::kBltu;
  return Uop::kBgeu;
}

TEST(BranchTableTest, Shapes) {
  ExpectShape(BranchEqAir(), 11);
  ExpectShape(BranchLtAir(), 17);
  EXPECT_EQ(BranchEqTable().num_columns(), 16u);
  EXPECT_EQ(BranchLtTable().num_columns(), 23u);
}

TEST(BranchTableTest, EqualityEdgeCases) {
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchEqTable(), TableId::kBranchEq, BranchProgram({Opcode::kBeq, Opcode::kBne}, true));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  // Per op and pair: the forward branch, and the backward one (reached either way).
  EXPECT_EQ(filled->real_rows, 2u * 49 * 2);
  const size_t taken = CheckNextPcs<BranchEqColumns>(*filled, EqUop);
  EXPECT_EQ(taken, filled->real_rows / 2);  // beq and bne: one of each pair is taken
}

TEST(BranchTableTest, LessThanEdgeCases) {
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchLtTable(), TableId::kBranchLt,
      BranchProgram({Opcode::kBlt, Opcode::kBge, Opcode::kBltu, Opcode::kBgeu}, true));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->real_rows, 4u * 49 * 2);
  const size_t taken = CheckNextPcs<BranchLtColumns>(*filled, LtUop);
  EXPECT_EQ(taken, filled->real_rows / 2);  // blt/bge and bltu/bgeu are complements
}

TEST(BranchTableTest, EqualityMutations) {
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchEqTable(), TableId::kBranchEq, BranchProgram({Opcode::kBeq, Opcode::kBne}, false));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  for (uint64_t delta : {uint64_t{1}, kMinusOne, uint64_t{1} << 16}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(BranchEqTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

TEST(BranchTableTest, LessThanMutations) {
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchLtTable(), TableId::kBranchLt,
      BranchProgram({Opcode::kBlt, Opcode::kBge, Opcode::kBltu, Opcode::kBgeu}, false));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  for (uint64_t delta : {uint64_t{1}, kMinusOne}) {
    const std::vector<std::string> undetected =
        testing::UndetectedMutations(BranchLtTable(), *filled, filled->real_rows, delta);
    EXPECT_TRUE(undetected.empty()) << undetected.front();
  }
}

// The other outcome of every beq/bne with eq and inv chosen any way the constraints could
// like: rejected by the constraints.
TEST(BranchTableTest, EqualityForgedOutcomeRejected) {
  using Col = BranchEqColumns;
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchEqTable(), TableId::kBranchEq, BranchProgram({Opcode::kBeq, Opcode::kBne}, true));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  testing::FilledTable& f = *filled;
  const BranchEqAir air;
  for (size_t r = 0; r < f.real_rows; ++r) {
    EXPECT_TRUE(testing::EvaluateRow(air, f.trace, r).accepted()) << "row " << r;
    const Felt eq = f.trace(r, Col::kEq), inv = f.trace(r, Col::kInv),
               next = f.trace(r, Col::kNextPc);
    const Felt diff = f.trace(r, Col::kA) - f.trace(r, Col::kB);
    const uint64_t pc = f.trace(r, Col::kPc).value(), c = f.trace(r, Col::kC).value();
    f.trace(r, Col::kEq) = Felt::One() - eq;
    f.trace(r, Col::kNextPc) = Felt::FromU64(next.value() == c ? pc + 4 : c);
    for (Felt forged_inv : {Felt::Zero(), Felt::One(), inv, diff.IsZero() ? inv : diff.Inverse()}) {
      f.trace(r, Col::kInv) = forged_inv;
      EXPECT_FALSE(testing::EvaluateRow(air, f.trace, r).accepted()) << "row " << r;
    }
    f.trace(r, Col::kEq) = eq;
    f.trace(r, Col::kInv) = inv;
    f.trace(r, Col::kNextPc) = next;
  }
}

// The other outcome of every blt/bge/bltu/bgeu, and any other choice of the sign bits, with
// the difference limbs and the low limbs recomputed so that every constraint holds: some
// range lookup is out of range.
TEST(BranchTableTest, LessThanForgedComparisonRejected) {
  using Col = BranchLtColumns;
  Result<testing::FilledTable> filled = testing::FillFromProgram(
      BranchLtTable(), TableId::kBranchLt,
      BranchProgram({Opcode::kBlt, Opcode::kBge, Opcode::kBltu, Opcode::kBgeu}, true));
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  testing::FilledTable& f = *filled;
  const BranchLtAir air;
  const Felt two31 = Felt::FromU64(uint64_t{1} << 31), two32 = Felt::FromU64(kTwo32);
  const Felt inv16 = Felt::FromU64(kInvTwo16);
  size_t forged = 0;
  for (size_t r = 0; r < f.real_rows; ++r) {
    ASSERT_TRUE(testing::EvaluateRow(air, f.trace, r).accepted()) << "row " << r;
    std::vector<Felt> saved(f.trace.num_cols());
    for (size_t c = 0; c < saved.size(); ++c) saved[c] = f.trace(r, c);
    const Uop uop = LtUop(f, r);
    const bool is_signed = uop == Uop::kBlt || uop == Uop::kBge;
    const bool less_than = uop == Uop::kBlt || uop == Uop::kBltu;
    const Felt a = saved[Col::kA], b = saved[Col::kB];
    const uint64_t pc = saved[Col::kPc].value(), target = saved[Col::kC].value();
    for (unsigned combo = 0; combo < 8; ++combo) {
      const Felt lt = Felt::FromU64(combo & 1), sa = Felt::FromU64((combo >> 1) & 1),
                 sb = Felt::FromU64((combo >> 2) & 1);
      if (lt == saved[Col::kLt] && sa == saved[Col::kSa] && sb == saved[Col::kSb]) continue;
      const Felt s = Felt::FromU64(is_signed);
      const Felt a_cmp = a + s * (two31 - two32 * sa), b_cmp = b + s * (two31 - two32 * sb);
      const Felt d = a_cmp - b_cmp + two32 * lt;
      const Felt d0 = Felt::FromU64(d.value() & 0xFFFF);
      f.trace(r, Col::kLt) = lt;
      f.trace(r, Col::kSa) = sa;
      f.trace(r, Col::kSb) = sb;
      f.trace(r, Col::kD0) = d0;
      f.trace(r, Col::kD1) = (d - d0) * inv16;
      f.trace(r, Col::kQa0) = Felt::FromU64((a + two31 - two32 * sa).value() & 0xFFFF);
      f.trace(r, Col::kQb0) = Felt::FromU64((b + two31 - two32 * sb).value() & 0xFFFF);
      const bool taken = (lt.value() == 1) == less_than;
      f.trace(r, Col::kNextPc) = Felt::FromU64(taken ? target : pc + 4);
      const testing::RowEvaluator e = testing::EvaluateRow(air, f.trace, r);
      EXPECT_TRUE(e.constraints_hold()) << "row " << r << " combo " << combo;
      EXPECT_FALSE(e.accepted()) << "row " << r << " combo " << combo;
      ++forged;
    }
    for (size_t c = 0; c < saved.size(); ++c) f.trace(r, c) = saved[c];
  }
  EXPECT_EQ(forged, 7 * f.real_rows);
}

}  // namespace
}  // namespace zkvm::prover
