// What a VM proof claims, and how it maps onto the STARK engine's statement (docs/tables.md
// section 8).
//
// A VM statement: the program (its vk_digest), the exit code, the cycle count, the public
// output, the proof options and the list of table chunks (table, log2 height) in statement
// order. The proof file is the statement followed by the STARK proof:
//    0  magic "ZKVM", u32 version (2)
//    8  vk_digest (32 bytes)
//   40  proof options (32 bytes)
//   72  u32 exit code, u64 cycles, u32 output length n, u32 chunk count c
//   92  the output (n bytes), then c x (u8 table id, u8 log2 height)
//       zero padding to a multiple of 16, then the STARK proof (stark/proof format, to the end)
//
// The STARK statement derived from it (the same function serves prover and verifier, so they
// cannot disagree): the tables in order with their AIRs and heights; public values (REGISTER:
// vk_digest as 8 u32 words; PAGE_ZERO, PAGE_INPUT: their word-index bounds from the vk); the
// public bus interactions Send EXEC (entry, 1), Receive HALT (exit_code, cycles, n) and Receive
// OUT (i, output[i]) for each output byte; the preprocessed root from the vk.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <memory>
#include <span>
#include <vector>

#include "base/result.h"
#include "prover/tables/vm_table.h"
#include "prover/vm/verifying_key.h"
#include "prover/vm/vm_proof_view.h"
#include "stark/protocol/stark_protocol.h"

namespace zkvm::prover {

struct TableChunk {
  TableId table = TableId::kCount;
  uint32_t log_height = 0;
  bool operator==(const TableChunk&) const = default;
};

struct VmStatement {
  VkDigest vk_digest{};
  stark::ProofOptions options;
  uint32_t exit_code = 0;
  uint64_t cycles = 0;
  std::vector<uint8_t> output;
  std::vector<TableChunk> chunks;
};

// The proof file: statement then STARK proof bytes.
std::vector<uint8_t> EncodeVmProof(const VmStatement& statement,
                                   std::span<const uint8_t> stark_proof);

// The statement a parsed proof claims (a host copy of the view's fields).
VmStatement StatementOf(const VmProofView& view);

// A message naming what a parse or shape check (vm_proof_view.h) found wrong with the proof
// whose statement is `view` (`size` bytes; the view is read only for shape errors).
std::string VmProofMessage(const VmProofCheck& check, const VmProofView& view, size_t size);

// Parses the statement part (ParseVmProof); `stark_proof` receives the rest. Errors name the
// field.
Result<VmStatement> DecodeVmProof(std::span<const uint8_t> bytes,
                                  std::span<const uint8_t>* stark_proof);

// The verifying key's fields as vm_proof_view.h reads them.
inline const VkFields& FieldsOf(const VerifyingKey& vk) { return vk; }

// The STARK statement of a VM statement, built the way every verifier builds it: the statement
// is encoded, read back as a VmProofView and handed to VmStarkStatement, so the prover cannot
// state it differently. The statement must fit the key (CheckStatementShape).
class StarkStatementStorage {
 public:
  StarkStatementStorage(const VmStatement& statement, const VerifyingKey& vk);
  StarkStatementStorage(const StarkStatementStorage&) = delete;
  StarkStatementStorage& operator=(const StarkStatementStorage&) = delete;

  const stark::StarkStatement& statement() const { return built_->statement(); }
  // Public values of chunk i.
  std::span<const Felt> public_values(size_t i) const {
    return {built_->public_values(i), statement().tables[i].num_public_values};
  }
  std::span<const stark::StarkPublicInteraction> public_interactions() const {
    return interactions_;
  }

 private:
  std::vector<uint8_t> encoded_;
  std::unique_ptr<VmStarkStatement> built_;
  std::vector<stark::StarkPublicInteraction> interactions_;
};

// Checks the statement against the verifying key: the chunk list (CheckVmProofShape, the rules
// every verifier applies) and the output's size.
Status CheckStatementShape(const VmStatement& statement, const VerifyingKey& vk);

}  // namespace zkvm::prover
