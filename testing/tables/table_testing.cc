#include "testing/tables/table_testing.h"

#include <fmt/format.h>
#include <algorithm>

#include "executor/executor.h"
#include "stark/air/bus_ledger.h"
#include "testing/elf_builder.h"
#include "testing/encoder.h"

namespace zkvm::prover::testing {
namespace {

class RecordingSink final : public LookupSink {
 public:
  explicit RecordingSink(FilledTable* out) : out_(out) {}
  void Byte(const ByteLookup& lookup) override { out_->byte_lookups.push_back(lookup); }
  void Pow(uint32_t s, uint32_t dir) override { out_->pow_lookups.emplace_back(s, dir); }

 private:
  FilledTable* out_;
};

size_t PaddedRows(size_t n) {
  size_t rows = 2;
  while (rows < n) rows *= 2;
  return rows;
}

}  // namespace

std::vector<uint32_t> HaltCode() {
  using executor::Opcode;
  return {zkvm::testing::I(Opcode::kAddi, 17, 0, 93), zkvm::testing::Ecall()};
}

Result<FilledTable> FillFromProgram(const VmTable& table, TableId id,
                                    const std::vector<uint32_t>& code) {
  const std::vector<uint8_t> elf = zkvm::testing::BuildCodeElf(code);
  Result<executor::Program> loaded = executor::LoadElf(elf, "test program");
  if (!loaded.ok()) return loaded.error();
  const executor::Program& program = *loaded;
  Result<executor::Executor> ex = executor::Executor::Create(program, {});
  if (!ex.ok()) return ex.error();
  executor::ExecutionLog log;
  const executor::MachineState& state = ex->Run({.max_cycles = 1'000'000, .log = &log});
  if (state.status != executor::RunStatus::kHalted) {
    return MakeError("test program did not halt (cycle {})", state.cycle);
  }
  std::vector<RowInput> inputs;
  std::vector<RoutedRow> routed;
  std::vector<DecodedRow> decoded;
  std::vector<size_t> steps;
  for (size_t i = 0; i < log.steps.size(); ++i) {
    const executor::StepRecord& s = log.steps[i];
    const DecodedRow dec = DecodeRow(s.pc, program.decoded[(s.pc - program.text_begin) / 4]);
    if (TableOf(dec.uop, s.rs1_value) != id) continue;
    const executor::SyscallRecord* sys =
        dec.uop == Uop::kEcall ? &log.syscalls[s.mem_addr - log.first_syscall] : nullptr;
    MemAccess acc[kMaxAccesses];
    const size_t n =
        RowAccesses(table.accesses(), dec, s, sys, program.text_begin, program.text_end, 0, acc);
    RoutedRow r;
    r.step = static_cast<uint32_t>(i);
    for (size_t k = 0; k < n; ++k) {
      r.prev_gap[k] = static_cast<uint32_t>(i % 3);
      r.prev_value[k] = acc[k].write ? acc[k].value ^ 0x5A5A'0000u : acc[k].value;
    }
    routed.push_back(r);
    steps.push_back(i);
  }
  FilledTable out;
  out.real_rows = routed.size();
  const size_t rows = PaddedRows(routed.size());
  out.trace = crypto::ColumnMajorMatrix(rows, table.num_columns());
  std::vector<Felt> scratch(table.num_columns());
  RecordingSink sink(&out);
  for (size_t r = 0; r < routed.size(); ++r) {
    const executor::StepRecord& s = log.steps[steps[r]];
    RowInput in;
    in.clk = steps[r] + 1;
    in.step = &s;
    in.dec = DecodeRow(s.pc, program.decoded[(s.pc - program.text_begin) / 4]);
    in.routed = &routed[r];
    in.syscall =
        in.dec.uop == Uop::kEcall ? &log.syscalls[s.mem_addr - log.first_syscall] : nullptr;
    in.rom = s.mem_addr >= program.text_begin && s.mem_addr < program.text_end;
    std::fill(scratch.begin(), scratch.end(), Felt::Zero());
    RowWriter writer(scratch);
    table.Fill(in, writer, &sink);
    for (size_t c = 0; c < scratch.size(); ++c) out.trace(r, c) = scratch[c];
  }
  for (const ByteLookup& l : out.byte_lookups) {
    if (Result<size_t> row = ByteRowOf(l); !row.ok()) return row.error();
  }
  for (auto [s, dir] : out.pow_lookups) {
    if (s >= 32 || dir >= 2) return MakeError("POW lookup ({}, {}) is not a row", s, dir);
  }
  stark::TableTrace trace{out.trace.view(), {}, {}};
  if (Status st = table.air().Check(trace, nullptr); !st.ok()) return Error{st.message()};
  return out;
}

std::vector<std::string> UndetectedMutations(const VmTable& table, const FilledTable& filled,
                                             size_t max_rows, uint64_t delta) {
  std::vector<std::string> undetected;
  const size_t rows = std::min(filled.real_rows, max_rows);
  crypto::ColumnMajorMatrix copy(filled.trace.num_rows(), filled.trace.num_cols());
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < filled.trace.num_cols(); ++c) {
      std::copy(filled.trace.data(), filled.trace.data() + filled.trace.size(), copy.data());
      copy(r, c) = copy(r, c) + Felt::FromU64(delta);
      stark::BusLedger ledger;
      (void)table.air().Check({filled.trace.view(), {}, {}}, &ledger);
      ledger.set_negate(true);
      const Status st = table.air().Check({copy.view(), {}, {}}, &ledger);
      if (st.ok() && ledger.Balanced()) undetected.push_back(fmt::format("row {} column {}", r, c));
    }
  }
  return undetected;
}

std::vector<uint32_t> WithHalt(std::vector<uint32_t> code) {
  for (uint32_t w : HaltCode()) code.push_back(w);
  return code;
}

std::vector<uint32_t> PairsProgram(std::initializer_list<executor::Opcode> ops, size_t first,
                                   size_t end) {
  std::vector<uint32_t> code;
  for (size_t i = 0; i < kNumEdgeValues; ++i) {
    zkvm::testing::Li(code, kEdgeValuesFirstRegister + static_cast<unsigned>(i), kEdgeValues[i]);
  }
  for (executor::Opcode op : ops) {
    for (size_t i = first; i < end; ++i) {
      for (size_t j = 0; j < kNumEdgeValues; ++j) {
        code.push_back(
            zkvm::testing::R(op, 20, kEdgeValuesFirstRegister + i, kEdgeValuesFirstRegister + j));
      }
    }
  }
  return WithHalt(std::move(code));
}

crypto::ColumnMajorMatrix CopyOf(const crypto::ColumnMajorMatrix& m) {
  crypto::ColumnMajorMatrix out(m.num_rows(), m.num_cols());
  std::copy(m.data(), m.data() + m.size(), out.data());
  return out;
}

}  // namespace zkvm::prover::testing
