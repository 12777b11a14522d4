// Tests of the DECODE table (decode_table.h): the micro-op mapping of docs/tables.md section 3.2
// on hand-encoded instructions; the preprocessed rows of a real guest ELF checked against
// executor::Decode; the pc counts; a test sender whose DEC tuples balance with DECODE and prove
// and verify, and a forged tuple that unbalances the bus and whose forced proof is rejected.
#include "prover/tables/decode_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stark/air/bus_ledger.h"
#include "stark/air/row_checker.h"
#include "stark/prover/stark_prover.h"
#include "stark/security/proof_options.h"
#include "stark/verifier/stark_verifier_host.h"
#include "testing/stark_testing.h"

namespace zkvm::prover {
namespace {

using executor::Decode;
using executor::Instruction;
using executor::Opcode;
using executor::Program;
using executor::Unit;
using stark::BusLedger;
using stark::ProverAirAdapter;
using stark::ProverStatement;
using stark::TableTrace;

DecodedRow RowOf(uint32_t pc, uint32_t word, Opcode expected) {
  const Instruction inst = Decode(word);
  EXPECT_EQ(inst.opcode, expected) << std::hex << word;
  return DecodeRow(pc, inst);
}

TEST(DecodeTableTest, MicroOps) {
  const uint32_t pc = 0x1000;
  // lui x5, 0x12345; auipc x5, 1; li x5, -1; slti x5, x0, 5 (a constant 1).
  EXPECT_EQ(RowOf(pc, 0x123452B7, Opcode::kLui),
            (DecodedRow{.uop = Uop::kConst, .rd = 5, .c = 0x12345000}));
  EXPECT_EQ(RowOf(pc, 0x00001297, Opcode::kAuipc),
            (DecodedRow{.uop = Uop::kConst, .rd = 5, .c = pc + 0x1000}));
  EXPECT_EQ(RowOf(pc, 0xFFF00293, Opcode::kAddi),
            (DecodedRow{.uop = Uop::kConst, .rd = 5, .c = 0xFFFFFFFF}));
  EXPECT_EQ(RowOf(pc, 0x00502293, Opcode::kSlti),
            (DecodedRow{.uop = Uop::kConst, .rd = 5, .c = 1}));
  // nop (addi x0, x0, 0), a step marker (addi x0, x0, 3), add x0, x1, x2, fence: NOP to pc + 4.
  for (uint32_t word : {0x00000013u, 0x00300013u, 0x00208033u, 0x0FF0000Fu}) {
    EXPECT_EQ(DecodeRow(pc, Decode(word)), (DecodedRow{.uop = Uop::kNop, .c = pc + 4}))
        << std::hex << word;
  }
  // jal x0, +8 is a NOP to the target; jal x1, +8 keeps JAL.
  EXPECT_EQ(RowOf(pc, 0x0080006F, Opcode::kJal), (DecodedRow{.uop = Uop::kNop, .c = pc + 8}));
  EXPECT_EQ(RowOf(pc, 0x008000EF, Opcode::kJal),
            (DecodedRow{.uop = Uop::kJal, .rd = 1, .c = pc + 8}));
  // ecall reads a7 and a0 and writes a0; ebreak and an illegal word are ILLEGAL.
  EXPECT_EQ(RowOf(pc, 0x00000073, Opcode::kEcall),
            (DecodedRow{.uop = Uop::kEcall, .rd = 10, .rs1 = 17, .rs2 = 10}));
  EXPECT_EQ(RowOf(pc, 0x00100073, Opcode::kEbreak), DecodedRow{});
  EXPECT_EQ(RowOf(pc, 0xFFFFFFFF, Opcode::kIllegal), DecodedRow{});
  EXPECT_EQ(DecodedRow{}.uop, Uop::kIllegal);
  // lw x0, 4(x2) writes the sink x32.
  EXPECT_EQ(RowOf(pc, 0x00412003, Opcode::kLw),
            (DecodedRow{.uop = Uop::kLw, .rd = kSinkRegister, .rs1 = 2, .c = 4}));
  // slti x5, x6, -1: the immediate with bit 31 flipped.
  EXPECT_EQ(RowOf(pc, 0xFFF32293, Opcode::kSlti),
            (DecodedRow{.uop = Uop::kSlti, .rd = 5, .rs1 = 6, .c = 0x7FFFFFFF}));
  // beq x1, x2, -4: c is the target.
  EXPECT_EQ(RowOf(pc, 0xFE208EE3, Opcode::kBeq),
            (DecodedRow{.uop = Uop::kBeq, .rs1 = 1, .rs2 = 2, .c = pc - 4}));
  // add x3, x1, x2.
  EXPECT_EQ(RowOf(pc, 0x002081B3, Opcode::kAdd),
            (DecodedRow{.uop = Uop::kAdd, .rd = 3, .rs1 = 1, .rs2 = 2}));
}

const Program& Fibonacci() {
  static const Program* program = [] {
    Result<Program> p =
        executor::LoadElfFile(std::string(ZKVM_GUEST_DIR) + "/fibonacci/fibonacci.elf");
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
    return p.ok() ? new Program(std::move(p).value()) : new Program();
  }();
  return *program;
}

// The fields a row must have, restated per instruction format from the ISA (independently of
// DecodeRow's case order).
void ExpectRowFits(uint32_t pc, const Instruction& inst, const DecodedRow& row) {
  const auto imm = static_cast<uint32_t>(inst.imm);
  const Unit unit = executor::IsaInfo(inst.opcode).unit;
  SCOPED_TRACE(::testing::Message() << "pc " << std::hex << pc);
  if (inst.opcode == Opcode::kIllegal || inst.opcode == Opcode::kEbreak) {
    EXPECT_EQ(row.uop, Uop::kIllegal);
  } else if (unit == Unit::kBranch) {
    EXPECT_EQ(row.c, pc + imm);
    EXPECT_EQ(row.rs1, inst.rs1);
    EXPECT_EQ(row.rs2, inst.rs2);
    EXPECT_EQ(row.rd, 0u);
  } else if (unit == Unit::kStore) {
    EXPECT_EQ(row.c, imm);
    EXPECT_EQ(row.rs1, inst.rs1);
    EXPECT_EQ(row.rs2, inst.rs2);
  } else if (unit == Unit::kLoad || inst.opcode == Opcode::kJalr) {
    EXPECT_EQ(row.rd, inst.rd == 0 ? kSinkRegister : inst.rd);
    EXPECT_EQ(row.c, imm);
  } else if (inst.opcode == Opcode::kJal) {
    EXPECT_EQ(row.uop, inst.rd == 0 ? Uop::kNop : Uop::kJal);
    EXPECT_EQ(row.c, pc + imm);
  } else if (inst.opcode == Opcode::kEcall) {
    EXPECT_EQ(row.uop, Uop::kEcall);
  } else if (inst.rd == 0) {
    EXPECT_EQ(row, (DecodedRow{.uop = Uop::kNop, .c = pc + 4}));
  } else {
    EXPECT_EQ(row.rd, inst.rd);
    if (row.uop != Uop::kConst) {
      EXPECT_NE(inst.rs1, 0);
      EXPECT_EQ(row.rs1, inst.rs1);
      EXPECT_EQ(row.rs2, inst.rs2);
    }
  }
  EXPECT_LE(row.rd, 32u);
  EXPECT_LE(row.rs1, 31u);
  EXPECT_LE(row.rs2, 31u);
}

TEST(DecodeTableTest, GuestRowsMatchTheDecoder) {
  const Program& program = Fibonacci();
  ASSERT_FALSE(program.decoded.empty());
  const ColumnMajorMatrix m = DecodePreprocessed(program);
  ASSERT_EQ(m.num_cols(), size_t{kNumDecodePreprocessedColumns});
  ASSERT_GE(m.num_rows(), program.decoded.size());
  ASSERT_LT(m.num_rows() / 2, program.decoded.size());
  size_t per_uop[64] = {};
  for (size_t i = 0; i < m.num_rows(); ++i) {
    if (i >= program.decoded.size()) {
      for (size_t c = 0; c < kNumDecodePreprocessedColumns; ++c) EXPECT_TRUE(m(i, c).IsZero());
      continue;
    }
    const uint32_t pc = program.text_begin + 4 * static_cast<uint32_t>(i);
    const Instruction inst = Decode(program.words[i]);
    ASSERT_EQ(inst.opcode, program.decoded[i].opcode);
    const DecodedRow row = DecodeRow(pc, inst);
    EXPECT_EQ(m(i, kDecodePc).value(), pc);
    EXPECT_EQ(m(i, kDecodeUop).value(), static_cast<uint64_t>(row.uop));
    EXPECT_EQ(m(i, kDecodeRd).value(), row.rd);
    EXPECT_EQ(m(i, kDecodeRs1).value(), row.rs1);
    EXPECT_EQ(m(i, kDecodeRs2).value(), row.rs2);
    EXPECT_EQ(m(i, kDecodeC).value(), row.c);
    EXPECT_NE(m(i, kDecodeUop).value(), 0u);
    ExpectRowFits(pc, inst, row);
    ++per_uop[static_cast<size_t>(row.uop)];
  }
  // A real program has constants, plain ALU rows, loads, stores, branches and syscalls.
  for (Uop u : {Uop::kConst, Uop::kAddi, Uop::kLw, Uop::kSw, Uop::kEcall, Uop::kJal}) {
    EXPECT_GT(per_uop[static_cast<size_t>(u)], 0u) << static_cast<int>(u);
  }
}

TEST(DecodeTableTest, Counts) {
  const Program& program = Fibonacci();
  DecodeCounts counts(program);
  const uint32_t entry = program.entry;
  ASSERT_TRUE(counts.Add(entry).ok());
  ASSERT_TRUE(counts.Add(entry, 2).ok());
  EXPECT_EQ(counts.count(entry), 3u);
  EXPECT_FALSE(counts.Add(entry + 2).ok());
  EXPECT_FALSE(counts.Add(program.text_begin - 4).ok());
  EXPECT_FALSE(counts.Add(program.text_end).ok());
  const ColumnMajorMatrix m = counts.Trace();
  EXPECT_EQ(m((entry - program.text_begin) / 4, 0).value(), 3u);
}

// A test table that sends one DEC tuple per row. Columns: pc, uop, rd, rs1, rs2, c, m.
class DecodeUserAir {
 public:
  const char* name() const { return "decode_user"; }
  AirShape shape() const { return {.num_main_columns = 7, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    e.Send(kDecBus, e.main(6), {e.main(0), e.main(1), e.main(2), e.main(3), e.main(4), e.main(5)});
  }
};

stark::ProofOptions TestOptions() {
  stark::ProofOptions o = stark::kInsecureTestOptions;
  o.log_blowup = 1;
  o.num_queries = 8;
  return o;
}

TEST(DecodeTableTest, SendsBalanceProveAndVerify) {
  const Program& program = Fibonacci();
  // The first 12 legal pcs, each "executed" once (the entry twice).
  std::vector<uint32_t> pcs;
  for (size_t i = 0; i < program.decoded.size() && pcs.size() < 12; ++i) {
    const uint32_t pc = program.text_begin + 4 * static_cast<uint32_t>(i);
    if (DecodeRow(pc, program.decoded[i]).uop != Uop::kIllegal) pcs.push_back(pc);
  }
  pcs.push_back(program.entry);
  DecodeCounts counts(program);
  ColumnMajorMatrix user(16, 7);
  for (size_t r = 0; r < pcs.size(); ++r) {
    ASSERT_TRUE(counts.Add(pcs[r]).ok());
    const DecodedRow row = DecodeRow(pcs[r], program.decoded[(pcs[r] - program.text_begin) / 4]);
    const uint64_t values[7] = {
        pcs[r], static_cast<uint64_t>(row.uop), row.rd, row.rs1, row.rs2, row.c, 1};
    for (size_t c = 0; c < 7; ++c) user(r, c) = Felt::FromU64(values[c]);
  }
  const DecodeAir decode_air;
  const DecodeUserAir user_air;
  const ProverAirAdapter<DecodeAir> decode(decode_air);
  const ProverAirAdapter<DecodeUserAir> sender(user_air);
  ASSERT_TRUE(decode.valid());
  const ColumnMajorMatrix fixed = DecodePreprocessed(program);
  const ColumnMajorMatrix main = counts.Trace();

  const auto ledger_of = [&](const ColumnMajorMatrix& u) {
    BusLedger ledger;
    EXPECT_TRUE(stark::CheckTable(decode_air, TableTrace{main, fixed, {}}, &ledger).ok());
    EXPECT_TRUE(stark::CheckTable(user_air, TableTrace{u, {}, {}}, &ledger).ok());
    return ledger;
  };
  const auto statement_of = [&](const ColumnMajorMatrix& u) {
    ProverStatement s;
    s.tables.push_back({&decode, main, fixed, {}});
    s.tables.push_back({&sender, u, {}, {}});
    s.options = TestOptions();
    return s;
  };
  const BusLedger ledger = ledger_of(user);
  EXPECT_TRUE(ledger.Balanced()) << ledger.Report();
  const ProverStatement statement = statement_of(user);
  Result<std::vector<uint8_t>> proof = stark::ProveStark(statement);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  const Status v = zkvm::testing::VerifyProverStatement(*proof, statement);
  EXPECT_TRUE(v.ok()) << v.message();

  // A forged tuple: another constant for the entry's instruction.
  ColumnMajorMatrix forged(16, 7);
  for (size_t c = 0; c < 7; ++c) {
    for (size_t r = 0; r < 16; ++r) forged(r, c) = user(r, c);
  }
  forged(0, 5) += Felt::One();
  const BusLedger bad = ledger_of(forged);
  EXPECT_FALSE(bad.Balanced());
  EXPECT_NE(bad.Report().find("decode_user"), std::string::npos) << bad.Report();
  const ProverStatement bad_statement = statement_of(forged);
  EXPECT_FALSE(stark::ProveStark(bad_statement).ok());
  Result<std::vector<uint8_t>> forced = stark::ProveStark(bad_statement, {.debug_checks = false});
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_FALSE(zkvm::testing::VerifyProverStatement(*forced, bad_statement).ok());
}

}  // namespace
}  // namespace zkvm::prover
