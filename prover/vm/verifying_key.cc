#include "prover/vm/verifying_key.h"

#include <cstring>

#include "crypto/hash/sha3.h"
#include "prover/tables/byte_table.h"
#include "prover/tables/decode_table.h"
#include "prover/tables/keccak_tables.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/pow_table.h"
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
  vk.options = f.options;
  vk.entry = f.entry;
  vk.text_begin = f.text_begin;
  vk.text_end = f.text_end;
  vk.image_end = f.image_end;
  vk.decode_log_rows = f.decode_log_rows;
  vk.page_elf_log_rows = f.page_elf_log_rows;
  vk.preprocessed_root = f.preprocessed_root;
  return vk;
}

VkDigest VerifyingKey::Digest() const {
  const auto bytes = Encode();
  VkDigest d;
  crypto::Sha3_256Digest(bytes.data(), bytes.size(), d.data());
  return d;
}

FixedPreprocessed BuildFixedPreprocessed(const executor::Program& program) {
  return {DecodePreprocessed(program), RegisterPreprocessed(), PageElfPreprocessed(program),
          BytePreprocessed(),          PowPreprocessed(),      KeccakRcPreprocessed()};
}

Result<VerifyingKey> ComputeVerifyingKey(const executor::Program& program,
                                         const stark::ProofOptions& options) {
  const FixedPreprocessed fixed = BuildFixedPreprocessed(program);
  stark::ProverStatement statement;
  statement.options = options;
  const crypto::ColumnMajorMatrix* matrices[] = {&fixed.decode, &fixed.reg, &fixed.page_elf,
                                                 &fixed.byte,   &fixed.pow, &fixed.keccak_rc};
  for (size_t t = 0; t < std::size(matrices); ++t) {
    stark::ProverTable table;
    table.air = &TableAir(static_cast<TableId>(t));
    table.preprocessed = matrices[t]->view();
    table.rows = matrices[t]->num_rows();
    if (t == static_cast<size_t>(TableId::kRegister)) {
      table.public_values.assign(kNumRegisterPublicValues, Felt::Zero());
    }
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
  vk.decode_log_rows = Log2(fixed.decode.num_rows());
  vk.page_elf_log_rows = Log2(fixed.page_elf.num_rows());
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
