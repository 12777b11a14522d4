// The recursion guest: verifies a VM proof inside the VM (DESIGN.md sections 7 and 8). The blob
// (prover/vm/recursion_blob.h) is read in place from the private-input region: its prefix is
// validated before anything else, the verifying key is decoded and hashed, the proof's statement is
// parsed, and the freestanding VM verifier (prover/vm/vm_verifier.h, the host Verify's own
// sequence) checks it against the key, rebuilds the STARK statement and verifies the STARK
// proof. The inner proof's hash is the key's (SHA3-256 or Poseidon2, stark/protocol/stark_hash.h):
// the verifier of that hash runs, over the KECCAK_F1600 or the POSEIDON2 precompile as the
// permutation of every hash. The table AIRs are the prover's classes (prover/tables/*_air.h,
// behind prover/tables/vm_airs.cc).
//
// Security: the host verifier measures the options against each statement with the security
// calculator; that is floating point and host-only, so this guest instead accepts only
// statements within the representative one the preset is pinned for
// (stark/security/representative.h), which reach at least the preset's 100 bits.
//
// On success: public output vk_digest || inner exit code (u32) || inner public output, exit
// code 0. On failure a non-zero exit code (recursion_blob.h) and the reason as debug text.
//
// The proof options are compiled in (never read from the input): the recursion preset, or
// with ZKVM_RECURSION_PRESET_TEST the insecure test preset, with either hash; a proof or key
// with other options is rejected.
//
// Step markers (the profiler's steps): 1 blob validated, 2 statement and transcript replayed,
// 3 constraints at the OOD point, 4 FRI, 5 trace openings.
//
// No libc and no heap: the verifier and the statement live in static storage.
#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string_view>

#include "crypto/hash/sha3.h"
#include "prover/vm/recursion_blob.h"
#include "prover/vm/vm_verifier.h"
#include "stark/protocol/statement_size.h"
#include "syscalls/zkvm.h"

namespace {

namespace blob = zkvm::prover::recursion_blob;
using zkvm::prover::VkFields;
using zkvm::prover::VmProofView;

#if defined(ZKVM_RECURSION_PRESET_TEST)
constexpr zkvm::stark::ProofOptions kOptions = zkvm::stark::kInsecureTestOptions;
#else
constexpr zkvm::stark::ProofOptions kOptions = zkvm::stark::kRecursionOptions;
#endif

// One verifier per hash, both in static storage; the key's hash picks one.
zkvm::prover::VmVerifier<zkvm::stark::Sha3StarkHash<zkvm::KeccakF1600Syscall>> g_sha3_verifier;
zkvm::prover::VmVerifier<zkvm::stark::Poseidon2StarkHash<zkvm::Poseidon2Syscall>>
    g_poseidon2_verifier;
zkvm::stark::StarkPublicInteraction g_interactions[2 + blob::kMaxInnerOutput];

template <int kStep>
void Marker() {
  static_assert(kStep > 0 && kStep < 2048);
  asm volatile("addi x0, x0, %0" ::"i"(kStep));
}

void PhaseMarker(uint32_t phase) {
  switch (phase) {
    case 2:
      Marker<2>();
      break;
    case 3:
      Marker<3>();
      break;
    case 4:
      Marker<4>();
      break;
    case 5:
      Marker<5>();
      break;
    default:
      break;
  }
}

[[noreturn]] void Fail(uint32_t code, std::string_view why) {
  zkvm::DebugPrint("recursion: ");
  zkvm::DebugPrint(why);
  zkvm::DebugPrint("\n");
  zkvm::Halt(code);
}

}  // namespace

int main() {
  Marker<1>();
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  const uint8_t* in = input.data();
  if (input.size() < blob::kProofOffset) Fail(blob::kExitBadBlob, "blob too short");
  for (size_t i = 0; i < 4; ++i) {
    if (in[i] != blob::kBlobMagic[i]) Fail(blob::kExitBadBlob, "bad magic");
  }
  if (zkvm::prover::detail::LoadU32(in + 4) != blob::kBlobVersion) {
    Fail(blob::kExitBadVersion, "unknown blob version");
  }
  for (size_t i = 8; i < blob::kPrefixBytes; ++i) {
    if (in[i] != 0) Fail(blob::kExitBadBlob, "reserved prefix bytes are not zero");
  }
  VkFields vk;
  const zkvm::prover::VkError vk_error =
      zkvm::prover::DecodeVkFields(in + blob::kVkOffset, blob::kVkSize, &vk);
  if (vk_error != zkvm::prover::VkError::kOk) {
    Fail(blob::kExitBadVk, zkvm::prover::VkErrorName(vk_error));
  }
  // The compiled-in options with the key's hash (an unknown hash id never decodes).
  static zkvm::stark::ProofOptions options;
  options = zkvm::stark::WithHash(kOptions, vk.options.hash);
  if (!zkvm::prover::SameOptions(vk.options, options)) {
    Fail(blob::kExitWrongOptions, "the verifying key is for other proof options");
  }
  uint8_t vk_digest[32];
  {
    zkvm::crypto::Sha3_256<zkvm::KeccakF1600Syscall> hasher;
    hasher.Update(in + blob::kVkOffset, blob::kVkSize);
    hasher.Finalize(vk_digest);
  }
  VmProofView view;
  if (!zkvm::prover::ParseVmProof(in + blob::kProofOffset, input.size() - blob::kProofOffset, &view)
           .ok()) {
    Fail(blob::kExitBadProof, "malformed proof statement");
  }
  // The host verifier measures the options against the statement with the security calculator
  // (floating point, host only). Here the statement must instead lie within the one the preset
  // was pinned for: the bound is monotone in every parameter, so the preset's 100 bits hold for
  // it too. The preset's bits are for one statement, so the guest takes proofs of one segment
  // (a run of N segments loses log2(N) bits; aggregating segments is the recursion's next step).
  // A statement within it needs no more than the preset's queries, so the proof must carry the
  // preset's options exactly (the host would raise the query count only beyond it).
  auto admit = [](const zkvm::stark::StarkStatement& st, const zkvm::stark::StarkLayout& layout,
                  uint32_t, uint32_t num_segments) {
    return num_segments == 1 && zkvm::prover::SameOptions(st.options, options) &&
           (kOptions.insecure() ||
            zkvm::stark::WithinRepresentativeStatement(zkvm::stark::MeasureStatement(st, layout)));
  };
  auto verify = [&](auto& verifier) {
    verifier.set_phase_hook(PhaseMarker);
    return verifier.Verify(view, vk, vk_digest, g_interactions,
                           sizeof(g_interactions) / sizeof(g_interactions[0]), admit);
  };
  const zkvm::prover::VmVerifyStatus status = vk.options.hash == zkvm::crypto::HashId::kPoseidon2
                                                  ? verify(g_poseidon2_verifier)
                                                  : verify(g_sha3_verifier);
  switch (status.step) {
    case zkvm::prover::VmVerifyStep::kOk:
      break;
    case zkvm::prover::VmVerifyStep::kProgram:
      Fail(blob::kExitWrongProgram, "the proof is for another program or other options");
    case zkvm::prover::VmVerifyStep::kOptions:
      Fail(blob::kExitWrongOptions, "the proof uses other proof options");
    case zkvm::prover::VmVerifyStep::kShape:
      Fail(blob::kExitBadProof, "the proof's table list does not fit the verifying key");
    case zkvm::prover::VmVerifyStep::kStorage:
      Fail(blob::kExitOutputTooLong, "inner output too long");
    case zkvm::prover::VmVerifyStep::kStatement:
      Fail(blob::kExitBadProof, "the statement is not a valid STARK statement");
    case zkvm::prover::VmVerifyStep::kAdmission:
      Fail(blob::kExitStatementTooLarge,
           "the statement is larger than the one the preset's security is pinned for");
    case zkvm::prover::VmVerifyStep::kStark:
      zkvm::DebugPrint("recursion: rejected: ");
      zkvm::DebugPrint(zkvm::stark::StarkErrorName(status.stark.error));
      zkvm::DebugPrint("\n");
      zkvm::Halt(blob::kExitVerifierBase + static_cast<uint32_t>(status.stark.error));
  }
  const uint8_t exit_code[4] = {
      static_cast<uint8_t>(view.exit_code), static_cast<uint8_t>(view.exit_code >> 8),
      static_cast<uint8_t>(view.exit_code >> 16), static_cast<uint8_t>(view.exit_code >> 24)};
  zkvm::Commit(vk_digest, sizeof(vk_digest));
  zkvm::Commit(exit_code, sizeof(exit_code));
  zkvm::Commit(view.output, view.output_size);
  return blob::kExitOk;
}
