// ProofWriter: the prover's side of the proof format (proof_format.h; the reader is
// proof_view.h). It writes section data straight into the final wire encoding — elements
// little-endian, each section zero-padded to 16 bytes as it is closed — and Finish() puts the
// header and section table in front, so there is no intermediate proof object and no second
// serialization. The output is the canonical encoding: ProofView::Parse accepts it, and any
// other encoding of the same content is rejected.
//
// Misuse is a prover bug, not bad input, so it aborts with ZKVM_CHECK: section ids not strictly
// ascending, appending an element of another kind than the open section's, appending with no
// section open, nesting sections, unknown flag bits, or a proof past the format's 4 GiB / 2^32
// element limits.
//
// Host only (std::vector, ZKVM_CHECK).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <vector>

#include "crypto/field/ext3.h"
#include "crypto/field/felt.h"
#include "crypto/merkle/merkle_layout.h"
#include "stark/proof/proof_format.h"

namespace zkvm::stark {

class ProofWriter {
 public:
  ProofWriter() = default;
  ProofWriter(const ProofWriter&) = delete;
  ProofWriter& operator=(const ProofWriter&) = delete;
  ProofWriter(ProofWriter&&) = default;
  ProofWriter& operator=(ProofWriter&&) = default;

  // Opens section `id`, which must be greater than every id written so far.
  void BeginSection(uint32_t id, ElementKind kind);
  // Each appends to the open section, which must be of the matching kind.
  void AppendBytes(std::span<const uint8_t> bytes);
  void AppendU32(uint32_t value);
  void AppendU32s(std::span<const uint32_t> values);
  void AppendU64(uint64_t value);
  void AppendU64s(std::span<const uint64_t> values);
  void AppendFelt(crypto::Felt value);
  void AppendFelts(std::span<const crypto::Felt> values);
  void AppendExt3(const crypto::Ext3& value);
  void AppendExt3s(std::span<const crypto::Ext3> values);
  void AppendDigest(const crypto::MerkleDigest& digest);
  void AppendDigests(std::span<const crypto::MerkleDigest> digests);
  // Closes the open section (pads it to 16 bytes).
  void EndSection();

  // Convenience: one whole section.
  void WriteSection(uint32_t id, std::span<const crypto::Felt> values);
  void WriteSection(uint32_t id, std::span<const crypto::Ext3> values);
  void WriteSection(uint32_t id, std::span<const crypto::MerkleDigest> digests);

  // The proof: header (options: kOptionsBytes bytes, flags: kFlag* bits), table, sections. No
  // section may be open. The writer is empty afterwards.
  std::vector<uint8_t> Finish(std::span<const uint8_t, kOptionsBytes> options, uint32_t flags);

 private:
  struct Entry {
    uint32_t id;
    ElementKind kind;
    uint32_t count;
    uint64_t start;  // in body_
  };

  // Checks that a section of `kind` is open and can take `count` more elements.
  void Expect(ElementKind kind, size_t count);

  std::vector<Entry> entries_;
  std::vector<uint8_t> body_;  // the sections, padded; Finish() prepends header and table
  bool open_ = false;
};

}  // namespace zkvm::stark
