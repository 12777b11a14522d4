// Host-side reading of proofs (DESIGN.md section 7): the pieces ProofView (proof_view.h) leaves
// out because they need the standard library.
//
// - AlignedProofCopy: ProofView requires a 16-aligned buffer so its sections can be used as
//   in-place arrays. Bytes read from a file or a network land wherever the allocator put them;
//   this makes the one aligned copy when (and only when) they are misaligned.
// - ProofStatusMessage: renders a ProofStatus as a message that names the place, with the
//   section's human name when the caller supplies a name table:
//     "section 3 (ood values): element 2 is not a canonical field element (byte offset 1240)"
//     "section 5 (fri layer roots): expected 12 digests, found 11"
// - ParseProof: both, returning Result<ProofView>.
//
// Host only (std::string, std::vector, fmt).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "stark/proof/proof_format.h"
#include "stark/proof/proof_view.h"

namespace zkvm::stark {

// A 16-aligned read-only view of some proof bytes: the bytes themselves when they already start
// at a multiple of 16, else one aligned copy owned by this object. Without a copy it borrows the
// input, which must then outlive it. Move-only: moving keeps data() valid.
class AlignedProofCopy {
 public:
  explicit AlignedProofCopy(std::span<const uint8_t> bytes);
  AlignedProofCopy(const AlignedProofCopy&) = delete;
  AlignedProofCopy& operator=(const AlignedProofCopy&) = delete;
  AlignedProofCopy(AlignedProofCopy&&) = default;
  AlignedProofCopy& operator=(AlignedProofCopy&&) = default;

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  // Whether a copy was made.
  bool copied() const { return !storage_.empty(); }

 private:
  struct alignas(kProofAlignment) Block {
    uint8_t bytes[kProofAlignment];
  };

  std::vector<Block> storage_;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// "section 5 (fri layer roots): expected 12 digests, found 11". `names` supplies the part in
// parentheses; unnamed sections print as "section 5".
std::string ProofStatusMessage(const ProofStatus& status, ProofSectionNames names = {});

// Parses `bytes` (use AlignedProofCopy for bytes of unknown alignment) into a view that borrows
// them; on failure the error message is ProofStatusMessage's.
Result<ProofView> ParseProof(std::span<const uint8_t> bytes, const ProofShape* expected = nullptr,
                             ProofSectionNames names = {});

}  // namespace zkvm::stark
