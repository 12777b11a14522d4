// Verifies a STARK proof inside the VM: a proof of the Fibonacci test AIR
// (testing/airs/test_airs.h: columns a, b; a_{i+1} = b_i, b_{i+1} = a_i + b_i; public values a_0,
// b_0, b_{n-1}) is read in place from the private-input region and checked by the freestanding
// verifier core (stark/verifier/stark_verifier.h), with the KECCAK_F1600 precompile as the
// permutation of every hash (transcript, Merkle paths, FRI, grinding). The smoke test of the
// guest verifier (issue "STARK engine", acceptance 6); the host side is
// tests/stark_guest_test.cc.
//
// Payload (input_layout.h, all little-endian; the payload starts 16-aligned at 0xC000_0010):
//   0   'Z' 'K' 'S' 'F'      magic
//   4   u32 log_rows         log2 of the trace height, 1..26
//   8   u32 proof_bytes      the payload is exactly 48 + proof_bytes bytes
//   12  u32 0                reserved
//   16  u64 a_0, b_0, b_{n-1}  the public values, canonical (< p)
//   40  u64 0                reserved
//   48  proof                16-aligned, verified where it lies (no copy)
// The proof options are compiled in: the insecure test preset, or the recursion preset when
// built with ZKVM_STARK_SMOKE_RECURSION_PRESET (the stark_verify_smoke_recursion ELF).
//
// Public output: on success the 24 bytes of the public values (a_0, b_0, b_{n-1} as u64) and
// exit code 0. Exit codes (input_layout.h): 1 malformed (or empty) payload, 2 log_rows out of
// range, 3 a non-canonical public value, 10 + StarkError when the verifier rejects (12
// malformed proof, 13 options, 14 insecure flag, 15 height, 17 constraints at zeta, 18 Merkle
// opening, 19 FRI, ...). The reason is also printed as debug text.
//
// Test inputs (CMakeLists.txt): each ELF embeds a valid proof for its preset, built and checked
// by tests/stark_guest_test.cc, so the qemu differential test runs a full verification.
//
// No libc and no heap: the verifier object (about 64 KiB) lives in static storage.
#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string_view>

#include "guests/stark_verify_smoke/input_layout.h"
#include "stark/verifier/stark_verifier.h"
#include "syscalls/zkvm.h"
// FibonacciAir, the very class the host proves with (only the header-only AIR is used here;
// the trace builders that header declares are host code, never called or linked).
#include "testing/airs/test_airs.h"

namespace {

namespace smoke = zkvm::guests::stark_smoke;
using zkvm::crypto::Felt;
using zkvm::stark::StarkStatus;

#if defined(ZKVM_STARK_SMOKE_RECURSION_PRESET)
constexpr zkvm::stark::ProofOptions kOptions = zkvm::stark::kRecursionOptions;
#else
constexpr zkvm::stark::ProofOptions kOptions = zkvm::stark::kInsecureTestOptions;
#endif

using Verifier = zkvm::stark::StarkVerifier<zkvm::stark::Sha3StarkHash<zkvm::KeccakF1600Syscall>>;
Verifier g_verifier;

uint32_t Load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

uint64_t Load64(const uint8_t* p) { return uint64_t{Load32(p)} | uint64_t{Load32(p + 4)} << 32; }

void PrintU32(uint32_t v) {
  char digits[10];
  size_t n = 0;
  do {
    digits[sizeof(digits) - 1 - n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  zkvm::DebugPrint(std::string_view(digits + sizeof(digits) - n, n));
}

[[noreturn]] void Fail(uint32_t code, std::string_view why) {
  zkvm::DebugPrint("stark_verify_smoke: ");
  zkvm::DebugPrint(why);
  zkvm::DebugPrint("\n");
  zkvm::Halt(code);
}

[[noreturn]] void Rejected(const StarkStatus& status) {
  zkvm::DebugPrint("stark_verify_smoke: rejected: ");
  zkvm::DebugPrint(zkvm::stark::StarkErrorName(status.error));
  if (status.section != zkvm::stark::kStarkNoPlace) {
    zkvm::DebugPrint(" (section ");
    PrintU32(status.section);
    zkvm::DebugPrint(")");
  }
  zkvm::DebugPrint("\n");
  zkvm::Halt(smoke::kExitVerifierBase + static_cast<uint32_t>(status.error));
}

StarkStatus VerifyFibonacci(uint32_t log_rows, const Felt* public_values, const uint8_t* proof,
                            size_t size) {
  const zkvm::stark::testing::FibonacciAir air;
  const zkvm::stark::AirAdapter<zkvm::stark::testing::FibonacciAir> adapter(air);
  const zkvm::stark::StarkTable table{&adapter, log_rows, public_values, smoke::kNumPublicValues};
  zkvm::stark::StarkStatement statement;
  statement.tables = &table;
  statement.num_tables = 1;
  statement.options = kOptions;
  return g_verifier.Verify(statement, proof, size);
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  const uint8_t* in = input.data();
  if (input.size() < smoke::kProofOffset) Fail(smoke::kExitBadLayout, "payload too short");
  for (uint32_t i = 0; i < 4; ++i) {
    if (in[smoke::kMagicOffset + i] != smoke::kMagic[i]) {
      Fail(smoke::kExitBadLayout, "bad magic");
    }
  }
  if (Load32(in + smoke::kReserved0Offset) != 0 || Load64(in + smoke::kReserved1Offset) != 0) {
    Fail(smoke::kExitBadLayout, "reserved bytes are not zero");
  }
  const uint32_t proof_bytes = Load32(in + smoke::kProofBytesOffset);
  if (input.size() - smoke::kProofOffset != proof_bytes) {
    Fail(smoke::kExitBadLayout, "payload length differs from 48 + proof_bytes");
  }
  const uint32_t log_rows = Load32(in + smoke::kLogRowsOffset);
  if (log_rows < 1 || log_rows > smoke::kMaxLogRows) {
    Fail(smoke::kExitBadLogRows, "log_rows out of range");
  }
  Felt public_values[smoke::kNumPublicValues];
  for (uint32_t i = 0; i < smoke::kNumPublicValues; ++i) {
    if (!Felt::TryFromCanonical(Load64(in + smoke::kPublicValuesOffset + 8 * i),
                                &public_values[i])) {
      Fail(smoke::kExitNonCanonicalValue, "public value not canonical");
    }
  }

  const StarkStatus status =
      VerifyFibonacci(log_rows, public_values, in + smoke::kProofOffset, proof_bytes);
  if (!status.ok()) Rejected(status);
  zkvm::Commit(in + smoke::kPublicValuesOffset, 8 * smoke::kNumPublicValues);
  return smoke::kExitOk;
}
