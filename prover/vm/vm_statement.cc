#include "prover/vm/vm_statement.h"

#include <cstring>

#include "base/check.h"

namespace zkvm::prover {
namespace {

void PutU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void PutU64(std::vector<uint8_t>& out, uint64_t v) {
  PutU32(out, static_cast<uint32_t>(v));
  PutU32(out, static_cast<uint32_t>(v >> 32));
}

}  // namespace

std::vector<uint8_t> EncodeVmProof(const VmStatement& s,
                                   std::span<const std::vector<uint8_t>> segment_proofs) {
  ZKVM_CHECK(segment_proofs.empty() || segment_proofs.size() == s.segments.size(),
             "one proof per segment");
  std::vector<uint8_t> out = {'Z', 'K', 'V', 'M'};
  PutU32(out, kVmProofVersion);
  out.insert(out.end(), s.vk_digest.begin(), s.vk_digest.end());
  uint8_t options[stark::kProofOptionsBytes];
  s.options.Encode(options);
  out.insert(out.end(), options, options + sizeof(options));
  size_t num_chunks = 0;
  for (const std::vector<TableChunk>& segment : s.segments) num_chunks += segment.size();
  PutU32(out, s.exit_code);
  PutU64(out, s.cycles);
  PutU32(out, static_cast<uint32_t>(s.output.size()));
  PutU32(out, s.log_segment_cycles);
  PutU32(out, static_cast<uint32_t>(s.segments.size()));
  PutU32(out, static_cast<uint32_t>(num_chunks));
  PutU32(out, s.run_queries());
  out.insert(out.end(), s.output.begin(), s.output.end());
  for (const std::vector<TableChunk>& segment : s.segments) {
    for (const TableChunk& c : segment) {
      out.push_back(static_cast<uint8_t>(c.table));
      out.push_back(static_cast<uint8_t>(c.log_height));
    }
  }
  while (out.size() % 16 != 0) out.push_back(0);
  const std::vector<uint8_t> placeholder(16, 0);
  auto proof = [&](size_t i) -> const std::vector<uint8_t>& {
    return segment_proofs.empty() ? placeholder : segment_proofs[i];
  };
  uint64_t at = out.size() + kVmSegmentEntryBytes * s.segments.size();
  uint32_t first = 0;
  for (size_t i = 0; i < s.segments.size(); ++i) {
    PutU32(out, first);
    PutU32(out, static_cast<uint32_t>(s.segments[i].size()));
    PutU64(out, at);
    PutU64(out, proof(i).size());
    PutU64(out, 0);
    first += static_cast<uint32_t>(s.segments[i].size());
    at = (at + proof(i).size() + 15) & ~uint64_t{15};
  }
  for (size_t i = 0; i < s.segments.size(); ++i) {
    out.insert(out.end(), proof(i).begin(), proof(i).end());
    if (i + 1 < s.segments.size()) {
      while (out.size() % 16 != 0) out.push_back(0);
    }
  }
  return out;
}

VmStatement StatementOf(const VmProofView& v) {
  VmStatement s;
  std::memcpy(s.vk_digest.data(), v.vk_digest, 32);
  s.options = v.options;
  s.num_queries = static_cast<uint16_t>(v.num_queries);
  s.exit_code = v.exit_code;
  s.cycles = v.cycles;
  s.output.assign(v.output, v.output + v.output_size);
  s.log_segment_cycles = v.log_segment_cycles;
  for (uint32_t seg = 0; seg < v.num_segments; ++seg) {
    std::vector<TableChunk>& chunks = s.segments.emplace_back();
    for (uint32_t i = v.first_chunk(seg); i < v.first_chunk(seg) + v.segment_chunks(seg); ++i) {
      chunks.push_back({v.chunk_table(i), v.chunk_log_height(i)});
    }
  }
  return s;
}

std::string VmProofMessage(const VmProofCheck& check, const VmProofView& v, size_t size) {
  auto name = [](uint64_t t) { return TableName(static_cast<TableId>(t)); };
  switch (check.error) {
    case VmProofError::kOk:
      return "ok";
    case VmProofError::kTooShort:
      return fmt::format("proof: {} bytes, shorter than the {}-byte statement header", size,
                         kVmProofHeaderBytes);
    case VmProofError::kMagic:
      return "proof: bad magic (not a zkvm proof file)";
    case VmProofError::kVersion:
      return fmt::format("proof: format version {} (this verifier reads {})", check.detail,
                         kVmProofVersion);
    case VmProofError::kOptions:
      return "proof: invalid proof options at byte 40";
    case VmProofError::kOutputTooLarge:
      return fmt::format("proof: public output of {} bytes exceeds the limit of {}", check.detail,
                         kMaxPublicOutput);
    case VmProofError::kTooManyChunks:
      return fmt::format("proof: {} table chunks exceed the limit of {} per segment", check.detail,
                         stark::kStarkMaxTables);
    case VmProofError::kQueries:
      return fmt::format("proof: the run's query count {} at offset 100 (1 to {} allowed)",
                         check.detail, stark::kMaxNumQueries);
    case VmProofError::kSegments:
      return fmt::format("proof: {} segments (1 to {} allowed)", check.detail, kMaxSegments);
    case VmProofError::kSegmentEntry:
      return fmt::format(
          "proof: segment {}'s entry in the segment table is not canonical (chunk range, or "
          "proof offset and size: the proofs must follow each other and end the file)",
          check.detail);
    case VmProofError::kSegmentCycles:
      return fmt::format("statement: segments of 2^{} cycles (2^{} to 2^{} allowed)", check.detail,
                         kMinLogSegmentCycles, kMaxLogSegmentCycles);
    case VmProofError::kSegmentCount:
      return fmt::format("statement: {} segments, but {} cycles in segments of 2^{} cycles make {}",
                         check.detail, v.cycles, v.log_segment_cycles, check.detail2);
    case VmProofError::kClosingTable:
      return fmt::format(
          "statement: chunk {} ({}) is a table of the whole run, allowed in the last segment "
          "only",
          check.detail, TableName(v.chunk_table(check.detail)));
    case VmProofError::kTruncated:
      return fmt::format("proof: truncated statement ({} bytes, the statement needs {})", size,
                         check.detail);
    case VmProofError::kUnknownTable:
      return fmt::format("proof: chunk {} names unknown table {}", check.detail, check.detail2);
    case VmProofError::kPadding:
      return fmt::format("proof: non-zero padding byte at offset {}", check.detail);
    case VmProofError::kCycles:
      return fmt::format("statement: cycle count {} outside [1, {}]", check.detail, kMaxCycles);
    case VmProofError::kNoChunks:
      return fmt::format("statement: segment {} has {} table chunks (1 to {} allowed)",
                         check.detail, v.segment_chunks(static_cast<uint32_t>(check.detail)),
                         stark::kStarkMaxTables);
    case VmProofError::kChunkOrder:
      return fmt::format("statement: chunk {} ({}) is out of table order", check.detail,
                         TableName(v.chunk_table(check.detail)));
    case VmProofError::kChunkHeight:
      return fmt::format("statement: chunk {} ({}) has log height {}", check.detail,
                         TableName(v.chunk_table(check.detail)), check.detail2);
    case VmProofError::kTableCount:
      return fmt::format(
          "statement: table {} appears {} times ({} expected)", name(check.detail), check.detail2,
          ChunkingOf(static_cast<TableId>(check.detail)) == Chunking::kOne ? "at most once"
                                                                           : "exactly once");
    case VmProofError::kFixedHeight:
      return fmt::format("statement: table {} has log height {}, the verifying key says {}",
                         name(check.detail), check.detail2, check.detail3);
  }
  return "proof: malformed statement";
}

Result<VmStatement> DecodeVmProof(std::span<const uint8_t> bytes,
                                  std::vector<std::vector<uint8_t>>* segment_proofs) {
  VmProofView v;
  const VmProofCheck check = ParseVmProof(bytes.data(), bytes.size(), &v);
  if (!check.ok()) return Error{VmProofMessage(check, v, bytes.size())};
  if (segment_proofs != nullptr) {
    segment_proofs->clear();
    for (uint32_t s = 0; s < v.num_segments; ++s) {
      segment_proofs->emplace_back(v.segment_proof(s),
                                   v.segment_proof(s) + v.segment_proof_size(s));
    }
  }
  return StatementOf(v);
}

Status CheckStatementShape(const VmStatement& s, const VerifyingKey& vk) {
  if (s.output.size() > kMaxPublicOutput) return MakeError("statement: public output too large");
  if (s.segments.empty() || s.segments.size() > kMaxSegments) {
    return MakeError("statement: {} segments (1 to {} allowed)", s.segments.size(), kMaxSegments);
  }
  for (size_t i = 0; i < s.segments.size(); ++i) {
    if (s.segments[i].empty() || s.segments[i].size() > stark::kStarkMaxTables) {
      return MakeError("statement: segment {} has {} table chunks (1 to {} allowed)", i,
                       s.segments[i].size(), stark::kStarkMaxTables);
    }
    for (const TableChunk& c : s.segments[i]) {
      if (c.log_height > 255) {
        return MakeError("statement: table {} has log height {}", TableName(c.table), c.log_height);
      }
    }
  }
  const std::vector<uint8_t> encoded = EncodeVmProof(s, {});
  VmProofView v;
  VmProofCheck check = ParseVmProof(encoded.data(), encoded.size(), &v);
  if (check.ok()) check = CheckVmProofShape(v, vk);
  if (!check.ok()) return Error{VmProofMessage(check, v, encoded.size())};
  return {};
}

EncodedVmStatement::EncodedVmStatement(const VmStatement& s, const VerifyingKey& vk)
    : bytes_(EncodeVmProof(s, {})), vk_(vk) {
  VmProofCheck check = ParseVmProof(bytes_.data(), bytes_.size(), &view_);
  if (check.ok()) check = CheckVmProofShape(view_, vk);
  ZKVM_CHECK(check.ok(), "the statement does not fit its verifying key (CheckStatementShape)");
}

StarkStatementStorage::StarkStatementStorage(const EncodedVmStatement& encoded, uint32_t segment)
    : built_(std::make_unique<VmStarkStatement>()) {
  const VmProofView& v = encoded.view();
  interactions_.resize(2 + v.output_size);
  ZKVM_CHECK(segment < v.num_segments, "no such segment");
  const bool built = built_->Build(v, encoded.vk(), segment, interactions_.data(),
                                   static_cast<uint32_t>(interactions_.size()));
  if (!v.is_last(segment)) interactions_.clear();
  ZKVM_CHECK(built, "public interaction storage");
}

StarkStatementStorage::StarkStatementStorage(const VmStatement& s, const VerifyingKey& vk,
                                             uint32_t segment)
    : StarkStatementStorage(EncodedVmStatement(s, vk), segment) {}

}  // namespace zkvm::prover
