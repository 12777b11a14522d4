#include "prover/vm/recursion.h"

#include <cstring>

#include "prover/vm/recursion_blob.h"

namespace zkvm::prover {

namespace blob = recursion_blob;

std::vector<uint8_t> MakeRecursionBlob(const VerifyingKey& vk, std::span<const uint8_t> proof) {
  std::vector<uint8_t> out(blob::kProofOffset, 0);
  std::memcpy(out.data(), blob::kBlobMagic, 4);
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<uint8_t>(blob::kBlobVersion >> (8 * i));
  const auto vk_bytes = vk.Encode();
  static_assert(vk_bytes.size() == blob::kVkSize);
  std::memcpy(out.data() + blob::kVkOffset, vk_bytes.data(), vk_bytes.size());
  out.insert(out.end(), proof.begin(), proof.end());
  return out;
}

Result<InnerClaim> ParseRecursionOutput(std::span<const uint8_t> outer_output) {
  if (outer_output.size() < 36) {
    return MakeError("recursion output: {} bytes, shorter than vk_digest and exit code (36)",
                     outer_output.size());
  }
  InnerClaim claim;
  std::memcpy(claim.vk_digest.data(), outer_output.data(), 32);
  std::memcpy(&claim.exit_code, outer_output.data() + 32, 4);
  claim.output.assign(outer_output.begin() + 36, outer_output.end());
  return claim;
}

Result<InnerClaim> CheckRecursionOutput(std::span<const uint8_t> outer_output,
                                        const executor::Program& inner_program,
                                        const stark::ProofOptions& inner_options,
                                        const stark::SecurityFloor& floor) {
  if (inner_options.insecure() && !floor.allow_insecure_preset) {
    return MakeError(
        "recursion output: inner options {} are the insecure test preset, accepted only when "
        "the caller allows it",
        stark::DescribeOptions(inner_options));
  }
  Result<InnerClaim> claim = ParseRecursionOutput(outer_output);
  if (!claim.ok()) return claim.error();
  Result<VerifyingKey> vk = ComputeVerifyingKey(inner_program, inner_options);
  if (!vk.ok()) return vk.error();
  if (vk->Digest() != claim->vk_digest) {
    return MakeError(
        "recursion output: the inner proof was for vk_digest {}, not this program's {} (other "
        "program or other options)",
        HexDigest(claim->vk_digest), HexDigest(vk->Digest()));
  }
  return claim;
}

}  // namespace zkvm::prover
