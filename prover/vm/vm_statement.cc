#include "prover/vm/vm_statement.h"

#include <cstring>

#include "prover/tables/buses.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/table_registry.h"

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

Result<VmStatement> DecodeVmProof(std::span<const uint8_t> bytes,
                                  std::span<const uint8_t>* stark_proof) {
  VmProofView v;
  const VmProofCheck check = ParseVmProof(bytes.data(), bytes.size(), &v);
  switch (check.error) {
    case VmProofError::kOk:
      break;
    case VmProofError::kTooShort:
      return MakeError("proof: {} bytes, shorter than the {}-byte statement header", bytes.size(),
                       kVmProofHeaderBytes);
    case VmProofError::kMagic:
      return MakeError("proof: bad magic (not a zkvm proof file)");
    case VmProofError::kVersion:
      return MakeError("proof: format version {} (this verifier reads {})", check.detail,
                       kVmProofVersion);
    case VmProofError::kOptions:
      return MakeError("proof: invalid proof options at byte 40");
    case VmProofError::kOutputTooLarge:
      return MakeError("proof: public output of {} bytes exceeds the limit of {}", check.detail,
                       kMaxPublicOutput);
    case VmProofError::kTooManyChunks:
      return MakeError("proof: {} table chunks exceed the limit of {}", check.detail,
                       stark::kStarkMaxTables);
    case VmProofError::kTruncated:
      return MakeError("proof: truncated statement ({} bytes, the statement needs {})",
                       bytes.size(), check.detail);
    case VmProofError::kUnknownTable:
      return MakeError("proof: chunk {} names unknown table {}", check.detail, check.detail2);
    case VmProofError::kPadding:
      return MakeError("proof: non-zero padding byte at offset {}", check.detail);
    default:
      return MakeError("proof: malformed statement");
  }
  VmStatement s;
  std::memcpy(s.vk_digest.data(), v.vk_digest, 32);
  s.options = v.options;
  s.exit_code = v.exit_code;
  s.cycles = v.cycles;
  s.output.assign(v.output, v.output + v.output_size);
  for (uint32_t i = 0; i < v.num_chunks; ++i) {
    s.chunks.push_back({v.chunk_table(i), v.chunk_log_height(i)});
  }
  *stark_proof = bytes.subspan(bytes.size() - v.stark_proof_size);
  return s;
}

VkFields FieldsOf(const VerifyingKey& vk) {
  return {.options = vk.options,
          .entry = vk.entry,
          .text_begin = vk.text_begin,
          .text_end = vk.text_end,
          .image_end = vk.image_end,
          .decode_log_rows = vk.decode_log_rows,
          .page_elf_log_rows = vk.page_elf_log_rows,
          .preprocessed_root = vk.preprocessed_root};
}

Status CheckStatementShape(const VmStatement& s, const VerifyingKey& vk) {
  if (s.output.size() > kMaxPublicOutput) return MakeError("statement: public output too large");
  if (s.chunks.empty() || s.chunks.size() > stark::kStarkMaxTables) {
    return MakeError("statement: {} table chunks (1 to {} allowed)", s.chunks.size(),
                     stark::kStarkMaxTables);
  }
  std::vector<uint8_t> chunk_bytes;
  for (const TableChunk& c : s.chunks) {
    chunk_bytes.push_back(static_cast<uint8_t>(c.table));
    chunk_bytes.push_back(static_cast<uint8_t>(std::min<uint32_t>(c.log_height, 255)));
  }
  VmProofView v;
  v.cycles = s.cycles;
  v.chunk_bytes = chunk_bytes.data();
  v.num_chunks = static_cast<uint32_t>(s.chunks.size());
  const VmProofCheck check = CheckVmProofShape(v, FieldsOf(vk));
  auto name = [](uint64_t t) { return TableName(static_cast<TableId>(t)); };
  switch (check.error) {
    case VmProofError::kOk:
      return {};
    case VmProofError::kCycles:
      return MakeError("statement: cycle count {} outside [1, {}]", check.detail, kMaxCycles);
    case VmProofError::kChunkOrder:
      return MakeError("statement: chunk {} ({}) is out of table order", check.detail,
                       TableName(s.chunks[check.detail].table));
    case VmProofError::kChunkHeight:
      return MakeError("statement: chunk {} ({}) has log height {}", check.detail,
                       TableName(s.chunks[check.detail].table), s.chunks[check.detail].log_height);
    case VmProofError::kTableCount:
      return MakeError(
          "statement: table {} appears {} times ({} expected)", name(check.detail), check.detail2,
          ChunkingOf(static_cast<TableId>(check.detail)) == Chunking::kOne ? "at most once"
                                                                           : "exactly once");
    case VmProofError::kFixedHeight:
      return MakeError("statement: table {} has log height {}, the verifying key says {}",
                       name(check.detail), check.detail2, check.detail3);
    default:
      return MakeError("statement: malformed chunk list");
  }
}

StarkStatementStorage::StarkStatementStorage(const VmStatement& s, const VerifyingKey& vk) {
  const VkFields fields = FieldsOf(vk);
  tables_.resize(s.chunks.size());
  public_values_.resize(s.chunks.size());
  for (size_t i = 0; i < s.chunks.size(); ++i) {
    const TableChunk& c = s.chunks[i];
    Felt values[kMaxVmPublicValues];
    const uint32_t n = VmChunkPublicValues(c.table, s.vk_digest.data(), fields, values);
    public_values_[i].assign(values, values + n);
    tables_[i] = {.air = &TableAir(c.table),
                  .log_height = c.log_height,
                  .public_values = public_values_[i].data(),
                  .num_public_values = n};
  }
  interactions_.resize(2 + s.output.size());
  VmPublicInteractions(fields, s.exit_code, s.cycles, s.output.data(),
                       static_cast<uint32_t>(s.output.size()), interactions_.data());
  statement_.tables = tables_.data();
  statement_.num_tables = static_cast<uint32_t>(tables_.size());
  statement_.options = s.options;
  statement_.preprocessed_root = vk.preprocessed_root;
  statement_.public_interactions = interactions_.data();
  statement_.num_public_interactions = static_cast<uint32_t>(interactions_.size());
}

}  // namespace zkvm::prover
