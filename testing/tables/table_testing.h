// Test support for one instruction table in isolation: run a small program in the executor,
// fill the table's rows from its steps with a synthetic routing (every access consumes a token
// a few timestamps earlier; reads consume the value they read, writes a made-up old value),
// check the constraints with the row checker, check that every reported lookup is a row of
// BYTE or POW, and mutate cells to see that each change breaks a constraint or changes the
// table's bus interactions. The whole-system tests (prover/vm) check the buses end to end.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "crypto/field/matrix.h"
#include "executor/isa.h"
#include "prover/tables/vm_table.h"

namespace zkvm::prover::testing {

struct FilledTable {
  crypto::ColumnMajorMatrix trace;  // padded to a power of two (at least 2)
  size_t real_rows = 0;
  std::vector<ByteLookup> byte_lookups;
  std::vector<std::pair<uint32_t, uint32_t>> pow_lookups;  // (s, dir)
};

// Runs `code` (rv32im words placed at the image base; it must halt) and fills `table`'s trace
// with the rows of the steps TableOf assigns to `id`. Fails when the run traps, when a
// lookup is not a row of BYTE (ByteRowOf) or POW (s < 32, dir < 2), or when the row checker
// rejects the trace.
Result<FilledTable> FillFromProgram(const VmTable& table, TableId id,
                                    const std::vector<uint32_t>& code);

// Code that ends a program: li a7, 93; ecall.
std::vector<uint32_t> HaltCode();
// p - 1, the field's -1: a mutation delta.
inline constexpr uint64_t kMinusOne = 0xFFFF'FFFF'0000'0000;

// A copy of `m` (matrices are move-only).
crypto::ColumnMajorMatrix CopyOf(const crypto::ColumnMajorMatrix& m);

// `code` followed by HaltCode().
std::vector<uint32_t> WithHalt(std::vector<uint32_t> code);

// 32-bit edge values: 0, 1, -1, 2, -2, 7, INT_MIN, INT_MAX, 2^16, 2^16 - 1 and a mixed pattern.
inline constexpr uint32_t kEdgeValues[] = {
    0,         1,       0xFFFF'FFFFu, 2, 0xFFFF'FFFEu, 7, 0x8000'0000u, 0x7FFF'FFFFu,
    0x1'0000u, 0xFFFFu, 0x1234'5678u};
inline constexpr size_t kNumEdgeValues = sizeof(kEdgeValues) / sizeof(kEdgeValues[0]);
inline constexpr unsigned kEdgeValuesFirstRegister = 5;  // kEdgeValues[i] is in x(5 + i)

// Loads the edge values into x5.., then runs each R-type op (rd = x20) on the pairs of them
// whose first operand's index is in [first, end); ends with HaltCode().
std::vector<uint32_t> PairsProgram(std::initializer_list<executor::Opcode> ops, size_t first = 0,
                                   size_t end = kNumEdgeValues);

// For every real row (at most `max_rows`) and every column, adds `delta` to the cell and
// checks that the changed trace fails the row checker or makes different bus interactions.
// Returns the (row, column) pairs where neither happened, as "row R column C" strings.
std::vector<std::string> UndetectedMutations(const VmTable& table, const FilledTable& filled,
                                             size_t max_rows, uint64_t delta = 1);

}  // namespace zkvm::prover::testing
