#include "prover/vm/vm_statement.h"

#include <cstring>

#include "prover/tables/buses.h"
#include "prover/tables/memory_tables.h"
#include "prover/tables/table_registry.h"

namespace zkvm::prover {
namespace {

constexpr size_t kHeaderBytes = 92;

void PutU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t GetU32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
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
  if (bytes.size() < kHeaderBytes) {
    return MakeError("proof: {} bytes, shorter than the {}-byte statement header", bytes.size(),
                     kHeaderBytes);
  }
  if (std::memcmp(bytes.data(), "ZKVM", 4) != 0) {
    return MakeError("proof: bad magic (not a zkvm proof file)");
  }
  if (GetU32(&bytes[4]) != kVmProofVersion) {
    return MakeError("proof: format version {} (this verifier reads {})", GetU32(&bytes[4]),
                     kVmProofVersion);
  }
  VmStatement s;
  std::memcpy(s.vk_digest.data(), &bytes[8], 32);
  const stark::OptionsCheck check = stark::ProofOptions::Decode(&bytes[40], &s.options);
  if (!check.ok()) {
    return MakeError("proof: invalid proof options at byte 40 ({})",
                     stark::OptionsErrorName(check.error));
  }
  s.exit_code = GetU32(&bytes[72]);
  s.cycles = GetU32(&bytes[76]) | uint64_t{GetU32(&bytes[80])} << 32;
  const uint32_t n = GetU32(&bytes[84]);
  const uint32_t c = GetU32(&bytes[88]);
  if (n > kMaxPublicOutput) {
    return MakeError("proof: public output of {} bytes exceeds the limit of {}", n,
                     kMaxPublicOutput);
  }
  if (c > stark::kStarkMaxTables) {
    return MakeError("proof: {} table chunks exceed the limit of {}", c, stark::kStarkMaxTables);
  }
  size_t end = kHeaderBytes + size_t{n} + 2 * size_t{c};
  const size_t padded = (end + 15) & ~size_t{15};
  if (bytes.size() < padded) {
    return MakeError("proof: truncated statement ({} bytes, the statement needs {})", bytes.size(),
                     padded);
  }
  s.output.assign(bytes.begin() + kHeaderBytes, bytes.begin() + kHeaderBytes + n);
  for (uint32_t i = 0; i < c; ++i) {
    const uint8_t* p = &bytes[kHeaderBytes + n + 2 * i];
    if (p[0] >= kNumTables) return MakeError("proof: chunk {} names unknown table {}", i, p[0]);
    s.chunks.push_back({static_cast<TableId>(p[0]), p[1]});
  }
  for (size_t i = end; i < padded; ++i) {
    if (bytes[i] != 0) return MakeError("proof: non-zero padding byte at offset {}", i);
  }
  *stark_proof = bytes.subspan(padded);
  return s;
}

Status CheckStatementShape(const VmStatement& s, const VerifyingKey& vk) {
  if (s.cycles < 1 || s.cycles > kMaxCycles) {
    return MakeError("statement: cycle count {} outside [1, {}]", s.cycles, kMaxCycles);
  }
  if (s.output.size() > kMaxPublicOutput) return MakeError("statement: public output too large");
  if (s.chunks.empty() || s.chunks.size() > stark::kStarkMaxTables) {
    return MakeError("statement: {} table chunks (1 to {} allowed)", s.chunks.size(),
                     stark::kStarkMaxTables);
  }
  std::array<size_t, kNumTables> count{};
  for (size_t i = 0; i < s.chunks.size(); ++i) {
    const TableChunk& c = s.chunks[i];
    if (i > 0 && c.table < s.chunks[i - 1].table) {
      return MakeError("statement: chunk {} ({}) is out of table order", i, TableName(c.table));
    }
    if (c.log_height < 1 || c.log_height > stark::kStarkMaxLogHeight) {
      return MakeError("statement: chunk {} ({}) has log height {}", i, TableName(c.table),
                       c.log_height);
    }
    ++count[static_cast<size_t>(c.table)];
  }
  const struct {
    TableId table;
    uint32_t log_height;
  } fixed[] = {{TableId::kDecode, vk.decode_log_rows},
               {TableId::kRegister, 6},
               {TableId::kPageElf, vk.page_elf_log_rows},
               {TableId::kByte, 16},
               {TableId::kPow, 6},
               {TableId::kKeccakRc, 6},
               {TableId::kHalt, 1}};
  for (const auto& f : fixed) {
    const size_t t = static_cast<size_t>(f.table);
    if (count[t] != 1) {
      return MakeError("statement: table {} appears {} times (exactly once expected)",
                       TableName(f.table), count[t]);
    }
  }
  for (const TableChunk& c : s.chunks) {
    for (const auto& f : fixed) {
      if (c.table == f.table && c.log_height != f.log_height) {
        return MakeError("statement: table {} has log height {}, the verifying key says {}",
                         TableName(c.table), c.log_height, f.log_height);
      }
    }
  }
  for (TableId t : {TableId::kPageZero, TableId::kPageInput}) {
    if (count[static_cast<size_t>(t)] > 1) {
      return MakeError("statement: table {} appears {} times (at most once)", TableName(t),
                       count[static_cast<size_t>(t)]);
    }
  }
  return {};
}

StarkStatementStorage::StarkStatementStorage(const VmStatement& s, const VerifyingKey& vk) {
  tables_.resize(s.chunks.size());
  public_values_.resize(s.chunks.size());
  for (size_t i = 0; i < s.chunks.size(); ++i) {
    const TableChunk& c = s.chunks[i];
    std::vector<Felt>& pv = public_values_[i];
    if (c.table == TableId::kRegister) {
      for (size_t w = 0; w < kNumRegisterPublicValues; ++w) {
        uint32_t word;
        std::memcpy(&word, &s.vk_digest[4 * w], 4);
        pv.push_back(Felt::FromU64(word));
      }
    } else if (c.table == TableId::kPageZero || c.table == TableId::kPageInput) {
      const PageBounds b =
          c.table == TableId::kPageZero ? PageZeroBounds(vk.image_end) : PageInputBounds();
      pv = {Felt::FromU64(b.lo), Felt::FromU64(b.hi)};
    }
    tables_[i] = {.air = &TableAir(c.table),
                  .log_height = c.log_height,
                  .public_values = pv.data(),
                  .num_public_values = static_cast<uint32_t>(pv.size())};
  }
  const Felt exec[] = {Felt::FromU64(vk.entry), Felt::One()};
  interactions_.push_back(stark::MakePublicInteraction(kExecBus, true, Felt::One(), exec, 2));
  const Felt halt[] = {Felt::FromU64(s.exit_code), Felt::FromU64(s.cycles),
                       Felt::FromU64(s.output.size())};
  interactions_.push_back(stark::MakePublicInteraction(kHaltBus, false, Felt::One(), halt, 3));
  for (size_t i = 0; i < s.output.size(); ++i) {
    const Felt out[] = {Felt::FromU64(i), Felt::FromU64(s.output[i])};
    interactions_.push_back(stark::MakePublicInteraction(kOutBus, false, Felt::One(), out, 2));
  }
  statement_.tables = tables_.data();
  statement_.num_tables = static_cast<uint32_t>(tables_.size());
  statement_.options = s.options;
  statement_.preprocessed_root = vk.preprocessed_root;
  statement_.public_interactions = interactions_.data();
  statement_.num_public_interactions = static_cast<uint32_t>(interactions_.size());
}

}  // namespace zkvm::prover
