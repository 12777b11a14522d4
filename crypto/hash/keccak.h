// Keccak-f[1600], the permutation under SHA3-256 (FIPS 202, section 3; round constants from
// section 3.2.5, rotation offsets from Table 2).
//
// The state is 25 lanes of 64 bits, lane (x, y) at index x + 5 * y; a byte string maps onto
// the lanes little-endian (byte 8 * i + j is byte j of lane i). One round is
//   theta: a[x][y] ^= c[x - 1] ^ rot(c[x + 1], 1), with c[x] the xor of column x;
//   rho:   rotate lane (x, y) left by its offset;
//   pi:    move lane (x, y) to (y, 2x + 3y);
//   chi:   a[x] ^= ~a[x + 1] & a[x + 2] along each row;
//   iota:  a[0][0] ^= the round constant;
// and Keccak-f[1600] applies 24 rounds.
//
// Freestanding and constexpr: no heap, exceptions or standard library beyond the C integer
// headers, so the same code runs on the host (tests, prover), in guests (the qemu variant of the
// KECCAK_F1600 precompile, and any guest that wants a software permutation) and at compile
// time. Guests normally use the precompile instead (syscalls/zkvm.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace zkvm::crypto {

inline constexpr int kKeccakRounds = 24;
inline constexpr size_t kKeccakLanes = 25;

// Round constants RC[i] of the iota step (FIPS 202, Algorithm 5 evaluated for i = 0..23).
inline constexpr uint64_t kKeccakRoundConstants[kKeccakRounds] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull, 0x8000000080008000ull,
    0x000000000000808Bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008Aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
    0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800Aull, 0x800000008000000Aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

// Rotation offsets of the rho step for lane x + 5 * y (FIPS 202, Table 2).
inline constexpr int kKeccakRotations[kKeccakLanes] = {
    0,  1,  62, 28, 27,  // y = 0
    36, 44, 6,  55, 20,  // y = 1
    3,  10, 43, 25, 39,  // y = 2
    41, 45, 15, 21, 8,   // y = 3
    18, 2,  61, 56, 14,  // y = 4
};

// Destination of lane x + 5 * y under pi: lane y + 5 * ((2x + 3y) mod 5).
inline constexpr int kKeccakPiDestination[kKeccakLanes] = {
    0,  10, 20, 5,  15,  // y = 0
    16, 1,  11, 21, 6,   // y = 1
    7,  17, 2,  12, 22,  // y = 2
    23, 8,  18, 3,  13,  // y = 3
    14, 24, 9,  19, 4,   // y = 4
};

constexpr uint64_t RotateLeft64(uint64_t value, int shift) {
  return shift == 0 ? value : (value << shift) | (value >> (64 - shift));
}

// Applies Keccak-f[1600] to `state` in place.
constexpr void KeccakF1600(uint64_t state[kKeccakLanes]) {
  for (int round = 0; round < kKeccakRounds; ++round) {
    // theta
    uint64_t column[5];
    for (int x = 0; x < 5; ++x) {
      column[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
    }
    for (int x = 0; x < 5; ++x) {
      const uint64_t d = column[(x + 4) % 5] ^ RotateLeft64(column[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) state[x + y] ^= d;
    }
    // rho and pi
    uint64_t moved[kKeccakLanes];
    for (size_t i = 0; i < kKeccakLanes; ++i) {
      moved[kKeccakPiDestination[i]] = RotateLeft64(state[i], kKeccakRotations[i]);
    }
    // chi
    for (int y = 0; y < 25; y += 5) {
      for (int x = 0; x < 5; ++x) {
        state[x + y] = moved[x + y] ^ (~moved[(x + 1) % 5 + y] & moved[(x + 2) % 5 + y]);
      }
    }
    // iota
    state[0] ^= kKeccakRoundConstants[round];
  }
}

// The software permutation as a callable, for Sha3_256<Permutation> (crypto/hash/sha3.h).
struct KeccakF1600Software {
  constexpr void operator()(uint64_t state[kKeccakLanes]) const { KeccakF1600(state); }
};

}  // namespace zkvm::crypto
