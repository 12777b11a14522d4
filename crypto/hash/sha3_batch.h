// SHA3-256 (FIPS 202) of many equal-length messages at once, for Merkle leaves and nodes on the
// host (DESIGN.md section 4).
//
// Messages are hashed `ways` at a time through the lane-interleaved permutations of
// crypto/hash/keccak_batch.h: one SIMD state per message, the same sponge as crypto/hash/sha3.h
// (rate 136 bytes, domain suffix 0x06, final bit 0x80). Because every message in a batch has the
// same length, the blocks, the padding position and the squeeze are shared, and the only
// per-message work outside the permutation is xoring message lanes into the state.
//
// Input comes through a lane source: `lane(i, l)` returns bytes 8l..8l+7 of message i as a
// little-endian u64 (bytes past the end of the message read as zero). The Merkle tree reads its
// leaves straight out of column-major matrices this way, without gathering rows into a buffer.
//
// Backends (Sha3BatchBackend): kAvx512 (8 ways) and kAvx2 (4 ways) where the CPU has them;
// kOpenSsl hashes one message at a time with OpenSSL's EVP SHA3-256 (context reused, digest
// fetched once) and is the fallback, because OpenSSL's assembly permutation beats our portable
// scalar one; kScalar runs the freestanding permutation of crypto/hash/keccak.h and exists for
// tests and benchmarks. Measured single-threaded on an Intel Xeon with AVX-512
// (bench/hash_bench.cc), hashes/s for 64-byte / 512-byte messages: OpenSSL 2.6 M / 0.77 M,
// scalar 1.0-1.4 M / 0.21-0.33 M, AVX2 6.7 M / 1.6 M, AVX-512 16.9 M / 3.7 M. All backends
// produce identical digests (checked against OpenSSL in sha3_batch_test.cc).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <vector>

#include "crypto/hash/keccak_batch.h"
#include "crypto/hash/sha3.h"

namespace zkvm::crypto {

enum class Sha3BatchBackend : uint8_t { kOpenSsl, kScalar, kAvx2, kAvx512 };

inline constexpr Sha3BatchBackend kAllSha3BatchBackends[] = {
    Sha3BatchBackend::kOpenSsl, Sha3BatchBackend::kScalar, Sha3BatchBackend::kAvx2,
    Sha3BatchBackend::kAvx512};

bool Sha3BatchBackendSupported(Sha3BatchBackend backend);

// The fastest supported backend: AVX-512, else AVX2, else OpenSSL.
Sha3BatchBackend BestSha3BatchBackend();

const char* Sha3BatchBackendName(Sha3BatchBackend backend);

namespace detail {

// OpenSSL EVP SHA3-256 of `count` messages of `message_bytes` bytes at data + i * stride, one
// context reused for all of them.
void OpenSslSha3_256Many(const uint8_t* data, size_t stride, size_t message_bytes, size_t count,
                         uint8_t* digests);

inline uint64_t LoadLe64(const uint8_t* p) {
  static_assert(std::endian::native == std::endian::little, "host must be little-endian");
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline void StoreLe64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }

}  // namespace detail

// SHA3-256 of `num_messages` messages of `message_bytes` bytes each, message i given by the
// lane source `lane(i, l)` (see the header comment), into digests + 32 * i. `backend` must be
// supported (checked by the caller; BestSha3BatchBackend() always is).
template <typename LaneSource>
void Sha3_256BatchLanes(Sha3BatchBackend backend, size_t num_messages, size_t message_bytes,
                        const LaneSource& lane, uint8_t* digests) {
  constexpr size_t kRateLanes = kSha3_256RateBytes / 8;
  const size_t num_lanes = (message_bytes + 7) / 8;
  if (backend == Sha3BatchBackend::kOpenSsl) {
    // Gather messages into a buffer, then hash them one by one with OpenSSL.
    constexpr size_t kChunk = 64;
    const size_t stride = num_lanes * 8;
    std::vector<uint8_t> buffer(kChunk * stride);
    for (size_t first = 0; first < num_messages; first += kChunk) {
      const size_t count = std::min(kChunk, num_messages - first);
      for (size_t s = 0; s < count; ++s) {
        for (size_t l = 0; l < num_lanes; ++l) {
          detail::StoreLe64(buffer.data() + s * stride + 8 * l, lane(first + s, l));
        }
      }
      detail::OpenSslSha3_256Many(buffer.data(), stride, message_bytes, count,
                                  digests + 32 * first);
    }
    return;
  }
  const KeccakBatchPermutation perm =
      GetKeccakBatchPermutation(backend == Sha3BatchBackend::kAvx512 ? SimdPath::kAvx512
                                : backend == Sha3BatchBackend::kAvx2 ? SimdPath::kAvx2
                                                                     : SimdPath::kScalar);
  const size_t ways = perm.ways;
  const size_t full_blocks = message_bytes / kSha3_256RateBytes;
  const size_t pad_position = message_bytes % kSha3_256RateBytes;
  alignas(64) uint64_t state[kKeccakLanes * kKeccakMaxWays];
  for (size_t first = 0; first < num_messages; first += ways) {
    const size_t count = std::min(ways, num_messages - first);
    std::fill(state, state + kKeccakLanes * ways, 0);
    size_t next_lane = 0;
    for (size_t block = 0; block < full_blocks; ++block) {
      for (size_t l = 0; l < kRateLanes; ++l) {
        for (size_t s = 0; s < count; ++s) state[l * ways + s] ^= lane(first + s, next_lane + l);
      }
      perm.permute(state);
      next_lane += kRateLanes;
    }
    for (size_t l = next_lane; l < num_lanes; ++l) {
      for (size_t s = 0; s < count; ++s) {
        state[(l - next_lane) * ways + s] ^= lane(first + s, l);
      }
    }
    for (size_t s = 0; s < ways; ++s) {
      state[pad_position / 8 * ways + s] ^= uint64_t{0x06} << (8 * (pad_position % 8));
      state[(kRateLanes - 1) * ways + s] ^= uint64_t{0x80} << 56;
    }
    perm.permute(state);
    for (size_t s = 0; s < count; ++s) {
      for (size_t l = 0; l < 4; ++l) {
        detail::StoreLe64(digests + 32 * (first + s) + 8 * l, state[l * ways + s]);
      }
    }
  }
}

// SHA3-256 of `num_messages` messages of `message_bytes` bytes at data + i * stride (stride >=
// message_bytes; the messages may be unaligned) into digests + 32 * i.
void Sha3_256Batch(Sha3BatchBackend backend, const uint8_t* data, size_t stride,
                   size_t message_bytes, size_t num_messages, uint8_t* digests);

}  // namespace zkvm::crypto
