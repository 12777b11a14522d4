// What every instruction table of the VM shares on the host (docs/tables.md sections 3-5; the
// table list itself is table_list.h): routing (TableOf), the memory accesses of an instruction
// by the shape its table names (Accesses, RowAccesses), the routed row an instruction table is
// built from, and the interface each instruction table implements (its AIR, its accesses and
// the function that fills one row from one executed instruction).
//
// The trace builder (prover/trace_builder) routes the executor's step log once: it assigns
// every executed instruction to one table (TableOf), computes the previous timestamp and value
// of every memory access the instruction makes (RowAccesses, in the order listed there) and
// stores a RoutedRow. A table's trace is then filled row by row from RoutedRows by
// VmTable::Fill, which also reports the row's BYTE and POW lookups so the fixed tables'
// multiplicities can be counted.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>

#include "crypto/field/felt.h"
#include "executor/step_log.h"
#include "prover/tables/air_common.h"
#include "prover/tables/byte_table.h"
#include "prover/tables/decode_table.h"
#include "stark/prover/stark_prover.h"

namespace zkvm::prover {

// ---- Routing (the tables and micro-ops are listed in table_list.h) ---------------------------

// The instruction table that executes `uop`; for kEcall it depends on the syscall number a7.
// kCount when no table proves it (kIllegal, or an unknown syscall).
TableId TableOf(Uop uop, uint32_t a7);

// ---- The memory argument (docs/tables.md section 5) ----------------------------------------

// One memory access of an executed instruction.
struct MemAccess {
  Space space = Space::kReg;
  uint32_t addr = 0;  // register number or word index
  uint32_t slot = 0;
  bool write = false;
  uint32_t value = 0;  // the value read, or the value written
};

inline constexpr size_t kMaxAccesses = 5;

// What a routed instruction row keeps besides its step record.
struct RoutedRow {
  uint32_t step = 0;  // index of the instruction in the log's steps
  // The age of the token each access consumes, t - p - 1 for an access at timestamp t of a
  // token emitted at p (what the access's two R16 lookups check; the filler recovers p).
  uint32_t prev_gap[kMaxAccesses] = {};
  uint32_t prev_value[kMaxAccesses] = {};  // its value (the old value for writes)
};

// The inputs of one instruction row.
struct RowInput {
  uint64_t clk = 0;  // cycle number, counted from 1
  const executor::StepRecord* step = nullptr;
  DecodedRow dec;
  const RoutedRow* routed = nullptr;
  const executor::SyscallRecord* syscall = nullptr;  // ECALL rows
  const uint8_t* syscall_data = nullptr;  // ECALL rows: the call's bytes in the log's data stream
  // Loads: the word read lies in the executable range (space ROM).
  bool rom = false;
};

// The memory accesses of an executed instruction, by the shape of its table (each instruction
// table names its own: VmTable::accesses), in the order of RoutedRow's arrays, which is the
// order its filler consumes them:
enum class Accesses : uint8_t {
  kNone,        // NOP
  kRd,          // CONST, JAL: rd write
  kRs1Rd,       // I-form ALU, shift, compare; JALR: rs1 read, rd write (rd may be the sink x32)
  kRs1Rs2Rd,    // R-form ALU, shift, compare, mul/div: rs1 read, rs2 read, rd write
  kRs1Rs2,      // branches: rs1 read, rs2 read
  kLoad,        // rs1 read, word read (RAM, or ROM in the executable range), rd write (or x32)
  kStore,       // rs1 read, rs2 read, word write (RAM)
  kHalt,        // a7 read (slot 0), a0 read (slot 1), cursor read (slot 2)
  kWrite,       // a7 read (slot 0), a1 read (slot 0), a2 read (slot 1), cursor write (slot 2:
                // + len when fd = 1), a0 write (slot 3: old fd, new len)
  kKeccakCall,  // a7 read (slot 0), a0 read (slot 1); the 50 state words (slot 2) are routed
                // separately, as KeccakCallRecords
  kPoseidon2,   // a7 read (slot 0), a0 read (slot 1); the 24 state words (slot 2) are routed
                // separately, as Poseidon2CallRecords
};

// The accesses of one executed instruction whose table has `accesses`.
size_t RowAccesses(Accesses accesses, const DecodedRow& dec, const executor::StepRecord& step,
                   const executor::SyscallRecord* syscall, uint32_t text_begin, uint32_t text_end,
                   uint32_t cursor, MemAccess* out);

// The value rd receives (for rd = x32, where the log records 0, recomputed: the loaded value,
// or pc + 4 for jalr).
uint32_t RdValue(const DecodedRow& dec, const executor::StepRecord& step);

// The value a load returns from the word `word` at byte address `addr`.
uint32_t LoadResult(Uop uop, uint32_t addr, uint32_t word);

// ---- Filling rows -----------------------------------------------------------------------------

// Where a row's lookups go: the trace builder counts them into the BYTE and POW tables.
class LookupSink {
 public:
  virtual void Byte(const ByteLookup& lookup) = 0;
  // A lookup of POW row (s, dir), s in [0, 32), dir 0 = left, 1 = right.
  virtual void Pow(uint32_t s, uint32_t dir) = 0;

 protected:
  ~LookupSink() = default;
};

// One row of a trace under construction (row-major scratch, zeroed before Fill).
class RowWriter {
 public:
  explicit RowWriter(std::span<Felt> row) : row_(row) {}
  void Set(size_t col, uint64_t v) { row_[col] = Felt::FromU64(v); }
  void SetFelt(size_t col, Felt v) { row_[col] = v; }
  Felt Get(size_t col) const { return row_[col]; }
  size_t size() const { return row_.size(); }

 private:
  std::span<Felt> row_;
};

// An instruction table: its AIR and its row filler. Fill writes the row of one executed
// instruction (the writer is zeroed; padding rows stay all zero) and reports each lookup the
// AIR makes with a nonzero multiplicity on that row to `sink` (when not null), exactly as the
// AIR's Send declarations state them.
class VmTable {
 public:
  virtual ~VmTable() = default;
  virtual const stark::ProverAir& air() const = 0;
  virtual Accesses accesses() const = 0;
  size_t num_columns() const { return air().shape().num_main_columns; }
  virtual void Fill(const RowInput& in, RowWriter& row, LookupSink* sink) const = 0;
};

// A VmTable from an AIR class, a fill function and the instruction's accesses.
template <typename Air, void (*kFill)(const RowInput&, RowWriter&, LookupSink*), Accesses kAccesses>
class VmTableOf final : public VmTable {
 public:
  VmTableOf() : adapter_(air_) {}
  const stark::ProverAir& air() const override { return adapter_; }
  Accesses accesses() const override { return kAccesses; }
  void Fill(const RowInput& in, RowWriter& row, LookupSink* sink) const override {
    kFill(in, row, sink);
  }

 private:
  Air air_;
  stark::ProverAirAdapter<Air> adapter_;
};

}  // namespace zkvm::prover
