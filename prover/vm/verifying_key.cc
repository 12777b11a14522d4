#include "prover/vm/verifying_key.h"

#include <cstring>

#include "crypto/hash/sha3.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/table_registry.h"
#include "stark/prover/stark_prover.h"

namespace zkvm::prover {
namespace {

void PutU32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }
uint32_t GetU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

uint32_t Log2(size_t n) {
  uint32_t k = 0;
  while ((size_t{1} << k) < n) ++k;
  return k;
}

}  // namespace

std::array<uint8_t, kVerifyingKeyBytes> VerifyingKey::Encode() const {
  std::array<uint8_t, kVerifyingKeyBytes> out{};
  std::memcpy(out.data(), "ZKVK", 4);
  PutU32(&out[4], kVerifyingKeyVersion);
  options.Encode(&out[8]);
  PutU32(&out[40], entry);
  PutU32(&out[44], text_begin);
  PutU32(&out[48], text_end);
  PutU32(&out[52], image_end);
  PutU32(&out[56], decode_log_rows);
  PutU32(&out[60], page_elf_log_rows);
  std::memcpy(&out[64], preprocessed_root.bytes, 32);
  return out;
}

Result<VerifyingKey> VerifyingKey::Decode(std::span<const uint8_t> bytes) {
  VkFields f;
  const VkError e = DecodeVkFields(bytes.data(), bytes.size(), &f);
  if (e == VkError::kSize) {
    return MakeError("verifying key: {} bytes, expected {}", bytes.size(), kVerifyingKeyBytes);
  }
  if (e == VkError::kVersion) {
    return MakeError("verifying key: version {} (expected {})", GetU32(&bytes[4]),
                     kVerifyingKeyVersion);
  }
  if (e != VkError::kOk) return MakeError("verifying key: {}", VkErrorName(e));
  VerifyingKey vk;
  static_cast<VkFields&>(vk) = f;
  return vk;
}

VkDigest VerifyingKey::Digest() const {
  const auto bytes = Encode();
  VkDigest d;
  crypto::Sha3_256Digest(bytes.data(), bytes.size(), d.data());
  return d;
}

FixedPreprocessed BuildFixedPreprocessed(const executor::Program& program) {
  FixedPreprocessed fixed;
  for (size_t t = 0; t < kNumTables; ++t) {
    if (IsPreprocessed(static_cast<TableId>(t))) {
      fixed.matrices[t] = PreprocessedMatrix(static_cast<TableId>(t), program);
    }
  }
  return fixed;
}

Result<VerifyingKey> ComputeVerifyingKey(const executor::Program& program,
                                         const stark::ProofOptions& options) {
  const FixedPreprocessed fixed = BuildFixedPreprocessed(program);
  // The verifying-key tree commits the preprocessed tables in statement order; the public
  // values only shape the statement here (their values do not enter the tree).
  stark::ProverStatement statement;
  statement.options = options;
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    if (!IsPreprocessed(id)) continue;
    stark::ProverTable table;
    table.air = &TableAir(id);
    table.preprocessed = fixed.of(id).view();
    table.rows = fixed.of(id).num_rows();
    table.public_values.assign(NumPublicValues(PublicValuesOf(id)), Felt::Zero());
    statement.tables.push_back(std::move(table));
  }
  Result<crypto::MerkleDigest> root = stark::PreprocessedRoot(statement);
  if (!root.ok()) return root.error();
  VerifyingKey vk;
  vk.options = options;
  vk.entry = program.entry;
  vk.text_begin = program.text_begin;
  vk.text_end = program.text_end;
  vk.image_end = ImageEnd(program);
  vk.decode_log_rows = Log2(fixed.of(TableId::kDecode).num_rows());
  vk.page_elf_log_rows = Log2(fixed.of(TableId::kPageElf).num_rows());
  vk.preprocessed_root = *root;
  return vk;
}

std::string HexDigest(const VkDigest& digest) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : digest) {
    s.push_back(kHex[b >> 4]);
    s.push_back(kHex[b & 15]);
  }
  return s;
}

}  // namespace zkvm::prover
