// The hash a STARK is verified with, as one type (crypto/hash/hash_id.h names the two): its
// Merkle construction (crypto/merkle/merkle_hashers.h) and its transcript
// (crypto/transcript/verifier_transcript.h). The freestanding verifiers (FriVerifier,
// StarkVerifier, VmVerifier) take it as a template parameter, one code path for both hashes; the
// permutation inside is itself a parameter, so the recursion guest instantiates them over the
// KECCAK_F1600 or POSEIDON2 precompile. A verifier only accepts proofs whose options name its
// hash (stark_verifier.h, CheckStatement); the host picks the instantiation from the options.
#pragma once

#include "crypto/hash/hash_id.h"
#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "crypto/merkle/merkle_hashers.h"
#include "crypto/transcript/verifier_transcript.h"

namespace zkvm::stark {

template <typename Keccak = crypto::KeccakF1600Software>
struct Sha3StarkHash {
  static constexpr crypto::HashId kId = crypto::HashId::kSha3;
  using MerkleHasher = crypto::Sha3MerkleHasher<Keccak>;
  using Transcript = crypto::VerifierTranscript<crypto::Sha3TranscriptCore<Keccak>>;
};

template <typename Permutation = crypto::Poseidon2Software>
struct Poseidon2StarkHash {
  static constexpr crypto::HashId kId = crypto::HashId::kPoseidon2;
  using MerkleHasher = crypto::Poseidon2MerkleHasher<Permutation>;
  using Transcript = crypto::VerifierTranscript<crypto::Poseidon2TranscriptCore<Permutation>>;
};

}  // namespace zkvm::stark
