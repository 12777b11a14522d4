// What a VM proof claims, and how it maps onto the STARK engine's statements (docs/tables.md
// section 8, docs/continuations.md).
//
// A VM statement: the program (its vk_digest), the exit code, the cycle count, the public
// output, the proof options, the segment size 2^k and the run's segments, each a list of table
// chunks (table, log2 height) in statement order; the last segment also holds the closing
// tables (IsClosingTable). The proof file:
//    0  magic "ZKVM", u32 version (5)
//    8  vk_digest (32 bytes)
//   40  the verifying key's proof options (32 bytes)
//   72  u32 exit code, u64 cycles, u32 output length n
//   88  u32 log2 segment cycles k, u32 segment count S, u32 chunk count C, u32 the run's query
//       count Q (the key's, or more where the run needs more to reach 100 bits: RunOptions;
//       the segments are proved with the key's options at Q queries, stark::WithNumQueries)
//  104  the output (n bytes), then C x (u8 table id, u8 log2 height), segment by segment;
//       zero padding to a multiple of 16
//       S x 32 bytes: u32 first chunk, u32 chunk count, u64 proof offset (from the file's
//       start), u64 proof size, u64 zero
//       the S STARK proofs (stark/proof format), each at the next 16-aligned offset after the
//       previous one (zero padding between), the last ending at the end of the file
//
// The STARK statement of each segment (the same function serves prover and verifier, so they
// cannot disagree): its chunks in order with their AIRs and heights; public values (REGISTER:
// vk_digest as 8 u32 words; PAGE_ZERO, PAGE_INPUT: their word-index bounds from the vk); for
// the last segment the public bus interactions Send EXEC (entry, 1), Receive HALT (exit_code,
// cycles, n) and Receive OUT (i, output[i]) for each output byte; the preprocessed root from
// the vk. The segments are the instances of one STARK run (shared LogUp challenges).
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
  stark::ProofOptions options;  // the verifying key's
  uint16_t num_queries = 0;     // the run's query count; 0: the key's
  uint32_t exit_code = 0;
  uint64_t cycles = 0;
  std::vector<uint8_t> output;
  uint32_t log_segment_cycles = kMaxLogSegmentCycles;
  std::vector<std::vector<TableChunk>> segments;  // the last holds the closing tables

  uint16_t run_queries() const { return num_queries != 0 ? num_queries : options.num_queries; }
  // The options every segment is proved with.
  stark::ProofOptions run_options() const { return stark::WithNumQueries(options, run_queries()); }
};

// The proof file: the statement, then each segment's STARK proof bytes (one per segment). With
// an empty list, every segment gets 16 zero bytes in place of its proof: the statement alone,
// parseable, for the statement builders below.
std::vector<uint8_t> EncodeVmProof(const VmStatement& statement,
                                   std::span<const std::vector<uint8_t>> segment_proofs);

// The statement a parsed proof claims (a host copy of the view's fields).
VmStatement StatementOf(const VmProofView& view);

// A message naming what a parse or shape check (vm_proof_view.h) found wrong with the proof
// whose statement is `view` (`size` bytes; the view is read only for shape errors).
std::string VmProofMessage(const VmProofCheck& check, const VmProofView& view, size_t size);

// Parses the statement part (ParseVmProof); `segment_proofs`, when given, receives a copy of
// each segment's STARK proof bytes. Errors name the field.
Result<VmStatement> DecodeVmProof(std::span<const uint8_t> bytes,
                                  std::vector<std::vector<uint8_t>>* segment_proofs = nullptr);

// The verifying key's fields as vm_proof_view.h reads them.
inline const VkFields& FieldsOf(const VerifyingKey& vk) { return vk; }

// A VM statement as every verifier reads it: encoded (the proof file's statement part, with
// placeholder proofs), read back as a VmProofView and checked against the key, once, so that
// each segment's STARK statement can be built from it without encoding the whole run again
// (a run of N segments costs O(N), not O(N^2)). The statement must fit the key
// (CheckStatementShape); `vk` must outlive this object.
class EncodedVmStatement {
 public:
  EncodedVmStatement(const VmStatement& statement, const VerifyingKey& vk);
  EncodedVmStatement(const EncodedVmStatement&) = delete;
  EncodedVmStatement& operator=(const EncodedVmStatement&) = delete;

  const VmProofView& view() const { return view_; }
  const VerifyingKey& vk() const { return vk_; }

 private:
  std::vector<uint8_t> bytes_;
  VmProofView view_;
  const VerifyingKey& vk_;
};

// The STARK statement of segment `segment` of a VM statement, built the way every verifier
// builds it (VmStarkStatement over the encoded statement's view), so the prover cannot state it
// differently. Holds its own copy: it does not refer to the EncodedVmStatement afterwards.
class StarkStatementStorage {
 public:
  StarkStatementStorage(const EncodedVmStatement& statement, uint32_t segment);
  // Encodes the statement for this one segment (EncodedVmStatement for many).
  StarkStatementStorage(const VmStatement& statement, const VerifyingKey& vk, uint32_t segment);
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
  std::unique_ptr<VmStarkStatement> built_;
  std::vector<stark::StarkPublicInteraction> interactions_;
};

// Checks the statement against the verifying key: the chunk list (CheckVmProofShape, the rules
// every verifier applies) and the output's size.
Status CheckStatementShape(const VmStatement& statement, const VerifyingKey& vk);

}  // namespace zkvm::prover
