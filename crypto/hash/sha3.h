// SHA3-256 (FIPS 202, section 6.1): the sponge over Keccak-f[1600] with rate 1088 bits
// (136 bytes), capacity 512 bits, domain suffix 01 and pad10*1 (so the first padding byte is
// 0x06 and the last 0x80), truncated to 256 bits.
//
// The permutation is a template parameter so one sponge serves every platform: the host and
// the qemu variant of guests use the software permutation (crypto/hash/keccak.h), guests on the
// zkvm plug in the KECCAK_F1600 precompile (zkvm::KeccakF1600Syscall in syscalls/zkvm.h). The
// state is 8-byte aligned as the precompile requires.
//
// Freestanding and constexpr like keccak.h: no heap, exceptions or standard library beyond the
// C integer headers.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/hash/keccak.h"

namespace zkvm::crypto {

inline constexpr size_t kSha3_256DigestBytes = 32;
inline constexpr size_t kSha3_256RateBytes = 136;

// Incremental SHA3-256. `Permutation` is a default-constructible callable that permutes a
// uint64_t[25] Keccak state in place. Call Update any number of times, then Finalize once;
// Reset starts a new hash.
template <typename Permutation>
class Sha3_256 {
 public:
  static constexpr size_t kDigestBytes = kSha3_256DigestBytes;
  static constexpr size_t kRateBytes = kSha3_256RateBytes;

  constexpr Sha3_256() = default;
  constexpr explicit Sha3_256(const Permutation& permutation) : permutation_(permutation) {}

  constexpr void Reset() {
    for (uint64_t& lane : state_) lane = 0;
    position_ = 0;
  }

  // Absorbs `size` bytes.
  constexpr void Update(const uint8_t* data, size_t size) {
    // Byte-wise up to a lane boundary, then whole lanes, then the tail. `data` may be unaligned
    // and the zkvm traps on misaligned loads, so lanes are read as two 32-bit words only when
    // `data` is 4-aligned (a guest's input payload is), else byte by byte. Both targets are
    // little-endian.
    while (size > 0 && position_ % 8 != 0) {
      AbsorbByte(*data++);
      --size;
    }
    // Not `const`: a const bool's initializer would be manifestly constant-evaluated, where
    // __builtin_is_constant_evaluated() is true.
    bool aligned = false;
    if (!__builtin_is_constant_evaluated()) aligned = reinterpret_cast<uintptr_t>(data) % 4 == 0;
    if (aligned) {
      // Whole lanes as 32-bit word pairs, a block's worth at a time.
      const auto* bytes = static_cast<const uint8_t*>(__builtin_assume_aligned(data, 4));
      size_t lanes = size / 8;
      while (lanes > 0) {
        size_t lane = position_ / 8;
        const size_t end = lanes < kRateBytes / 8 - lane ? lane + lanes : kRateBytes / 8;
        lanes -= end - lane;
        for (; lane < end; ++lane, bytes += 8) {
          uint32_t lo = 0, hi = 0;
          __builtin_memcpy(&lo, bytes, 4);
          __builtin_memcpy(&hi, bytes + 4, 4);
          state_[lane] ^= static_cast<uint64_t>(hi) << 32 | lo;
        }
        position_ = lane * 8;
        if (position_ == kRateBytes) {
          permutation_(state_);
          position_ = 0;
        }
      }
      data += size & ~size_t{7};
      size &= 7;
    }
    while (size >= 8) {
      uint64_t lane = 0;
      for (int i = 7; i >= 0; --i) lane = (lane << 8) | data[i];
      state_[position_ / 8] ^= lane;
      position_ += 8;
      if (position_ == kRateBytes) {
        permutation_(state_);
        position_ = 0;
      }
      data += 8;
      size -= 8;
    }
    while (size > 0) {
      AbsorbByte(*data++);
      --size;
    }
  }

  // Absorbs the 8 little-endian bytes of `value`: the same stream as Update of those bytes,
  // without going through memory byte by byte (field elements in transcripts and Merkle rows).
  constexpr void UpdateU64(uint64_t value) {
    const size_t offset = position_ % 8;
    if (offset == 0) {
      state_[position_ / 8] ^= value;
      position_ += 8;
      if (position_ == kRateBytes) {
        permutation_(state_);
        position_ = 0;
      }
      return;
    }
    // Straddles two lanes: the low 8 - offset bytes finish this lane, the rest start the next
    // (which may be the first lane of the next block).
    const unsigned shift = static_cast<unsigned>(8 * offset);
    state_[position_ / 8] ^= value << shift;
    position_ += 8 - offset;
    if (position_ == kRateBytes) {
      permutation_(state_);
      position_ = 0;
    }
    state_[position_ / 8] ^= value >> (64 - shift);
    position_ += offset;
  }

  // Pads, permutes and writes the 32-byte digest. The object must be Reset before reuse.
  constexpr void Finalize(uint8_t out[kDigestBytes]) {
    XorByte(position_, 0x06);
    XorByte(kRateBytes - 1, 0x80);
    permutation_(state_);
    if (!__builtin_is_constant_evaluated()) {
      // Both targets are little-endian: the digest is the first 32 bytes of the state.
      __builtin_memcpy(out, state_, kDigestBytes);
      return;
    }
    for (size_t i = 0; i < kDigestBytes; ++i) {
      out[i] = static_cast<uint8_t>(state_[i / 8] >> (8 * (i % 8)));
    }
  }

 private:
  constexpr void XorByte(size_t index, uint8_t value) {
    state_[index / 8] ^= static_cast<uint64_t>(value) << (8 * (index % 8));
  }

  constexpr void AbsorbByte(uint8_t value) {
    XorByte(position_, value);
    if (++position_ == kRateBytes) {
      permutation_(state_);
      position_ = 0;
    }
  }

  alignas(8) uint64_t state_[kKeccakLanes] = {};
  size_t position_ = 0;  // bytes absorbed into the current block
  [[no_unique_address]] Permutation permutation_{};
};

// SHA3-256 of `size` bytes at `data` with the software permutation.
constexpr void Sha3_256Digest(const uint8_t* data, size_t size, uint8_t out[kSha3_256DigestBytes]) {
  Sha3_256<KeccakF1600Software> hasher;
  hasher.Update(data, size);
  hasher.Finalize(out);
}

}  // namespace zkvm::crypto
