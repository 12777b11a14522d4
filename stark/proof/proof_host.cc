#include "stark/proof/proof_host.h"

#include <algorithm>

#include <fmt/format.h>

namespace zkvm::stark {
namespace {

std::string KindName(uint64_t raw) {
  if (raw > 0xFFFF'FFFFu || !IsElementKind(static_cast<uint32_t>(raw))) {
    return fmt::format("elements of unknown kind {}", raw);
  }
  return ElementKindPlural(static_cast<ElementKind>(raw));
}

std::string SectionPrefix(const ProofStatus& status, ProofSectionNames names) {
  if (status.section == kProofNoPlace) {
    if (status.entry != kProofNoPlace) return fmt::format("section table entry {}: ", status.entry);
    return "proof: ";
  }
  const char* name = names.Find(status.section);
  std::string prefix = name != nullptr ? fmt::format("section {} ({})", status.section, name)
                                       : fmt::format("section {}", status.section);
  // Where the table itself is wrong, the entry locates it even if the id is garbage.
  const bool table_error =
      status.error == ProofError::kUnknownKind || status.error == ProofError::kDuplicateSection ||
      status.error == ProofError::kSectionOrder || status.error == ProofError::kBadOffset;
  if (table_error && status.entry != kProofNoPlace) {
    prefix += fmt::format(" (table entry {})", status.entry);
  }
  return prefix + ": ";
}

std::string Detail(const ProofStatus& s) {
  switch (s.error) {
    case ProofError::kOk:
      return "ok";
    case ProofError::kMisaligned:
      return fmt::format("proof buffer is not 16-byte aligned (address % 16 = {})", s.found);
    case ProofError::kTruncatedHeader:
      return fmt::format("proof is {} bytes, shorter than the {}-byte header", s.found, s.expected);
    case ProofError::kBadMagic:
      return "bad magic: not a ZKVP proof";
    case ProofError::kBadVersion:
      return fmt::format("unsupported format version {} (expected {})", s.found, s.expected);
    case ProofError::kUnknownFlags:
      return fmt::format("unknown flag bits 0x{:x} (flags 0x{:x})", s.found & ~s.expected, s.found);
    case ProofError::kReservedNonZero:
      return fmt::format("reserved byte at offset {} is not zero", s.offset);
    case ProofError::kTooManySections:
      return fmt::format("{} sections, more than the limit {}", s.found, s.expected);
    case ProofError::kTruncatedTable:
      return fmt::format("section table needs {} bytes, proof is {}", s.expected, s.found);
    case ProofError::kUnknownKind:
      return fmt::format("unknown element kind {}", s.found);
    case ProofError::kDuplicateSection:
      return "section id appears twice";
    case ProofError::kSectionOrder:
      return fmt::format("section id {} follows section id {} (ids must be strictly ascending)",
                         s.found, s.expected);
    case ProofError::kBadOffset:
      return fmt::format("offset {} is not the canonical offset {}", s.found, s.expected);
    case ProofError::kTruncatedSection:
      return fmt::format(
          "truncated: the section starts at byte {} and needs the proof to be {} "
          "bytes, it is {}",
          s.offset, s.expected, s.found);
    case ProofError::kNonZeroPadding:
      return fmt::format("padding byte at offset {} is not zero", s.offset);
    case ProofError::kTotalSizeMismatch:
      return fmt::format("header says the proof is {} bytes, its sections end at {}", s.found,
                         s.expected);
    case ProofError::kTrailingBytes:
      return fmt::format("{} trailing bytes after the proof's end at byte {}", s.found - s.expected,
                         s.expected);
    case ProofError::kMissingSection:
      return "required section is missing";
    case ProofError::kUnexpectedSection:
      return "section is not part of the expected proof shape";
    case ProofError::kWrongKind:
      return fmt::format("expected {}, found {}", KindName(s.expected), KindName(s.found));
    case ProofError::kWrongCount:
      return fmt::format("expected {} {}, found {}", s.expected,
                         KindName(static_cast<uint64_t>(s.kind)), s.found);
    case ProofError::kNonCanonicalFelt:
      if (s.coefficient != kProofNoPlace) {
        return fmt::format(
            "element {} coefficient {} is not a canonical field element (byte offset {})",
            s.element, s.coefficient, s.offset);
      }
      return fmt::format("element {} is not a canonical field element (byte offset {})", s.element,
                         s.offset);
    case ProofError::kIndexOutOfRange:
      return fmt::format("element {} is out of range: the section has {} {}", s.element, s.expected,
                         KindName(static_cast<uint64_t>(s.kind)));
  }
  return "unknown error";
}

}  // namespace

AlignedProofCopy::AlignedProofCopy(std::span<const uint8_t> bytes)
    : data_(bytes.data()), size_(bytes.size()) {
  if (reinterpret_cast<uintptr_t>(bytes.data()) % kProofAlignment == 0) return;
  storage_.resize(std::max<size_t>(1, (bytes.size() + kProofAlignment - 1) / kProofAlignment));
  uint8_t* copy = storage_.front().bytes;
  std::copy(bytes.begin(), bytes.end(), copy);
  data_ = copy;
}

std::string ProofStatusMessage(const ProofStatus& status, ProofSectionNames names) {
  if (status.ok()) return "ok";
  if (status.error == ProofError::kMisaligned) return Detail(status);
  return SectionPrefix(status, names) + Detail(status);
}

Result<ProofView> ParseProof(std::span<const uint8_t> bytes, const ProofShape* expected,
                             ProofSectionNames names) {
  ProofView view;
  const ProofStatus status = ProofView::Parse(bytes.data(), bytes.size(), &view, expected);
  if (!status.ok()) return Error{ProofStatusMessage(status, names)};
  return view;
}

}  // namespace zkvm::stark
