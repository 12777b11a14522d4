// Tests of the proof format: the writer's exact layout, round trips, and rejection of malformed
// bytes (truncation at every byte, every byte flipped, non-canonical field elements, bad
// tables, padding, sizes, alignment), each with the error naming its place. Exact-size buffers
// make any out-of-bounds read visible under ASan.
#include <stdint.h>
#include <string.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <new>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "stark/proof/proof_format.h"
#include "stark/proof/proof_host.h"
#include "stark/proof/proof_view.h"
#include "stark/proof/proof_writer.h"

namespace zkvm::stark {
namespace {

using crypto::Ext3;
using crypto::Felt;
using crypto::MerkleDigest;

constexpr uint64_t kP = Felt::kModulus;

// A heap buffer of exactly `size` bytes at a 16-aligned address (plus `shift`), so ASan flags
// any read past the end.
class ExactBuffer {
 public:
  ExactBuffer(std::span<const uint8_t> bytes, size_t shift = 0)
      : storage_(static_cast<uint8_t*>(
            ::operator new[](bytes.size() + shift, std::align_val_t{kProofAlignment}))),
        shift_(shift),
        size_(bytes.size()) {
    if (!bytes.empty()) memcpy(data(), bytes.data(), bytes.size());
  }
  ~ExactBuffer() { ::operator delete[](storage_, std::align_val_t{kProofAlignment}); }
  ExactBuffer(const ExactBuffer&) = delete;
  ExactBuffer& operator=(const ExactBuffer&) = delete;

  uint8_t* data() { return storage_ + shift_; }
  size_t size() const { return size_; }
  std::span<const uint8_t> span() { return {data(), size_}; }

 private:
  uint8_t* storage_;
  size_t shift_;
  size_t size_;
};

// Parses a copy of `bytes` that lives only for the call: for checking the status.
ProofStatus ParseBytes(std::span<const uint8_t> bytes, const ProofShape* shape = nullptr) {
  ExactBuffer buffer(bytes);
  ProofView view;
  return ProofView::Parse(buffer.data(), buffer.size(), &view, shape);
}

std::array<uint8_t, kOptionsBytes> SampleOptions() {
  std::array<uint8_t, kOptionsBytes> options{};
  for (size_t i = 0; i < options.size(); ++i) options[i] = static_cast<uint8_t>(7 * i + 1);
  return options;
}

MerkleDigest SampleDigest(uint8_t seed) {
  MerkleDigest d;
  for (size_t i = 0; i < crypto::kMerkleDigestBytes; ++i)
    d.bytes[i] = static_cast<uint8_t>(seed + 3 * i);
  return d;
}

// The sample proof: one or more sections of every kind, including an empty one, odd sizes that
// need padding, and the extreme canonical values 0 and p - 1.
struct SampleSection {
  uint32_t id;
  ElementKind kind;
  uint32_t count;
  uint32_t offset;  // the canonical layout, computed by hand
};
constexpr SampleSection kSample[] = {
    {1, ElementKind::kBytes, 13, 192}, {2, ElementKind::kU32, 3, 208},
    {3, ElementKind::kFelt, 5, 224},   {5, ElementKind::kExt3, 3, 272},
    {7, ElementKind::kDigest, 4, 352}, {8, ElementKind::kU64, 1, 480},
    {9, ElementKind::kBytes, 0, 496},  {12, ElementKind::kFelt, 1, 496},
};
constexpr size_t kSampleSize = 512;

const Felt kSampleFelts[5] = {Felt::FromCanonical(0), Felt::FromCanonical(1),
                              Felt::FromCanonical(kP - 1), Felt::FromCanonical(0xFFFF'FFFFull),
                              Felt::FromCanonical(0x1234'5678'9ABC'DEF0ull)};
const Ext3 kSampleExt3s[3] = {
    Ext3(Felt::FromCanonical(1), Felt::FromCanonical(2), Felt::FromCanonical(3)),
    Ext3(Felt::FromCanonical(kP - 1), Felt::FromCanonical(0), Felt::FromCanonical(kP - 2)),
    Ext3(Felt::FromCanonical(0xFFFF'FFFF'0000'0000ull), Felt::FromCanonical(5),
         Felt::FromCanonical(6))};

constexpr ProofSectionName kNameList[] = {
    {1, "public bytes"}, {3, "trace values"},    {5, "ood values"},
    {7, "trace roots"},  {12, "fri last layer"},
};
constexpr ProofSectionNames kNames{kNameList, std::size(kNameList)};

std::vector<uint8_t> SampleProof(uint32_t flags = kFlagInsecureTestPreset) {
  ProofWriter writer;
  writer.BeginSection(1, ElementKind::kBytes);
  const uint8_t bytes[13] = {'h', 'e', 'l', 'l', 'o', ' ', 'p', 'r', 'o', 'o', 'f', 0, 0xFF};
  writer.AppendBytes(std::span<const uint8_t>(bytes).first(5));
  writer.AppendBytes(std::span<const uint8_t>(bytes).subspan(5));
  writer.EndSection();
  writer.BeginSection(2, ElementKind::kU32);
  writer.AppendU32(0xDEAD'BEEF);
  const uint32_t more[2] = {0, 0xFFFF'FFFF};
  writer.AppendU32s(more);
  writer.EndSection();
  writer.WriteSection(3, std::span<const Felt>(kSampleFelts));
  writer.BeginSection(5, ElementKind::kExt3);
  writer.AppendExt3(kSampleExt3s[0]);
  writer.AppendExt3s(std::span<const Ext3>(kSampleExt3s).subspan(1));
  writer.EndSection();
  const MerkleDigest digests[4] = {SampleDigest(0), SampleDigest(40), SampleDigest(80),
                                   SampleDigest(120)};
  writer.BeginSection(7, ElementKind::kDigest);
  writer.AppendDigest(digests[0]);
  writer.AppendDigests(std::span<const MerkleDigest>(digests).subspan(1));
  writer.EndSection();
  writer.BeginSection(8, ElementKind::kU64);
  writer.AppendU64(0xFFFF'FFFF'FFFF'FFFFull);  // any u64: not a field element
  writer.EndSection();
  writer.BeginSection(9, ElementKind::kBytes);
  writer.EndSection();
  writer.BeginSection(12, ElementKind::kFelt);
  writer.AppendFelt(Felt::FromCanonical(42));
  writer.EndSection();
  return writer.Finish(SampleOptions(), flags);
}

// Writes the content of a parsed proof again: canonical encoding means the bytes come back.
std::vector<uint8_t> ReEncode(const ProofView& view) {
  ProofWriter writer;
  for (uint32_t i = 0; i < view.num_sections(); ++i) {
    const SectionReader s = view.SectionAt(i);
    writer.BeginSection(s.id(), s.kind());
    switch (s.kind()) {
      case ElementKind::kBytes:
        writer.AppendBytes({s.bytes(), s.count()});
        break;
      case ElementKind::kU32:
        writer.AppendU32s({s.U32s(), s.count()});
        break;
      case ElementKind::kU64:
        writer.AppendU64s({s.U64s(), s.count()});
        break;
      case ElementKind::kFelt:
        writer.AppendFelts({s.Felts(), s.count()});
        break;
      case ElementKind::kExt3:
        writer.AppendExt3s({s.Ext3s(), s.count()});
        break;
      case ElementKind::kDigest:
        writer.AppendDigests({s.Digests(), s.count()});
        break;
    }
    writer.EndSection();
  }
  return writer.Finish(std::span<const uint8_t, kOptionsBytes>(view.options(), kOptionsBytes),
                       view.flags());
}

void PutLe32(std::vector<uint8_t>& bytes, size_t offset, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}
void PutLe64(std::vector<uint8_t>& bytes, size_t offset, uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[offset + i] = static_cast<uint8_t>(v >> (8 * i));
}
size_t EntryOffset(size_t index) { return kProofSectionTableOffset + index * kSectionEntryBytes; }

std::string Message(const ProofStatus& status) { return ProofStatusMessage(status, kNames); }

// --- Layout -------------------------------------------------------------------------------

TEST(ProofFormat, TinyProofGoldenBytes) {
  ProofWriter writer;
  const Felt value = Felt::FromCanonical(0x0102'0304'0506'0708ull);
  writer.WriteSection(7, std::span<const Felt>(&value, 1));
  std::array<uint8_t, kOptionsBytes> options;
  options.fill(0xAB);
  const std::vector<uint8_t> bytes = writer.Finish(options, 0);

  // magic, version 1, flags 0, 1 section, total 96, reserved; options; the entry {id 7, kind
  // kFelt, count 1, offset 80}; the value, little-endian, and 8 bytes of padding.
  const uint8_t header[32] = {'Z', 'K', 'V', 'P', 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 96};
  const uint8_t entry[16] = {7, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 80, 0, 0, 0};
  const uint8_t data[16] = {8, 7, 6, 5, 4, 3, 2, 1};
  ASSERT_EQ(bytes.size(), 96u);
  EXPECT_EQ(memcmp(bytes.data(), header, 32), 0);
  for (size_t i = 32; i < 64; ++i) EXPECT_EQ(bytes[i], 0xAB);
  EXPECT_EQ(memcmp(bytes.data() + 64, entry, 16), 0);
  EXPECT_EQ(memcmp(bytes.data() + 80, data, 16), 0);
}

TEST(ProofFormat, SampleLayoutIsTheCanonicalOne) {
  const std::vector<uint8_t> bytes = SampleProof();
  ASSERT_EQ(bytes.size(), kSampleSize);
  EXPECT_EQ(detail::ProofLoadLe32(&bytes[kProofNumSectionsOffset]), std::size(kSample));
  EXPECT_EQ(detail::ProofLoadLe32(&bytes[kProofTotalSizeOffset]), kSampleSize);
  for (size_t i = 0; i < std::size(kSample); ++i) {
    const uint8_t* entry = &bytes[EntryOffset(i)];
    EXPECT_EQ(detail::ProofLoadLe32(entry + kSectionEntryIdOffset), kSample[i].id);
    EXPECT_EQ(detail::ProofLoadLe32(entry + kSectionEntryKindOffset),
              static_cast<uint32_t>(kSample[i].kind));
    EXPECT_EQ(detail::ProofLoadLe32(entry + kSectionEntryCountOffset), kSample[i].count);
    EXPECT_EQ(detail::ProofLoadLe32(entry + kSectionEntryOffsetOffset), kSample[i].offset);
  }
}

TEST(ProofFormat, EmptyProofIsJustTheHeader) {
  ProofWriter writer;
  const std::vector<uint8_t> bytes = writer.Finish(SampleOptions(), 0);
  ASSERT_EQ(bytes.size(), kProofHeaderBytes);
  ExactBuffer buffer(bytes);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(buffer.data(), buffer.size(), &view).ok());
  EXPECT_EQ(view.num_sections(), 0u);
  EXPECT_FALSE(view.insecure_test_preset());
  SectionReader reader;
  EXPECT_EQ(view.Section(1, &reader).error, ProofError::kMissingSection);
}

// --- Round trip ---------------------------------------------------------------------------

TEST(ProofView, RoundTripsEveryKind) {
  const std::vector<uint8_t> bytes = SampleProof();
  ExactBuffer buffer(bytes);
  ProofView view;
  const ProofStatus status = ProofView::Parse(buffer.data(), buffer.size(), &view);
  ASSERT_TRUE(status.ok()) << Message(status);

  EXPECT_EQ(view.version(), kProofFormatVersion);
  EXPECT_TRUE(view.insecure_test_preset());
  const auto options = SampleOptions();
  EXPECT_TRUE(view.OptionsEqual(options.data()));
  auto other_options = options;
  other_options[31] ^= 1;
  EXPECT_FALSE(view.OptionsEqual(other_options.data()));
  ASSERT_EQ(view.num_sections(), std::size(kSample));
  for (uint32_t i = 0; i < view.num_sections(); ++i) {
    const SectionReader s = view.SectionAt(i);
    EXPECT_EQ(s.id(), kSample[i].id);
    EXPECT_EQ(s.kind(), kSample[i].kind);
    EXPECT_EQ(s.count(), kSample[i].count);
    EXPECT_EQ(s.offset(), kSample[i].offset);
    EXPECT_EQ(s.bytes(), buffer.data() + kSample[i].offset);
  }

  SectionReader section;
  ASSERT_TRUE(view.RequireSection(1, ElementKind::kBytes, 13, &section).ok());
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(section.bytes()), 11), "hello proof");
  uint8_t byte = 0;
  ASSERT_TRUE(section.ReadByte(12, &byte).ok());
  EXPECT_EQ(byte, 0xFF);

  ASSERT_TRUE(view.RequireSection(2, ElementKind::kU32, 3, &section).ok());
  uint32_t u32 = 0;
  ASSERT_TRUE(section.ReadU32(0, &u32).ok());
  EXPECT_EQ(u32, 0xDEAD'BEEFu);
  EXPECT_EQ(section.U32s()[2], 0xFFFF'FFFFu);

  ASSERT_TRUE(view.RequireSection(3, ElementKind::kFelt, 5, &section).ok());
  for (size_t i = 0; i < 5; ++i) {
    Felt f;
    ASSERT_TRUE(section.ReadFelt(i, &f).ok());
    EXPECT_EQ(f, kSampleFelts[i]);
    EXPECT_EQ(section.Felts()[i], kSampleFelts[i]);  // in place
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(section.Felts()) % alignof(Felt), 0u);

  ASSERT_TRUE(view.RequireSection(5, ElementKind::kExt3, kAnyCount, &section).ok());
  for (size_t i = 0; i < 3; ++i) {
    Ext3 e;
    ASSERT_TRUE(section.ReadExt3(i, &e).ok());
    EXPECT_EQ(e, kSampleExt3s[i]);
    EXPECT_EQ(section.Ext3s()[i], kSampleExt3s[i]);
  }

  ASSERT_TRUE(view.RequireSection(7, ElementKind::kDigest, 4, &section).ok());
  MerkleDigest d;
  ASSERT_TRUE(section.ReadDigest(3, &d).ok());
  EXPECT_EQ(d, SampleDigest(120));
  EXPECT_EQ(section.Digests()[1], SampleDigest(40));

  ASSERT_TRUE(view.RequireSection(8, ElementKind::kU64, 1, &section).ok());
  uint64_t u64 = 0;
  ASSERT_TRUE(section.ReadU64(0, &u64).ok());
  EXPECT_EQ(u64, ~uint64_t{0});
  EXPECT_EQ(section.U64s()[0], ~uint64_t{0});

  ASSERT_TRUE(view.RequireSection(9, ElementKind::kBytes, 0, &section).ok());
  EXPECT_EQ(section.size_bytes(), 0u);

  ASSERT_TRUE(view.RequireSection(12, ElementKind::kFelt, 1, &section).ok());
  EXPECT_EQ(section.Felts()[0], Felt::FromCanonical(42));

  EXPECT_EQ(ReEncode(view), bytes);
}

TEST(ProofView, FlagsAreReported) {
  ProofView view;
  const std::vector<uint8_t> secure = SampleProof(0);
  ExactBuffer buffer(secure);
  ASSERT_TRUE(ProofView::Parse(buffer.data(), buffer.size(), &view).ok());
  EXPECT_FALSE(view.insecure_test_preset());
  EXPECT_EQ(view.flags(), 0u);
}

TEST(ProofView, ExpectedShapeIsEnforced) {
  const std::vector<uint8_t> bytes = SampleProof();
  std::vector<ProofSectionSpec> specs;
  for (const SampleSection& s : kSample) specs.push_back({s.id, s.kind, s.count});
  ProofShape shape{specs.data(), specs.size()};
  EXPECT_TRUE(ParseBytes(bytes, &shape).ok());

  auto check = [&](std::vector<ProofSectionSpec> changed, ProofError error, uint32_t section,
                   const std::string& message) {
    const ProofShape changed_shape{changed.data(), changed.size()};
    const ProofStatus status = ParseBytes(bytes, &changed_shape);
    EXPECT_EQ(status.error, error) << Message(status);
    EXPECT_EQ(status.section, section);
    EXPECT_EQ(Message(status), message);
  };
  auto changed = specs;
  changed[4].count = 5;
  check(changed, ProofError::kWrongCount, 7,
        "section 7 (trace roots): expected 5 digests, found 4");
  changed = specs;
  changed[2].kind = ElementKind::kExt3;
  check(changed, ProofError::kWrongKind, 3,
        "section 3 (trace values): expected extension field elements, found field elements");
  changed = specs;
  changed.insert(changed.begin() + 3, {4, ElementKind::kFelt, 1});
  check(changed, ProofError::kMissingSection, 4, "section 4: required section is missing");
  changed = specs;
  changed.erase(changed.begin() + 3);
  check(changed, ProofError::kUnexpectedSection, 5,
        "section 5 (ood values): section is not part of the expected proof shape");
  changed = specs;
  changed.pop_back();
  check(changed, ProofError::kUnexpectedSection, 12,
        "section 12 (fri last layer): section is not part of the expected proof shape");
  changed = specs;
  changed.push_back({13, ElementKind::kFelt, 1});
  check(changed, ProofError::kMissingSection, 13, "section 13: required section is missing");
  changed = specs;
  changed[5].count = kAnyCount;
  check(changed, ProofError::kOk, kProofNoPlace, "ok");
}

TEST(ProofView, RequiredSectionLookupsNameTheSection) {
  const std::vector<uint8_t> bytes = SampleProof();
  ExactBuffer buffer(bytes);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(buffer.data(), buffer.size(), &view).ok());
  SectionReader reader;
  ProofStatus status = view.RequireSection(7, ElementKind::kDigest, 12, &reader);
  EXPECT_EQ(status.error, ProofError::kWrongCount);
  EXPECT_EQ(Message(status), "section 7 (trace roots): expected 12 digests, found 4");
  status = view.RequireSection(3, ElementKind::kDigest, 5, &reader);
  EXPECT_EQ(Message(status), "section 3 (trace values): expected digests, found field elements");
  status = view.RequireSection(4, ElementKind::kFelt, 1, &reader);
  EXPECT_EQ(Message(status), "section 4: required section is missing");
  EXPECT_FALSE(view.HasSection(0));
  EXPECT_FALSE(view.HasSection(13));
  EXPECT_FALSE(view.HasSection(0xFFFF'FFFF));
  for (const SampleSection& s : kSample) EXPECT_TRUE(view.HasSection(s.id));
}

TEST(ProofView, ElementReadsAreChecked) {
  const std::vector<uint8_t> bytes = SampleProof();
  ExactBuffer buffer(bytes);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(buffer.data(), buffer.size(), &view).ok());
  SectionReader felts;
  ASSERT_TRUE(view.Section(3, &felts).ok());
  Felt f;
  ProofStatus status = felts.ReadFelt(5, &f);
  EXPECT_EQ(status.error, ProofError::kIndexOutOfRange);
  EXPECT_EQ(Message(status),
            "section 3 (trace values): element 5 is out of range: the section has 5 field "
            "elements");
  EXPECT_EQ(felts.ReadFelt(~size_t{0}, &f).error, ProofError::kIndexOutOfRange);
  Ext3 e;
  status = felts.ReadExt3(0, &e);
  EXPECT_EQ(status.error, ProofError::kWrongKind);
  EXPECT_EQ(Message(status),
            "section 3 (trace values): expected extension field elements, found field elements");
  MerkleDigest d;
  EXPECT_EQ(felts.ReadDigest(0, &d).error, ProofError::kWrongKind);
  uint32_t u32;
  EXPECT_EQ(felts.ReadU32(0, &u32).error, ProofError::kWrongKind);
  uint64_t u64;
  EXPECT_EQ(felts.ReadU64(0, &u64).error, ProofError::kWrongKind);
  uint8_t byte;
  EXPECT_EQ(felts.ReadByte(0, &byte).error, ProofError::kWrongKind);
  EXPECT_EQ(felts.Digests(), nullptr);
  EXPECT_EQ(felts.Ext3s(), nullptr);
  EXPECT_EQ(felts.U32s(), nullptr);
  EXPECT_EQ(felts.U64s(), nullptr);
  EXPECT_NE(felts.Felts(), nullptr);

  const SectionReader empty;
  EXPECT_EQ(empty.ReadFelt(0, &f).error, ProofError::kWrongKind);
  EXPECT_EQ(empty.Felts(), nullptr);
  EXPECT_EQ(view.SectionAt(view.num_sections()).count(), 0u);
}

// --- Malformed input ----------------------------------------------------------------------

// The table index of the first sample section whose padded end lies past `size`.
size_t FirstSectionEndingAfter(size_t size) {
  for (size_t i = 0; i < std::size(kSample); ++i) {
    const uint64_t end = PadToProofAlignment(kSample[i].offset + uint64_t{kSample[i].count} *
                                                                     ElementSize(kSample[i].kind));
    if (end > size) return i;
  }
  return std::size(kSample);
}

TEST(ProofViewMalformed, TruncationAtEveryByte) {
  const std::vector<uint8_t> bytes = SampleProof();
  const size_t table_end = ProofFirstSectionOffset(std::size(kSample));
  for (size_t size = 0; size < bytes.size(); ++size) {
    SCOPED_TRACE(size);
    const ProofStatus status = ParseBytes(std::span(bytes).first(size));
    if (size < kProofHeaderBytes) {
      EXPECT_EQ(status.error, ProofError::kTruncatedHeader);
    } else if (size < table_end) {
      EXPECT_EQ(status.error, ProofError::kTruncatedTable);
      EXPECT_EQ(status.expected, table_end);
    } else {
      const size_t index = FirstSectionEndingAfter(size);
      ASSERT_LT(index, std::size(kSample));
      EXPECT_EQ(status.error, ProofError::kTruncatedSection) << Message(status);
      EXPECT_EQ(status.section, kSample[index].id);
      EXPECT_EQ(status.found, size);
    }
  }
  const ProofStatus status = ParseBytes(std::span(bytes).first(300));
  EXPECT_EQ(Message(status),
            "section 5 (ood values): truncated: the section starts at byte 272 and needs the "
            "proof to be 352 bytes, it is 300");
  EXPECT_EQ(Message(ParseBytes(std::span(bytes).first(10))),
            "proof: proof is 10 bytes, shorter than the 64-byte header");
  EXPECT_EQ(Message(ParseBytes(std::span(bytes).first(100))),
            "proof: section table needs 192 bytes, proof is 100");
  EXPECT_EQ(ProofView::Parse(nullptr, 0, nullptr).error, ProofError::kTruncatedHeader);
}

// Where a byte of the sample proof lies.
enum class Region {
  kMagic,
  kVersion,
  kFlags,
  kNumSections,
  kTotalSize,
  kReserved,
  kOptions,
  kEntryId,
  kEntryKind,
  kEntryCount,
  kEntryOffset,
  kData,
  kPadding
};

Region RegionOf(size_t pos, size_t* section_index) {
  if (pos < 4) return Region::kMagic;
  if (pos < 8) return Region::kVersion;
  if (pos < 12) return Region::kFlags;
  if (pos < 16) return Region::kNumSections;
  if (pos < 20) return Region::kTotalSize;
  if (pos < 32) return Region::kReserved;
  if (pos < 64) return Region::kOptions;
  const size_t table_end = ProofFirstSectionOffset(std::size(kSample));
  if (pos < table_end) {
    *section_index = (pos - kProofSectionTableOffset) / kSectionEntryBytes;
    switch ((pos - kProofSectionTableOffset) % kSectionEntryBytes / 4) {
      case 0:
        return Region::kEntryId;
      case 1:
        return Region::kEntryKind;
      case 2:
        return Region::kEntryCount;
      default:
        return Region::kEntryOffset;
    }
  }
  for (size_t i = 0; i < std::size(kSample); ++i) {
    const size_t end = kSample[i].offset + size_t{kSample[i].count} * ElementSize(kSample[i].kind);
    if (pos < kSample[i].offset) continue;
    *section_index = i;
    if (pos < end) return Region::kData;
    if (pos < PadToProofAlignment(end)) return Region::kPadding;
  }
  ADD_FAILURE() << "byte " << pos << " lies nowhere";
  return Region::kPadding;
}

// Every byte flipped three ways: either the result is rejected with the error the byte's place
// implies, or it is accepted and is then the canonical encoding of its content.
TEST(ProofViewMalformed, FlippedByteEverywhere) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (size_t pos = 0; pos < bytes.size(); ++pos) {
    for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xFF}}) {
      SCOPED_TRACE(testing::Message() << "byte " << pos << " ^ " << int{mask});
      std::vector<uint8_t> mutated = bytes;
      mutated[pos] ^= mask;
      ExactBuffer buffer(mutated);
      ProofView view;
      const ProofStatus status = ProofView::Parse(buffer.data(), buffer.size(), &view);
      if (status.ok()) {
        EXPECT_EQ(ReEncode(view), mutated);
      }

      size_t index = 0;
      const Region region = RegionOf(pos, &index);
      const uint32_t id = kSample[index].id;
      switch (region) {
        case Region::kMagic:
          EXPECT_EQ(status.error, ProofError::kBadMagic);
          break;
        case Region::kVersion:
          EXPECT_EQ(status.error, ProofError::kBadVersion);
          break;
        case Region::kFlags:
          if (pos == kProofFlagsOffset && mask == 0x01) {
            EXPECT_TRUE(status.ok());  // the insecure-preset flag is data
          } else {
            EXPECT_EQ(status.error, ProofError::kUnknownFlags);
          }
          break;
        case Region::kNumSections:
          EXPECT_FALSE(status.ok());
          break;
        case Region::kTotalSize:
          EXPECT_EQ(status.error, ProofError::kTotalSizeMismatch);
          break;
        case Region::kReserved:
          EXPECT_EQ(status.error, ProofError::kReservedNonZero);
          EXPECT_EQ(status.offset, pos);
          break;
        case Region::kOptions:
          EXPECT_TRUE(status.ok());  // opaque here; the verifier compares them
          break;
        case Region::kEntryId:
          // Still ascending: another valid proof; else a duplicate or order error at this entry
          // or the next.
          if (!status.ok()) {
            EXPECT_TRUE(status.error == ProofError::kDuplicateSection ||
                        status.error == ProofError::kSectionOrder)
                << Message(status);
            EXPECT_TRUE(status.entry == index || status.entry == index + 1);
          }
          break;
        case Region::kEntryKind:
          if (mask != 0x01 || pos % 4 != 0) {  // not a kind any more
            EXPECT_EQ(status.error, ProofError::kUnknownKind);
            EXPECT_EQ(status.section, id);
          }
          break;
        case Region::kEntryCount:
          break;  // some changes are valid (a zero byte moved between data and padding)
        case Region::kEntryOffset:
          EXPECT_EQ(status.error, ProofError::kBadOffset);
          EXPECT_EQ(status.section, id);
          break;
        case Region::kData:
          if (!status.ok()) {
            EXPECT_EQ(status.error, ProofError::kNonCanonicalFelt) << Message(status);
            EXPECT_EQ(status.section, id);
            EXPECT_TRUE(kSample[index].kind == ElementKind::kFelt ||
                        kSample[index].kind == ElementKind::kExt3);
            const size_t element_size = ElementSize(kSample[index].kind);
            EXPECT_EQ(status.element, (pos - kSample[index].offset) / element_size);
          }
          break;
        case Region::kPadding:
          EXPECT_EQ(status.error, ProofError::kNonZeroPadding);
          EXPECT_EQ(status.section, id);
          EXPECT_EQ(status.offset, pos);
          break;
      }
    }
  }
}

TEST(ProofViewMalformed, NonCanonicalFelt) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (uint64_t bad : {kP, kP + 1, ~uint64_t{0}, uint64_t{0xFFFF'FFFF'8000'0000ull}}) {
    std::vector<uint8_t> mutated = bytes;
    PutLe64(mutated, 224 + 2 * 8, bad);  // section 3, element 2
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kNonCanonicalFelt);
    EXPECT_EQ(status.section, 3u);
    EXPECT_EQ(status.element, 2u);
    EXPECT_EQ(status.coefficient, kProofNoPlace);
    EXPECT_EQ(Message(status),
              "section 3 (trace values): element 2 is not a canonical field element (byte "
              "offset 240)");
  }
  std::vector<uint8_t> edge = bytes;
  PutLe64(edge, 224 + 2 * 8, kP - 1);
  PutLe64(edge, 224 + 3 * 8, 0xFFFF'FFFF'0000'0000ull);
  EXPECT_TRUE(ParseBytes(edge).ok());
  // A u64 section may hold any value.
  std::vector<uint8_t> u64 = bytes;
  PutLe64(u64, 480, kP);
  EXPECT_TRUE(ParseBytes(u64).ok());
}

TEST(ProofViewMalformed, NonCanonicalExt3Coefficient) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (uint32_t coefficient = 0; coefficient < 3; ++coefficient) {
    std::vector<uint8_t> mutated = bytes;
    const size_t offset = 272 + 1 * 24 + coefficient * 8;  // section 5, element 1
    PutLe64(mutated, offset, kP);
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kNonCanonicalFelt);
    EXPECT_EQ(status.section, 5u);
    EXPECT_EQ(status.element, 1u);
    EXPECT_EQ(status.coefficient, coefficient);
    EXPECT_EQ(status.offset, offset);
    EXPECT_EQ(Message(status),
              "section 5 (ood values): element 1 coefficient " + std::to_string(coefficient) +
                  " is not a canonical field element (byte offset " + std::to_string(offset) + ")");
  }
}

// Builds proof bytes from an arbitrary table (any ids, kinds, counts), with the canonical
// offsets and padding: what a non-canonical writer could produce.
struct RawSection {
  uint32_t id;
  uint32_t kind;
  uint32_t count;
  std::vector<uint8_t> data;
};

std::vector<uint8_t> RawProof(const std::vector<RawSection>& sections) {
  std::vector<uint8_t> out(ProofFirstSectionOffset(sections.size()), 0);
  memcpy(out.data(), kProofMagic, 4);
  PutLe32(out, kProofVersionOffset, kProofFormatVersion);
  PutLe32(out, kProofNumSectionsOffset, static_cast<uint32_t>(sections.size()));
  for (size_t i = 0; i < sections.size(); ++i) {
    PutLe32(out, EntryOffset(i) + kSectionEntryIdOffset, sections[i].id);
    PutLe32(out, EntryOffset(i) + kSectionEntryKindOffset, sections[i].kind);
    PutLe32(out, EntryOffset(i) + kSectionEntryCountOffset, sections[i].count);
    PutLe32(out, EntryOffset(i) + kSectionEntryOffsetOffset, static_cast<uint32_t>(out.size()));
    out.insert(out.end(), sections[i].data.begin(), sections[i].data.end());
    out.resize(PadToProofAlignment(out.size()), 0);
  }
  PutLe32(out, kProofTotalSizeOffset, static_cast<uint32_t>(out.size()));
  return out;
}

RawSection FeltSection(uint32_t id, uint64_t value) {
  std::vector<uint8_t> data(8);
  for (int i = 0; i < 8; ++i) data[i] = static_cast<uint8_t>(value >> (8 * i));
  return {id, static_cast<uint32_t>(ElementKind::kFelt), 1, data};
}

TEST(ProofViewMalformed, RawProofHelperMatchesTheWriter) {
  ProofWriter writer;
  writer.WriteSection(3, std::span<const Felt>({Felt::FromCanonical(9)}));
  writer.WriteSection(4, std::span<const Felt>({Felt::FromCanonical(10)}));
  std::array<uint8_t, kOptionsBytes> zero{};
  EXPECT_EQ(writer.Finish(zero, 0), RawProof({FeltSection(3, 9), FeltSection(4, 10)}));
}

TEST(ProofViewMalformed, SwappedAndDuplicateSections) {
  EXPECT_TRUE(ParseBytes(RawProof({FeltSection(3, 9), FeltSection(4, 10)})).ok());
  ProofStatus status = ParseBytes(RawProof({FeltSection(4, 10), FeltSection(3, 9)}));
  EXPECT_EQ(status.error, ProofError::kSectionOrder);
  EXPECT_EQ(status.section, 3u);
  EXPECT_EQ(status.entry, 1u);
  EXPECT_EQ(Message(status),
            "section 3 (trace values) (table entry 1): section id 3 follows section id 4 (ids "
            "must be strictly ascending)");
  status = ParseBytes(RawProof({FeltSection(3, 9), FeltSection(3, 9)}));
  EXPECT_EQ(status.error, ProofError::kDuplicateSection);
  EXPECT_EQ(status.section, 3u);
  EXPECT_EQ(Message(status), "section 3 (trace values) (table entry 1): section id appears twice");

  // The sample with sections 3 and 5 swapped, data moved along and offsets canonical for the
  // new order: rejected for the order alone.
  const std::vector<uint8_t> bytes = SampleProof();
  std::vector<RawSection> sections;
  for (const SampleSection& s : kSample) {
    const uint8_t* data = bytes.data() + s.offset;
    sections.push_back({s.id, static_cast<uint32_t>(s.kind), s.count,
                        std::vector<uint8_t>(data, data + s.count * ElementSize(s.kind))});
  }
  std::vector<uint8_t> reencoded = RawProof(sections);
  memcpy(reencoded.data() + kProofFlagsOffset, bytes.data() + kProofFlagsOffset, 4);
  memcpy(reencoded.data() + kProofOptionsOffset, bytes.data() + kProofOptionsOffset, kOptionsBytes);
  ASSERT_EQ(reencoded, bytes);
  std::swap(sections[2], sections[3]);
  status = ParseBytes(RawProof(sections));
  EXPECT_EQ(status.error, ProofError::kSectionOrder) << Message(status);
  EXPECT_EQ(status.section, 3u);
  EXPECT_EQ(status.entry, 3u);

  // Only the table entries swapped: the offsets give it away first.
  std::vector<uint8_t> swapped = bytes;
  for (size_t b = 0; b < kSectionEntryBytes; ++b) {
    std::swap(swapped[EntryOffset(2) + b], swapped[EntryOffset(3) + b]);
  }
  status = ParseBytes(swapped);
  EXPECT_EQ(status.error, ProofError::kBadOffset) << Message(status);
  EXPECT_EQ(status.section, 5u);
  EXPECT_EQ(status.entry, 2u);
}

TEST(ProofViewMalformed, NonZeroPadding) {
  const std::vector<uint8_t> bytes = SampleProof();
  std::vector<uint8_t> mutated = bytes;
  mutated[192 + 13] = 1;  // section 1 has 13 bytes, then 3 of padding
  ProofStatus status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kNonZeroPadding);
  EXPECT_EQ(status.section, 1u);
  EXPECT_EQ(status.offset, 205u);
  EXPECT_EQ(Message(status), "section 1 (public bytes): padding byte at offset 205 is not zero");
  mutated = bytes;
  mutated[kSampleSize - 1] = 0x80;  // the last section's padding
  status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kNonZeroPadding);
  EXPECT_EQ(status.section, 12u);
}

TEST(ProofViewMalformed, TrailingBytesAndTotalSize) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (size_t extra : {1, 8, 16, 4096}) {
    std::vector<uint8_t> longer = bytes;
    longer.resize(bytes.size() + extra, 0);
    ProofStatus status = ParseBytes(longer);
    EXPECT_EQ(status.error, ProofError::kTrailingBytes);
    EXPECT_EQ(status.expected, kSampleSize);
    EXPECT_EQ(status.found, kSampleSize + extra);
    // Claiming the longer size in the header does not help.
    PutLe32(longer, kProofTotalSizeOffset, static_cast<uint32_t>(longer.size()));
    status = ParseBytes(longer);
    EXPECT_EQ(status.error, ProofError::kTotalSizeMismatch);
  }
  std::vector<uint8_t> longer = bytes;
  longer.resize(bytes.size() + 3, 0);
  EXPECT_EQ(Message(ParseBytes(longer)),
            "proof: 3 trailing bytes after the proof's end at byte 512");
  std::vector<uint8_t> wrong_total = bytes;
  PutLe32(wrong_total, kProofTotalSizeOffset, 496);
  EXPECT_EQ(Message(ParseBytes(wrong_total)),
            "proof: header says the proof is 496 bytes, its sections end at 512");
}

TEST(ProofViewMalformed, CountsThatDoNotFit) {
  const std::vector<uint8_t> bytes = SampleProof();
  struct Case {
    size_t entry;
    uint32_t count;
  };
  // Counts whose byte size wraps to a small number in 32-bit arithmetic: 2^27 digests and
  // 2^29 field elements are 2^32 bytes; 0x0AAAAAAB Ext3 values are 2^32 + 8.
  const Case cases[] = {
      {0, 0xFFFF'FFFF}, {4, 0x0800'0000}, {2, 0x2000'0000}, {3, 0x0AAA'AAAB},
      {1, 0x4000'0000}, {5, 0x2000'0000}, {7, 0xFFFF'FFFF}, {6, 600},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.entry);
    std::vector<uint8_t> mutated = bytes;
    PutLe32(mutated, EntryOffset(c.entry) + kSectionEntryCountOffset, c.count);
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kTruncatedSection) << Message(status);
    EXPECT_EQ(status.section, kSample[c.entry].id);
    EXPECT_EQ(status.expected,
              PadToProofAlignment(kSample[c.entry].offset +
                                  uint64_t{c.count} * ElementSize(kSample[c.entry].kind)));
  }
  // One more element that still fits the buffer moves every later section.
  std::vector<uint8_t> mutated = bytes;
  PutLe32(mutated, EntryOffset(4) + kSectionEntryCountOffset, 5);
  ProofStatus status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kBadOffset);
  EXPECT_EQ(status.section, 8u);
  // One fewer leaves a non-zero data byte as "padding".
  mutated = bytes;
  PutLe32(mutated, EntryOffset(0) + kSectionEntryCountOffset, 12);
  status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kNonZeroPadding);
  EXPECT_EQ(status.section, 1u);
  // One fewer in the last section ends the layout before the header's total size.
  mutated = bytes;
  PutLe32(mutated, EntryOffset(7) + kSectionEntryCountOffset, 0);
  EXPECT_EQ(ParseBytes(mutated).error, ProofError::kTotalSizeMismatch);
}

TEST(ProofViewMalformed, OffsetsOtherThanTheCanonicalOne) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (size_t entry = 0; entry < std::size(kSample); ++entry) {
    const uint32_t canonical = kSample[entry].offset;
    for (uint32_t offset : {canonical - 16, canonical + 16, canonical + 1, canonical - 1, 0u,
                            0xFFFF'FFF0u, uint32_t{kSampleSize}, uint32_t{kSampleSize + 16}}) {
      std::vector<uint8_t> mutated = bytes;
      PutLe32(mutated, EntryOffset(entry) + kSectionEntryOffsetOffset, offset);
      const ProofStatus status = ParseBytes(mutated);
      if (offset == canonical) continue;
      EXPECT_EQ(status.error, ProofError::kBadOffset);
      EXPECT_EQ(status.section, kSample[entry].id);
      EXPECT_EQ(status.expected, canonical);
      EXPECT_EQ(status.found, offset);
    }
  }
  std::vector<uint8_t> mutated = bytes;
  PutLe32(mutated, EntryOffset(3) + kSectionEntryOffsetOffset, 256);
  EXPECT_EQ(Message(ParseBytes(mutated)),
            "section 5 (ood values) (table entry 3): offset 256 is not the canonical offset 272");
}

TEST(ProofViewMalformed, UnknownKind) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (uint32_t kind : {0u, 7u, 0x100u, 0xFFFF'FFFFu}) {
    std::vector<uint8_t> mutated = bytes;
    PutLe32(mutated, EntryOffset(4) + kSectionEntryKindOffset, kind);
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kUnknownKind);
    EXPECT_EQ(status.section, 7u);
    EXPECT_EQ(status.found, kind);
  }
  std::vector<uint8_t> mutated = bytes;
  PutLe32(mutated, EntryOffset(4) + kSectionEntryKindOffset, 9);
  EXPECT_EQ(Message(ParseBytes(mutated)),
            "section 7 (trace roots) (table entry 4): unknown element kind 9");
}

TEST(ProofViewMalformed, Header) {
  const std::vector<uint8_t> bytes = SampleProof();
  std::vector<uint8_t> mutated = bytes;
  mutated[3] = 'Q';
  EXPECT_EQ(Message(ParseBytes(mutated)), "proof: bad magic: not a ZKVP proof");
  for (uint32_t version : {0u, 2u, 0x0100'0000u}) {
    mutated = bytes;
    PutLe32(mutated, kProofVersionOffset, version);
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kBadVersion);
    EXPECT_EQ(status.found, version);
  }
  mutated = bytes;
  PutLe32(mutated, kProofVersionOffset, 2);
  EXPECT_EQ(Message(ParseBytes(mutated)), "proof: unsupported format version 2 (expected 1)");
  for (uint32_t flags : {2u, 3u, 0x8000'0000u}) {
    mutated = bytes;
    PutLe32(mutated, kProofFlagsOffset, flags);
    EXPECT_EQ(ParseBytes(mutated).error, ProofError::kUnknownFlags);
  }
  mutated = bytes;
  PutLe32(mutated, kProofFlagsOffset, 3);
  EXPECT_EQ(Message(ParseBytes(mutated)), "proof: unknown flag bits 0x2 (flags 0x3)");
  for (size_t i = 0; i < kProofReservedBytes; ++i) {
    mutated = bytes;
    mutated[kProofReservedOffset + i] = 1;
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kReservedNonZero);
    EXPECT_EQ(status.offset, kProofReservedOffset + i);
  }
  for (uint32_t n : {kMaxProofSections + 1, 0x1000'0000u, 0xFFFF'FFFFu}) {
    mutated = bytes;
    PutLe32(mutated, kProofNumSectionsOffset, n);
    const ProofStatus status = ParseBytes(mutated);
    EXPECT_EQ(status.error, ProofError::kTooManySections);
    EXPECT_EQ(status.found, n);
  }
  // Fewer sections than the table holds: the first section's offset no longer follows.
  mutated = bytes;
  PutLe32(mutated, kProofNumSectionsOffset, 7);
  ProofStatus status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kBadOffset);
  EXPECT_EQ(status.section, 1u);
  // More: the table would run into (or past) the data.
  mutated = bytes;
  PutLe32(mutated, kProofNumSectionsOffset, kMaxProofSections);
  status = ParseBytes(mutated);
  EXPECT_EQ(status.error, ProofError::kTruncatedTable);
}

TEST(ProofViewMalformed, MisalignedBufferNeedsOneCopy) {
  const std::vector<uint8_t> bytes = SampleProof();
  for (size_t shift = 1; shift < kProofAlignment; ++shift) {
    SCOPED_TRACE(shift);
    ExactBuffer shifted(bytes, shift);
    ProofView view;
    const ProofStatus status = ProofView::Parse(shifted.data(), shifted.size(), &view);
    EXPECT_EQ(status.error, ProofError::kMisaligned);
    EXPECT_EQ(status.found, shift);
    EXPECT_EQ(ProofStatusMessage(status),
              "proof buffer is not 16-byte aligned (address % 16 = " + std::to_string(shift) + ")");

    const AlignedProofCopy copy(shifted.span());
    EXPECT_TRUE(copy.copied());
    EXPECT_EQ(reinterpret_cast<uintptr_t>(copy.data()) % kProofAlignment, 0u);
    Result<ProofView> parsed = ParseProof(copy.bytes());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(ReEncode(*parsed), bytes);
    EXPECT_FALSE(ParseProof(shifted.span()).ok());
  }
  ExactBuffer aligned(bytes);
  const AlignedProofCopy borrowed(aligned.span());
  EXPECT_FALSE(borrowed.copied());
  EXPECT_EQ(borrowed.data(), aligned.data());
  // A misaligned empty input still gives an aligned (empty) buffer.
  const AlignedProofCopy empty(std::span<const uint8_t>(bytes.data() + 1, 0));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(empty.data()) % kProofAlignment, 0u);
  EXPECT_EQ(ParseProof(empty.bytes()).error().message,
            "proof: proof is 0 bytes, shorter than the 64-byte header");
}

// Random multi-byte corruption and truncation with a fixed seed: never a crash or an
// out-of-bounds read (ASan), and anything accepted is canonical.
TEST(ProofViewMalformed, RandomCorruption) {
  const uint32_t seed = 20240611;
  std::printf("proof corruption seed %u\n", seed);
  std::mt19937 rng(seed);
  const std::vector<uint8_t> bytes = SampleProof();
  size_t accepted = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::vector<uint8_t> mutated = bytes;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      const size_t pos = rng() % mutated.size();
      // Bias towards the header and table, where structure lives.
      mutated[rng() % 2 == 0 ? pos % 192 : pos] = static_cast<uint8_t>(rng());
    }
    if (rng() % 4 == 0) mutated.resize(rng() % (mutated.size() + 32), 0);
    ExactBuffer buffer(mutated);
    ProofView view;
    const ProofStatus status = ProofView::Parse(buffer.data(), buffer.size(), &view);
    if (status.ok()) {
      ++accepted;
      ASSERT_EQ(ReEncode(view), mutated) << "trial " << trial;
    } else {
      EXPECT_FALSE(Message(status).empty());
    }
  }
  std::printf("accepted %zu of 20000 corrupted proofs, all canonical\n", accepted);
}

// --- Writer misuse (prover bugs) ----------------------------------------------------------

TEST(ProofWriterDeathTest, MisuseAborts) {
  const auto options = SampleOptions();
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(5, ElementKind::kFelt);
        w.EndSection();
        w.BeginSection(5, ElementKind::kFelt);
      },
      "strictly ascending");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(5, ElementKind::kFelt);
        w.EndSection();
        w.BeginSection(4, ElementKind::kFelt);
      },
      "strictly ascending");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(1, ElementKind::kFelt);
        w.AppendU64(1);
      },
      "wrong kind");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.AppendFelt(Felt::One());
      },
      "no section open");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(1, ElementKind::kFelt);
        w.BeginSection(2, ElementKind::kFelt);
      },
      "still open");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(1, ElementKind::kFelt);
        (void)w.Finish(options, 0);
      },
      "still open");
  EXPECT_DEATH(
      {
        ProofWriter w;
        (void)w.Finish(options, 2);
      },
      "unknown proof flag");
  EXPECT_DEATH(
      {
        ProofWriter w;
        w.BeginSection(1, static_cast<ElementKind>(0));
      },
      "invalid kind");
}

}  // namespace
}  // namespace zkvm::stark
