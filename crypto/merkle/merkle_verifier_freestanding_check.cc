// Compiled for the rv32im guest by the merkle_verifier_rv32_compile test (see CMakeLists.txt):
// instantiates the verifier so the whole template is checked to be freestanding (no heap,
// exceptions, RTTI or standard library).
#include "crypto/merkle/merkle_verifier.h"

namespace {

zkvm::crypto::MerkleVerifierStorage<64> g_storage;

}  // namespace

extern "C" int zkvm_merkle_verify_check(const uint8_t* root,
                                        const zkvm::crypto::MatrixShape* shapes,
                                        size_t num_matrices, const uint32_t* queries,
                                        size_t num_queries, const uint8_t* opening,
                                        size_t opening_size) {
  zkvm::crypto::MerkleDigest r;
  for (size_t i = 0; i < zkvm::crypto::kMerkleDigestBytes; ++i) r.bytes[i] = root[i];
  const zkvm::crypto::MerkleStatus status = zkvm::crypto::VerifyMerkleOpening(
      r, shapes, num_matrices, queries, num_queries, opening, opening_size, g_storage.scratch());
  if (!status.ok()) return static_cast<int>(status.error);
  const zkvm::crypto::MerkleOpenedRows rows(shapes, num_matrices, opening);
  return rows.Value(0, 0, 0).IsZero() ? 0 : -1;
}
