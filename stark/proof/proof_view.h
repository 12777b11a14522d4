// ProofView: the proof format of proof_format.h read in place from untrusted bytes (DESIGN.md
// section 7). The host verifier and the rv32im recursion guest run this same code over a
// read-only byte span; there is no deserialization pass and no allocation.
//
// ProofView::Parse checks the whole structure once, before anything is read:
//   - the buffer is 16-byte aligned (else kMisaligned: the host makes one aligned copy,
//     AlignedProofCopy in proof_host.h; the guest's input region is aligned by the ABI);
//   - header: size, magic, version, no unknown flag bits, reserved bytes zero, the section count
//     bounded, the table inside the buffer;
//   - table: every kind valid, ids strictly ascending (so duplicates and swapped sections are
//     rejected), every offset equal to the running offset of the canonical layout, every section
//     (count x size in 64-bit arithmetic, safe with rv32's 32-bit size_t) inside the buffer,
//     padding bytes zero;
//   - the header's total size equals the end of the last section, and so does the buffer size
//     (trailing bytes are an error);
//   - optionally, the exact list of sections (ids, kinds, counts) the statement implies
//     (ProofShape);
//   - every field element of every kFelt and kExt3 section is canonical (< p).
// Canonicity is checked at parse time, all of it, rather than per access: then a kFelt or kExt3
// section *is* a valid `const Felt*` / `const Ext3*` array in place (the aligned layout puts
// every element at its natural alignment), the hot verifier loops read plain arrays, and no
// later access can fail on content. Scanning costs one comparison per element, which the
// verifier would pay reading the values anyway.
//
// Any accepted buffer is the unique encoding of its (options, flags, sections) content: a
// writer (proof_writer.h) given the same content produces the same bytes.
//
// Failures return a ProofStatus naming the error and its place (section id, table entry,
// element, coefficient, byte offset, expected and found values); proof_host.h renders it as a
// message on the host ("section 3 (ood values): element 2 is not a canonical field element").
// After a successful parse, lookups by id (RequireSection) check the kind and count the caller
// expects, and SectionReader's element reads are bounds- and kind-checked; the in-place arrays
// (Felts(), Digests(), ...) are for loops whose bounds come from count().
//
// Freestanding (DESIGN.md section 7): C integer headers and freestanding crypto headers only.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"
#include "stark/proof/proof_format.h"

namespace zkvm::stark {

// The in-place arrays rely on the element types being exactly their wire encoding.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the proof format is read in place");
static_assert(sizeof(crypto::Felt) == 8 && alignof(crypto::Felt) <= 8 &&
              __is_trivially_copyable(crypto::Felt));
static_assert(sizeof(crypto::Ext3) == 24 && alignof(crypto::Ext3) <= 8 &&
              __is_trivially_copyable(crypto::Ext3));
static_assert(sizeof(crypto::MerkleDigest) == 32 && alignof(crypto::MerkleDigest) <= 8);

enum class ProofError : uint8_t {
  kOk = 0,
  kMisaligned,         // the buffer does not start at a multiple of 16 (found: address % 16)
  kTruncatedHeader,    // fewer bytes than the header (expected, found: sizes)
  kBadMagic,           // not 'ZKVP'
  kBadVersion,         // (expected, found)
  kUnknownFlags,       // a flag bit this version does not define (found: the flags)
  kReservedNonZero,    // a reserved header byte is not zero (offset)
  kTooManySections,    // more than kMaxProofSections (expected: the bound, found)
  kTruncatedTable,     // the section table runs past the buffer (expected, found: sizes)
  kUnknownKind,        // a table entry's kind is not an ElementKind (entry, section, found)
  kDuplicateSection,   // a section id repeats the previous one (entry, section)
  kSectionOrder,       // a section id is below the previous one (entry, section, expected:
                       // the previous id)
  kBadOffset,          // an entry's offset is not the canonical one (entry, section, expected,
                       // found)
  kTruncatedSection,   // a section or its padding runs past the buffer (section, expected:
                       // its padded end, found: the buffer size)
  kNonZeroPadding,     // a padding byte is not zero (section, offset)
  kTotalSizeMismatch,  // the header's total size is not the layout's (expected, found)
  kTrailingBytes,      // bytes after the last section (expected, found: sizes)
  kMissingSection,     // a section the caller requires is absent (section)
  kUnexpectedSection,  // a section the expected shape does not list (section)
  kWrongKind,          // (section, expected, found: ElementKind values)
  kWrongCount,         // (section, kind, expected, found: element counts)
  kNonCanonicalFelt,   // a field element >= p (section, kind, element, coefficient for Ext3,
                       // offset)
  kIndexOutOfRange,    // an element read past count (section, kind, element, expected: the
                       // count)
};

constexpr const char* ProofErrorName(ProofError error) {
  switch (error) {
    case ProofError::kOk:
      return "ok";
    case ProofError::kMisaligned:
      return "proof buffer is not 16-byte aligned";
    case ProofError::kTruncatedHeader:
      return "proof shorter than its header";
    case ProofError::kBadMagic:
      return "bad magic (not a ZKVP proof)";
    case ProofError::kBadVersion:
      return "unsupported proof format version";
    case ProofError::kUnknownFlags:
      return "unknown flag bits";
    case ProofError::kReservedNonZero:
      return "reserved header byte is not zero";
    case ProofError::kTooManySections:
      return "too many sections";
    case ProofError::kTruncatedTable:
      return "section table truncated";
    case ProofError::kUnknownKind:
      return "unknown element kind";
    case ProofError::kDuplicateSection:
      return "duplicate section id";
    case ProofError::kSectionOrder:
      return "section ids out of order";
    case ProofError::kBadOffset:
      return "section offset is not the canonical one";
    case ProofError::kTruncatedSection:
      return "section truncated";
    case ProofError::kNonZeroPadding:
      return "padding byte is not zero";
    case ProofError::kTotalSizeMismatch:
      return "header total size does not match the layout";
    case ProofError::kTrailingBytes:
      return "trailing bytes after the last section";
    case ProofError::kMissingSection:
      return "missing section";
    case ProofError::kUnexpectedSection:
      return "unexpected section";
    case ProofError::kWrongKind:
      return "wrong element kind";
    case ProofError::kWrongCount:
      return "wrong element count";
    case ProofError::kNonCanonicalFelt:
      return "non-canonical field element";
    case ProofError::kIndexOutOfRange:
      return "element index out of range";
  }
  return "unknown error";
}

// "Not applicable" for the place fields of a ProofStatus.
inline constexpr uint32_t kProofNoPlace = 0xFFFF'FFFFu;
inline constexpr uint64_t kProofNoOffset = ~uint64_t{0};

struct ProofStatus {
  ProofError error = ProofError::kOk;
  uint32_t section = kProofNoPlace;                // section id
  uint32_t entry = kProofNoPlace;                  // index in the section table
  uint32_t coefficient = kProofNoPlace;            // Ext3 coefficient (0, 1, 2)
  ElementKind kind = static_cast<ElementKind>(0);  // the section's kind, where it matters
  uint64_t element = kProofNoOffset;               // element index within the section
  uint64_t offset = kProofNoOffset;                // byte offset from the start of the proof
  uint64_t expected = 0;                           // meaning per error, see ProofError
  uint64_t found = 0;

  constexpr bool ok() const { return error == ProofError::kOk; }
};

// For ProofSectionSpec::count and RequireSection: any number of elements.
inline constexpr uint32_t kAnyCount = 0xFFFF'FFFFu;

// One section as the verifier expects it.
struct ProofSectionSpec {
  uint32_t id = 0;
  ElementKind kind = ElementKind::kBytes;
  uint32_t count = kAnyCount;
};

// The exact list of sections a proof must have, in ascending id order.
struct ProofShape {
  const ProofSectionSpec* sections = nullptr;
  size_t num_sections = 0;
};

// One section of a parsed proof: its place and typed, checked element reads. Obtained from a
// ProofView; a default-constructed reader is empty and every read fails.
class SectionReader {
 public:
  constexpr SectionReader() = default;

  constexpr uint32_t id() const { return id_; }
  constexpr ElementKind kind() const { return kind_; }
  constexpr uint32_t count() const { return count_; }
  // Byte offset of the section in the proof.
  constexpr uint32_t offset() const { return offset_; }
  // count() * ElementSize(kind()), without padding.
  constexpr size_t size_bytes() const { return size_t{count_} * ElementSize(kind_); }
  // The section's bytes, whatever the kind.
  constexpr const uint8_t* bytes() const { return data_; }

  // Element `i`, or kWrongKind / kIndexOutOfRange.
  constexpr ProofStatus ReadByte(size_t i, uint8_t* out) const {
    const ProofStatus status = Check(ElementKind::kBytes, i);
    if (status.ok()) *out = data_[i];
    return status;
  }
  constexpr ProofStatus ReadU32(size_t i, uint32_t* out) const {
    const ProofStatus status = Check(ElementKind::kU32, i);
    if (status.ok()) *out = detail::ProofLoadLe32(data_ + i * 4);
    return status;
  }
  constexpr ProofStatus ReadU64(size_t i, uint64_t* out) const {
    const ProofStatus status = Check(ElementKind::kU64, i);
    if (status.ok()) *out = detail::ProofLoadLe64(data_ + i * 8);
    return status;
  }
  constexpr ProofStatus ReadFelt(size_t i, crypto::Felt* out) const {
    const ProofStatus status = Check(ElementKind::kFelt, i);
    if (status.ok()) *out = LoadFelt(data_ + i * crypto::Felt::kBytes);
    return status;
  }
  constexpr ProofStatus ReadExt3(size_t i, crypto::Ext3* out) const {
    const ProofStatus status = Check(ElementKind::kExt3, i);
    if (status.ok()) {
      const uint8_t* p = data_ + i * crypto::Ext3::kBytes;
      *out = crypto::Ext3(LoadFelt(p), LoadFelt(p + 8), LoadFelt(p + 16));
    }
    return status;
  }
  constexpr ProofStatus ReadDigest(size_t i, crypto::MerkleDigest* out) const {
    const ProofStatus status = Check(ElementKind::kDigest, i);
    if (status.ok()) {
      const uint8_t* p = data_ + i * crypto::kMerkleDigestBytes;
      for (size_t b = 0; b < crypto::kMerkleDigestBytes; ++b) out->bytes[b] = p[b];
    }
    return status;
  }

  // The section as an in-place array of count() elements, or nullptr if it holds another kind.
  // Valid because ProofView::Parse accepted the bytes: the buffer and the section are 16-aligned,
  // every field element is canonical, and the element types are their little-endian encoding
  // (static_asserts above). The element types are implicit-lifetime types, so in byte storage
  // obtained from an allocation (C++20 [intro.object]) the objects exist without a copy.
  const uint32_t* U32s() const { return As<uint32_t>(ElementKind::kU32); }
  const uint64_t* U64s() const { return As<uint64_t>(ElementKind::kU64); }
  const crypto::Felt* Felts() const { return As<crypto::Felt>(ElementKind::kFelt); }
  const crypto::Ext3* Ext3s() const { return As<crypto::Ext3>(ElementKind::kExt3); }
  const crypto::MerkleDigest* Digests() const {
    return As<crypto::MerkleDigest>(ElementKind::kDigest);
  }

 private:
  friend class ProofView;

  constexpr SectionReader(uint32_t id, ElementKind kind, uint32_t count, uint32_t offset,
                          const uint8_t* data)
      : id_(id), kind_(kind), count_(count), offset_(offset), data_(data) {}

  static constexpr crypto::Felt LoadFelt(const uint8_t* p) {
    return crypto::Felt::FromCanonical(detail::ProofLoadLe64(p));  // checked by Parse
  }

  constexpr ProofStatus Check(ElementKind kind, size_t i) const {
    ProofStatus status;
    status.section = id_;
    if (kind_ != kind || data_ == nullptr) {
      status.error = ProofError::kWrongKind;
      status.expected = static_cast<uint64_t>(kind);
      status.found = static_cast<uint64_t>(kind_);
    } else if (i >= count_) {
      status.error = ProofError::kIndexOutOfRange;
      status.kind = kind_;
      status.element = i;
      status.expected = count_;
    } else {
      status.section = kProofNoPlace;
    }
    return status;
  }

  template <typename T>
  const T* As(ElementKind kind) const {
    return kind_ == kind && data_ != nullptr ? reinterpret_cast<const T*>(data_) : nullptr;
  }

  uint32_t id_ = kProofNoPlace;
  ElementKind kind_ = static_cast<ElementKind>(0);
  uint32_t count_ = 0;
  uint32_t offset_ = 0;
  const uint8_t* data_ = nullptr;
};

// A proof read in place. Borrows the bytes: they must outlive the view and stay unchanged.
class ProofView {
 public:
  constexpr ProofView() = default;

  // Checks `data` (size bytes) as described in the header comment; on success stores the view
  // in *out (if not null; left untouched on failure). With `expected`, the proof must hold exactly
  // those sections, in that order, with those kinds and counts (kAnyCount: any count).
  static ProofStatus Parse(const uint8_t* data, size_t size, ProofView* out,
                           const ProofShape* expected = nullptr);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  uint32_t version() const { return Header32(kProofVersionOffset); }
  uint32_t flags() const { return Header32(kProofFlagsOffset); }
  bool insecure_test_preset() const { return (flags() & kFlagInsecureTestPreset) != 0; }
  // kOptionsBytes bytes: the options the proof claims. The verifier compares them with its own.
  const uint8_t* options() const { return data_ + kProofOptionsOffset; }
  bool OptionsEqual(const uint8_t* expected) const {
    for (size_t i = 0; i < kOptionsBytes; ++i) {
      if (options()[i] != expected[i]) return false;
    }
    return true;
  }

  uint32_t num_sections() const { return num_sections_; }
  // The section at `index` in table (ascending id) order; empty if index >= num_sections().
  SectionReader SectionAt(uint32_t index) const {
    if (index >= num_sections_) return SectionReader();
    const uint8_t* entry = data_ + kProofSectionTableOffset + size_t{index} * kSectionEntryBytes;
    const uint32_t offset = detail::ProofLoadLe32(entry + kSectionEntryOffsetOffset);
    return SectionReader(
        detail::ProofLoadLe32(entry + kSectionEntryIdOffset),
        static_cast<ElementKind>(detail::ProofLoadLe32(entry + kSectionEntryKindOffset)),
        detail::ProofLoadLe32(entry + kSectionEntryCountOffset), offset, data_ + offset);
  }

  bool HasSection(uint32_t id) const { return FindIndex(id) < num_sections_; }

  // The section `id` (binary search), or kMissingSection.
  ProofStatus Section(uint32_t id, SectionReader* out) const {
    ProofStatus status;
    const uint32_t index = FindIndex(id);
    if (index >= num_sections_) {
      status.error = ProofError::kMissingSection;
      status.section = id;
      return status;
    }
    *out = SectionAt(index);
    return status;
  }

  // The section `id`, which must hold `count` elements (kAnyCount: any) of `kind`:
  // kMissingSection, kWrongKind or kWrongCount otherwise ("section 5: expected 12 digests,
  // found 11").
  ProofStatus RequireSection(uint32_t id, ElementKind kind, uint32_t count,
                             SectionReader* out) const {
    SectionReader reader;
    ProofStatus status = Section(id, &reader);
    if (!status.ok()) return status;
    status = CheckSpec(reader, kind, count);
    if (status.ok()) *out = reader;
    return status;
  }

 private:
  uint32_t Header32(size_t offset) const { return detail::ProofLoadLe32(data_ + offset); }

  uint32_t FindIndex(uint32_t id) const {
    uint32_t lo = 0, hi = num_sections_;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      const uint32_t mid_id = detail::ProofLoadLe32(data_ + kProofSectionTableOffset +
                                                    size_t{mid} * kSectionEntryBytes);
      if (mid_id == id) return mid;
      if (mid_id < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return num_sections_;
  }

  static constexpr ProofStatus CheckSpec(const SectionReader& reader, ElementKind kind,
                                         uint32_t count) {
    ProofStatus status;
    status.section = reader.id();
    if (reader.kind() != kind) {
      status.error = ProofError::kWrongKind;
      status.expected = static_cast<uint64_t>(kind);
      status.found = static_cast<uint64_t>(reader.kind());
      status.offset = reader.offset();
    } else if (count != kAnyCount && reader.count() != count) {
      status.error = ProofError::kWrongCount;
      status.kind = kind;
      status.expected = count;
      status.found = reader.count();
      status.offset = reader.offset();
    } else {
      status.section = kProofNoPlace;
    }
    return status;
  }

  ProofStatus CheckShape(const ProofShape& shape) const;
  ProofStatus CheckCanonical() const;

  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  uint32_t num_sections_ = 0;
};

namespace detail {

constexpr ProofStatus ProofFail(ProofError error, uint64_t offset = kProofNoOffset,
                                uint64_t expected = 0, uint64_t found = 0) {
  ProofStatus status;
  status.error = error;
  status.offset = offset;
  status.expected = expected;
  status.found = found;
  return status;
}

// v >= p = 2^64 - 2^32 + 1 exactly when the high word is all ones and the low word is not
// zero; two 32-bit loads, cheap on rv32.
constexpr bool ProofFeltIsCanonical(const uint8_t* p) {
  return ProofLoadLe32(p + 4) != 0xFFFF'FFFFu || ProofLoadLe32(p) == 0;
}

}  // namespace detail

inline ProofStatus ProofView::Parse(const uint8_t* data, size_t size, ProofView* out,
                                    const ProofShape* expected) {
  using detail::ProofFail;
  using detail::ProofLoadLe32;
  if (data == nullptr) size = 0;
  const uintptr_t misalignment = reinterpret_cast<uintptr_t>(data) % kProofAlignment;
  if (misalignment != 0) {
    return ProofFail(ProofError::kMisaligned, kProofNoOffset, 0, misalignment);
  }

  // Header.
  if (size < kProofHeaderBytes) {
    return ProofFail(ProofError::kTruncatedHeader, size, kProofHeaderBytes, size);
  }
  for (size_t i = 0; i < sizeof(kProofMagic); ++i) {
    if (data[kProofMagicOffset + i] != kProofMagic[i]) {
      return ProofFail(ProofError::kBadMagic, kProofMagicOffset + i);
    }
  }
  const uint32_t version = ProofLoadLe32(data + kProofVersionOffset);
  if (version != kProofFormatVersion) {
    return ProofFail(ProofError::kBadVersion, kProofVersionOffset, kProofFormatVersion, version);
  }
  const uint32_t flags = ProofLoadLe32(data + kProofFlagsOffset);
  if ((flags & ~kKnownProofFlags) != 0) {
    return ProofFail(ProofError::kUnknownFlags, kProofFlagsOffset, kKnownProofFlags, flags);
  }
  for (size_t i = 0; i < kProofReservedBytes; ++i) {
    if (data[kProofReservedOffset + i] != 0) {
      return ProofFail(ProofError::kReservedNonZero, kProofReservedOffset + i);
    }
  }
  const uint32_t num_sections = ProofLoadLe32(data + kProofNumSectionsOffset);
  if (num_sections > kMaxProofSections) {
    return ProofFail(ProofError::kTooManySections, kProofNumSectionsOffset, kMaxProofSections,
                     num_sections);
  }
  const uint64_t table_end = ProofFirstSectionOffset(num_sections);
  if (table_end > size) {
    return ProofFail(ProofError::kTruncatedTable, size, table_end, size);
  }

  // Table and sections: the canonical layout, entry by entry.
  uint64_t running = table_end;  // where the next section must start
  uint32_t previous_id = 0;
  for (uint32_t i = 0; i < num_sections; ++i) {
    const size_t entry_offset = kProofSectionTableOffset + size_t{i} * kSectionEntryBytes;
    const uint8_t* entry = data + entry_offset;
    const uint32_t id = ProofLoadLe32(entry + kSectionEntryIdOffset);
    const uint32_t kind = ProofLoadLe32(entry + kSectionEntryKindOffset);
    const uint32_t count = ProofLoadLe32(entry + kSectionEntryCountOffset);
    const uint32_t offset = ProofLoadLe32(entry + kSectionEntryOffsetOffset);
    ProofStatus status;
    status.entry = i;
    status.section = id;
    if (!IsElementKind(kind)) {
      status.error = ProofError::kUnknownKind;
      status.offset = entry_offset + kSectionEntryKindOffset;
      status.found = kind;
      return status;
    }
    if (i > 0 && id <= previous_id) {
      status.error = id == previous_id ? ProofError::kDuplicateSection : ProofError::kSectionOrder;
      status.offset = entry_offset + kSectionEntryIdOffset;
      status.expected = previous_id;
      status.found = id;
      return status;
    }
    if (offset != running) {
      status.error = ProofError::kBadOffset;
      status.offset = entry_offset + kSectionEntryOffsetOffset;
      status.expected = running;
      status.found = offset;
      return status;
    }
    const uint64_t end = running + uint64_t{count} * ElementSize(static_cast<ElementKind>(kind));
    const uint64_t padded_end = PadToProofAlignment(end);
    if (padded_end > size) {
      status.error = ProofError::kTruncatedSection;
      status.offset = running;
      status.expected = padded_end;
      status.found = size;
      return status;
    }
    for (uint64_t b = end; b < padded_end; ++b) {
      if (data[static_cast<size_t>(b)] != 0) {
        status.error = ProofError::kNonZeroPadding;
        status.offset = b;
        return status;
      }
    }
    running = padded_end;
    previous_id = id;
  }

  // Size: the header's claim, then the buffer.
  const uint32_t total_size = ProofLoadLe32(data + kProofTotalSizeOffset);
  if (total_size != running) {
    return ProofFail(ProofError::kTotalSizeMismatch, kProofTotalSizeOffset, running, total_size);
  }
  if (size != running) {
    return ProofFail(ProofError::kTrailingBytes, running, running, size);
  }

  ProofView view;
  view.data_ = data;
  view.size_ = size;
  view.num_sections_ = num_sections;
  if (expected != nullptr) {
    const ProofStatus status = view.CheckShape(*expected);
    if (!status.ok()) return status;
  }
  const ProofStatus status = view.CheckCanonical();
  if (status.ok() && out != nullptr) *out = view;
  return status;
}

// Merges the two ascending id lists: the first difference is reported.
inline ProofStatus ProofView::CheckShape(const ProofShape& shape) const {
  ProofStatus status;
  uint32_t index = 0;
  for (size_t s = 0; s < shape.num_sections; ++s) {
    const ProofSectionSpec& spec = shape.sections[s];
    if (index < num_sections_ && SectionAt(index).id() < spec.id) {
      status.error = ProofError::kUnexpectedSection;
      status.section = SectionAt(index).id();
      status.entry = index;
      return status;
    }
    if (index >= num_sections_ || SectionAt(index).id() != spec.id) {
      status.error = ProofError::kMissingSection;
      status.section = spec.id;
      return status;
    }
    status = CheckSpec(SectionAt(index), spec.kind, spec.count);
    if (!status.ok()) {
      status.entry = index;
      return status;
    }
    ++index;
  }
  if (index < num_sections_) {
    status.error = ProofError::kUnexpectedSection;
    status.section = SectionAt(index).id();
    status.entry = index;
  }
  return status;
}

inline ProofStatus ProofView::CheckCanonical() const {
  ProofStatus status;
  for (uint32_t i = 0; i < num_sections_; ++i) {
    const SectionReader section = SectionAt(i);
    if (section.kind() != ElementKind::kFelt && section.kind() != ElementKind::kExt3) continue;
    const size_t num_felts = section.size_bytes() / crypto::Felt::kBytes;
    const size_t per_element = section.kind() == ElementKind::kExt3 ? 3 : 1;
    for (size_t k = 0; k < num_felts; ++k) {
      if (!detail::ProofFeltIsCanonical(section.bytes() + k * crypto::Felt::kBytes)) {
        status.error = ProofError::kNonCanonicalFelt;
        status.section = section.id();
        status.kind = section.kind();
        status.entry = i;
        status.element = k / per_element;
        if (per_element == 3) status.coefficient = static_cast<uint32_t>(k % 3);
        status.offset = uint64_t{section.offset()} + k * crypto::Felt::kBytes;
        return status;
      }
    }
  }
  return status;
}

}  // namespace zkvm::stark
