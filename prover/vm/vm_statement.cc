#include "prover/vm/vm_statement.h"

#include <cstring>

#include "base/check.h"

namespace zkvm::prover {
namespace {

void PutU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

}  // namespace

std::vector<uint8_t> EncodeVmProof(const VmStatement& s, std::span<const uint8_t> stark_proof) {
  std::vector<uint8_t> out = {'Z', 'K', 'V', 'M'};
  PutU32(out, kVmProofVersion);
  out.insert(out.end(), s.vk_digest.begin(), s.vk_digest.end());
  uint8_t options[stark::kProofOptionsBytes];
  s.options.Encode(options);
  out.insert(out.end(), options, options + sizeof(options));
  PutU32(out, s.exit_code);
  PutU32(out, static_cast<uint32_t>(s.cycles));
  PutU32(out, static_cast<uint32_t>(s.cycles >> 32));
  PutU32(out, static_cast<uint32_t>(s.output.size()));
  PutU32(out, static_cast<uint32_t>(s.chunks.size()));
  out.insert(out.end(), s.output.begin(), s.output.end());
  for (const TableChunk& c : s.chunks) {
    out.push_back(static_cast<uint8_t>(c.table));
    out.push_back(static_cast<uint8_t>(c.log_height));
  }
  while (out.size() % 16 != 0) out.push_back(0);
  out.insert(out.end(), stark_proof.begin(), stark_proof.end());
  return out;
}

VmStatement StatementOf(const VmProofView& v) {
  VmStatement s;
  std::memcpy(s.vk_digest.data(), v.vk_digest, 32);
  s.options = v.options;
  s.exit_code = v.exit_code;
  s.cycles = v.cycles;
  s.output.assign(v.output, v.output + v.output_size);
  for (uint32_t i = 0; i < v.num_chunks; ++i) {
    s.chunks.push_back({v.chunk_table(i), v.chunk_log_height(i)});
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
      return fmt::format("proof: {} table chunks exceed the limit of {}", check.detail,
                         stark::kStarkMaxTables);
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
      return fmt::format("statement: {} table chunks (1 to {} allowed)", v.num_chunks,
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
                                  std::span<const uint8_t>* stark_proof) {
  VmProofView v;
  const VmProofCheck check = ParseVmProof(bytes.data(), bytes.size(), &v);
  if (!check.ok()) return Error{VmProofMessage(check, v, bytes.size())};
  *stark_proof = bytes.subspan(bytes.size() - v.stark_proof_size);
  return StatementOf(v);
}

Status CheckStatementShape(const VmStatement& s, const VerifyingKey& vk) {
  if (s.output.size() > kMaxPublicOutput) return MakeError("statement: public output too large");
  if (s.chunks.empty() || s.chunks.size() > stark::kStarkMaxTables) {
    return MakeError("statement: {} table chunks (1 to {} allowed)", s.chunks.size(),
                     stark::kStarkMaxTables);
  }
  for (const TableChunk& c : s.chunks) {
    if (c.log_height > 255) {
      return MakeError("statement: table {} has log height {}", TableName(c.table), c.log_height);
    }
  }
  const std::vector<uint8_t> encoded = EncodeVmProof(s, {});
  VmProofView v;
  VmProofCheck check = ParseVmProof(encoded.data(), encoded.size(), &v);
  if (check.ok()) check = CheckVmProofShape(v, vk);
  if (!check.ok()) return Error{VmProofMessage(check, v, encoded.size())};
  return {};
}

StarkStatementStorage::StarkStatementStorage(const VmStatement& s, const VerifyingKey& vk)
    : encoded_(EncodeVmProof(s, {})), built_(std::make_unique<VmStarkStatement>()) {
  VmProofView v;
  VmProofCheck check = ParseVmProof(encoded_.data(), encoded_.size(), &v);
  if (check.ok()) check = CheckVmProofShape(v, vk);
  ZKVM_CHECK(check.ok(), "the statement does not fit its verifying key (CheckStatementShape)");
  interactions_.resize(2 + v.output_size);
  const bool built =
      built_->Build(v, vk, interactions_.data(), static_cast<uint32_t>(interactions_.size()));
  ZKVM_CHECK(built, "public interaction storage");
}

}  // namespace zkvm::prover
