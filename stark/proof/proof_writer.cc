#include "stark/proof/proof_writer.h"

#include <algorithm>

#include "base/check.h"

namespace zkvm::stark {
namespace {

void PutLe32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

void PushLe(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

constexpr uint64_t kMaxProofBytes = 0xFFFF'FFFFull;

}  // namespace

void ProofWriter::BeginSection(uint32_t id, ElementKind kind) {
  ZKVM_CHECK(!open_, "BeginSection with a section still open");
  ZKVM_CHECK(IsElementKind(static_cast<uint32_t>(kind)), "BeginSection with an invalid kind");
  ZKVM_CHECK(entries_.empty() || id > entries_.back().id,
             "proof section ids must be strictly ascending");
  ZKVM_CHECK(entries_.size() < kMaxProofSections, "too many proof sections");
  entries_.push_back(Entry{id, kind, 0, body_.size()});
  open_ = true;
}

void ProofWriter::Expect(ElementKind kind, size_t count) {
  ZKVM_CHECK(open_, "appending to a proof with no section open");
  ZKVM_CHECK(entries_.back().kind == kind, "appending an element of the wrong kind");
  ZKVM_CHECK(count <= 0xFFFF'FFFFu - entries_.back().count, "section has 2^32 elements or more");
  entries_.back().count += static_cast<uint32_t>(count);
}

void ProofWriter::AppendBytes(std::span<const uint8_t> bytes) {
  Expect(ElementKind::kBytes, bytes.size());
  body_.insert(body_.end(), bytes.begin(), bytes.end());
}

void ProofWriter::AppendU32(uint32_t value) {
  Expect(ElementKind::kU32, 1);
  PushLe(body_, value, 4);
}

void ProofWriter::AppendU32s(std::span<const uint32_t> values) {
  Expect(ElementKind::kU32, values.size());
  for (uint32_t v : values) PushLe(body_, v, 4);
}

void ProofWriter::AppendU64(uint64_t value) {
  Expect(ElementKind::kU64, 1);
  PushLe(body_, value, 8);
}

void ProofWriter::AppendU64s(std::span<const uint64_t> values) {
  Expect(ElementKind::kU64, values.size());
  for (uint64_t v : values) PushLe(body_, v, 8);
}

void ProofWriter::AppendFelt(crypto::Felt value) {
  Expect(ElementKind::kFelt, 1);
  PushLe(body_, value.value(), 8);
}

void ProofWriter::AppendFelts(std::span<const crypto::Felt> values) {
  Expect(ElementKind::kFelt, values.size());
  for (crypto::Felt v : values) PushLe(body_, v.value(), 8);
}

void ProofWriter::AppendExt3(const crypto::Ext3& value) {
  Expect(ElementKind::kExt3, 1);
  for (size_t i = 0; i < crypto::Ext3::kDegree; ++i) PushLe(body_, value[i].value(), 8);
}

void ProofWriter::AppendExt3s(std::span<const crypto::Ext3> values) {
  Expect(ElementKind::kExt3, values.size());
  for (const crypto::Ext3& v : values) {
    for (size_t i = 0; i < crypto::Ext3::kDegree; ++i) PushLe(body_, v[i].value(), 8);
  }
}

void ProofWriter::AppendDigest(const crypto::MerkleDigest& digest) {
  Expect(ElementKind::kDigest, 1);
  body_.insert(body_.end(), digest.bytes, digest.bytes + crypto::kMerkleDigestBytes);
}

void ProofWriter::AppendDigests(std::span<const crypto::MerkleDigest> digests) {
  Expect(ElementKind::kDigest, digests.size());
  for (const crypto::MerkleDigest& d : digests) {
    body_.insert(body_.end(), d.bytes, d.bytes + crypto::kMerkleDigestBytes);
  }
}

void ProofWriter::EndSection() {
  ZKVM_CHECK(open_, "EndSection with no section open");
  body_.resize(PadToProofAlignment(body_.size()), 0);
  open_ = false;
}

void ProofWriter::WriteSection(uint32_t id, std::span<const crypto::Felt> values) {
  BeginSection(id, ElementKind::kFelt);
  AppendFelts(values);
  EndSection();
}

void ProofWriter::WriteSection(uint32_t id, std::span<const crypto::Ext3> values) {
  BeginSection(id, ElementKind::kExt3);
  AppendExt3s(values);
  EndSection();
}

void ProofWriter::WriteSection(uint32_t id, std::span<const crypto::MerkleDigest> digests) {
  BeginSection(id, ElementKind::kDigest);
  AppendDigests(digests);
  EndSection();
}

std::vector<uint8_t> ProofWriter::Finish(std::span<const uint8_t, kOptionsBytes> options,
                                         uint32_t flags) {
  ZKVM_CHECK(!open_, "Finish with a section still open");
  ZKVM_CHECK((flags & ~kKnownProofFlags) == 0, "unknown proof flag bits");
  const uint64_t table_end = ProofFirstSectionOffset(entries_.size());
  const uint64_t total = table_end + body_.size();
  ZKVM_CHECK(total <= kMaxProofBytes, "proof larger than the format's 4 GiB limit");

  std::vector<uint8_t> out(static_cast<size_t>(table_end), 0);
  out.reserve(static_cast<size_t>(total));
  std::copy(std::begin(kProofMagic), std::end(kProofMagic), out.begin() + kProofMagicOffset);
  PutLe32(out.data() + kProofVersionOffset, kProofFormatVersion);
  PutLe32(out.data() + kProofFlagsOffset, flags);
  PutLe32(out.data() + kProofNumSectionsOffset, static_cast<uint32_t>(entries_.size()));
  PutLe32(out.data() + kProofTotalSizeOffset, static_cast<uint32_t>(total));
  std::copy(options.begin(), options.end(), out.begin() + kProofOptionsOffset);
  for (size_t i = 0; i < entries_.size(); ++i) {
    uint8_t* entry = out.data() + kProofSectionTableOffset + i * kSectionEntryBytes;
    PutLe32(entry + kSectionEntryIdOffset, entries_[i].id);
    PutLe32(entry + kSectionEntryKindOffset, static_cast<uint32_t>(entries_[i].kind));
    PutLe32(entry + kSectionEntryCountOffset, entries_[i].count);
    PutLe32(entry + kSectionEntryOffsetOffset,
            static_cast<uint32_t>(table_end + entries_[i].start));
  }
  out.insert(out.end(), body_.begin(), body_.end());

  entries_.clear();
  body_.clear();
  return out;
}

}  // namespace zkvm::stark
