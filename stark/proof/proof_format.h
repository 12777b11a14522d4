// The zkvm proof wire format (DESIGN.md section 7): one binary layout for the files `zkvm prove`
// writes, the bytes `zkvm verify` reads and the proofs inside the recursion blob. The verifier
// reads it in place (ProofView, proof_view.h) on the host and in the rv32im guest alike, so the
// layout is chosen for in-place reading: little-endian, fixed-width, every section 16-byte
// aligned, and fully determined by the list of (section id, element kind, element count) — there
// is exactly one valid encoding of any proof, with no freedom in offsets, padding or order.
//
// Layout (all integers little-endian; offsets from the first byte of the proof):
//
//   offset  size  field
//        0     4  magic: the bytes 'Z' 'K' 'V' 'P'
//        4     4  u32 format version (kProofFormatVersion)
//        8     4  u32 flags: bit 0 = made with an insecure test preset; other bits zero
//       12     4  u32 number of sections n (<= kMaxProofSections)
//       16     4  u32 total size of the proof in bytes (a multiple of 16)
//       20    12  reserved, zero
//       32    32  proof options: an opaque block, ProofOptions' canonical encoding
//       64  16*n  section table, one 16-byte entry per section, in ascending id order:
//                   +0 u32 section id      (strictly ascending across the table)
//                   +4 u32 element kind    (ElementKind; decides the element size)
//                   +8 u32 element count
//                  +12 u32 offset of the section's first byte
//   64 + 16n      sections in table order; section i starts at the end of section i - 1 rounded
//                 up to 16 (the first at 64 + 16n), holds count * ElementSize(kind) bytes and
//                 is followed by zero bytes up to the next multiple of 16. The proof ends at
//                 the last section's padded end (64 + 16n when n = 0); nothing follows.
//
// The offset column is redundant (it follows from the counts) and must equal the running
// offset; it lets a reader find a section with one table lookup. Elements: kBytes are raw
// bytes, kU32/kU64 little-endian integers, kFelt one canonical Goldilocks element (u64 < p),
// kExt3 three canonical coefficients c0, c1, c2, kDigest 32 bytes (a SHA3-256 / Merkle root).
// Because every section starts 16-aligned in a 16-aligned buffer, every element is naturally
// aligned, and on a little-endian target an array of them is bit-identical to the native
// uint32_t / uint64_t / Felt / Ext3 / MerkleDigest array: the verifier uses it without copying.
//
// Section ids are defined by the layer that writes the proof (the STARK prover); this format
// only orders them. Human names for error messages come from a caller's ProofSectionNames table.
//
// Freestanding (DESIGN.md section 7): only the C integer headers and the freestanding crypto
// headers; no heap, exceptions or standard library.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"

namespace zkvm::stark {

// Header.
inline constexpr uint8_t kProofMagic[4] = {'Z', 'K', 'V', 'P'};
inline constexpr uint32_t kProofFormatVersion = 1;
inline constexpr size_t kOptionsBytes = 32;
inline constexpr size_t kProofHeaderBytes = 64;

inline constexpr size_t kProofMagicOffset = 0;
inline constexpr size_t kProofVersionOffset = 4;
inline constexpr size_t kProofFlagsOffset = 8;
inline constexpr size_t kProofNumSectionsOffset = 12;
inline constexpr size_t kProofTotalSizeOffset = 16;
inline constexpr size_t kProofReservedOffset = 20;
inline constexpr size_t kProofReservedBytes = 12;
inline constexpr size_t kProofOptionsOffset = 32;
inline constexpr size_t kProofSectionTableOffset = kProofHeaderBytes;

// Flags.
inline constexpr uint32_t kFlagInsecureTestPreset = uint32_t{1} << 0;
inline constexpr uint32_t kKnownProofFlags = kFlagInsecureTestPreset;

// Section table entries.
inline constexpr size_t kSectionEntryBytes = 16;
inline constexpr size_t kSectionEntryIdOffset = 0;
inline constexpr size_t kSectionEntryKindOffset = 4;
inline constexpr size_t kSectionEntryCountOffset = 8;
inline constexpr size_t kSectionEntryOffsetOffset = 12;
// Bounds the table to 16 KiB; far more sections than a multi-table STARK proof has.
inline constexpr uint32_t kMaxProofSections = 1024;

// Every section (and the proof itself) starts at a multiple of this.
inline constexpr size_t kProofAlignment = 16;

// What a section holds. Zero is not a kind, so a zeroed table entry is rejected.
enum class ElementKind : uint32_t {
  kBytes = 1,   // 1 byte
  kU32 = 2,     // 4 bytes, little-endian
  kU64 = 3,     // 8 bytes, little-endian
  kFelt = 4,    // 8 bytes, a canonical Goldilocks element
  kExt3 = 5,    // 24 bytes, three canonical coefficients c0, c1, c2
  kDigest = 6,  // 32 bytes
};

// The size of one element of `kind`; 0 for a value that is not a kind.
constexpr uint32_t ElementSize(ElementKind kind) {
  switch (kind) {
    case ElementKind::kBytes:
      return 1;
    case ElementKind::kU32:
      return 4;
    case ElementKind::kU64:
      return 8;
    case ElementKind::kFelt:
      return static_cast<uint32_t>(crypto::Felt::kBytes);
    case ElementKind::kExt3:
      return static_cast<uint32_t>(crypto::Ext3::kBytes);
    case ElementKind::kDigest:
      return static_cast<uint32_t>(crypto::kMerkleDigestBytes);
  }
  return 0;
}

constexpr bool IsElementKind(uint32_t raw) {
  return ElementSize(static_cast<ElementKind>(raw)) != 0;
}

// For messages: "expected 12 digests".
constexpr const char* ElementKindPlural(ElementKind kind) {
  switch (kind) {
    case ElementKind::kBytes:
      return "bytes";
    case ElementKind::kU32:
      return "u32 values";
    case ElementKind::kU64:
      return "u64 values";
    case ElementKind::kFelt:
      return "field elements";
    case ElementKind::kExt3:
      return "extension field elements";
    case ElementKind::kDigest:
      return "digests";
  }
  return "elements of an unknown kind";
}

// `size` rounded up to kProofAlignment, in 64 bits so a u32 count times 32 cannot wrap.
constexpr uint64_t PadToProofAlignment(uint64_t size) {
  return (size + (kProofAlignment - 1)) & ~uint64_t{kProofAlignment - 1};
}

// The offset of the first section of a proof with `num_sections` sections.
constexpr uint64_t ProofFirstSectionOffset(uint64_t num_sections) {
  return kProofSectionTableOffset + num_sections * kSectionEntryBytes;
}

namespace detail {

constexpr uint32_t ProofLoadLe32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

constexpr uint64_t ProofLoadLe64(const uint8_t* p) {
  return uint64_t{ProofLoadLe32(p)} | uint64_t{ProofLoadLe32(p + 4)} << 32;
}

}  // namespace detail

// An optional human name for a section id, for error messages ("section 5 (fri layer roots)").
struct ProofSectionName {
  uint32_t id = 0;
  const char* name = nullptr;
};

// A caller-provided list of names (any order); ids without a name print as the bare number.
struct ProofSectionNames {
  const ProofSectionName* names = nullptr;
  size_t count = 0;

  constexpr const char* Find(uint32_t id) const {
    for (size_t i = 0; i < count; ++i) {
      if (names[i].id == id) return names[i].name;
    }
    return nullptr;
  }
};

}  // namespace zkvm::stark
