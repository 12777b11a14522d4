// The private-input payload of the stark_verify_smoke guest (main.cc) and its exit codes,
// shared by the guest and the host that builds the input (tests/stark_guest_test.cc).
//
// Payload (little-endian, read in place at abi::kInputPayload = 0xC000_0010, 16-aligned):
//
//   offset  size  field
//        0     4  magic: the bytes 'Z' 'K' 'S' 'F'
//        4     4  u32 log_rows: log2 of the Fibonacci trace height, in [1, kMaxLogRows]
//        8     4  u32 proof_bytes: size of the proof; the payload is exactly
//                 kProofOffset + proof_bytes bytes long
//       12     4  reserved, zero
//       16    24  the public values a_0, b_0, b_{n-1}: three u64, each a canonical Goldilocks
//                 element (< p)
//       40     8  reserved, zero
//       48     -  the proof (stark/proof format, ProofView), 16-aligned, verified in place
//
// The Fibonacci AIR has no preprocessed columns, so there is no verifying-key root; the proof
// options are compiled into the guest, never read from the input.
//
// Freestanding: C integer headers only.
#pragma once

#include <stdint.h>

namespace zkvm::guests::stark_smoke {

inline constexpr uint8_t kMagic[4] = {'Z', 'K', 'S', 'F'};
inline constexpr uint32_t kMagicOffset = 0;
inline constexpr uint32_t kLogRowsOffset = 4;
inline constexpr uint32_t kProofBytesOffset = 8;
inline constexpr uint32_t kReserved0Offset = 12;
inline constexpr uint32_t kPublicValuesOffset = 16;
inline constexpr uint32_t kNumPublicValues = 3;
inline constexpr uint32_t kReserved1Offset = 40;
inline constexpr uint32_t kProofOffset = 48;
// The verifier's bound on a table height (stark_protocol.h, kStarkMaxLogHeight).
inline constexpr uint32_t kMaxLogRows = 26;

// Exit codes (guests own 1..199). 10 + StarkError for the verifier's rejections.
enum ExitCode : uint32_t {
  kExitOk = 0,
  kExitBadLayout = 1,          // payload too short (or empty), wrong magic, reserved bytes not
                               // zero, or a length that disagrees with proof_bytes
  kExitBadLogRows = 2,         // log_rows outside [1, kMaxLogRows]
  kExitNonCanonicalValue = 3,  // a public value >= p
  kExitVerifierBase = 10,      // + StarkError (stark_verifier.h): 11 statement, 12 malformed
                               // proof, 13 options, 14 insecure flag, 15 height, 16 bus totals,
                               // 17 constraints at zeta, 18 Merkle opening, 19 FRI
};

}  // namespace zkvm::guests::stark_smoke
