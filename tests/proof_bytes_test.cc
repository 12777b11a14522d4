// Proof bytes are pinned: the SHA3-256 of the proofs of four guests at the default preset (and
// of one with the Poseidon2 hash option) and of a recursion-guest run (its exit code and output)
// must stay what they are. A change meant to leave proofs alone (a refactor, a move, a faster
// prover) shows here if it does not; a deliberate change to the proof format, the tables, the
// transcript or the presets updates the digests below, in the same commit, and says why. Run with
// ZKVM_PRINT_PROOF_DIGESTS=1 to print the current digests.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "crypto/hash/keccak.h"
#include "crypto/hash/sha3.h"
#include "executor/executor.h"
#include "executor/program.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "testing/guests.h"

namespace zkvm {
namespace {

std::string Sha3Hex(std::span<const uint8_t> bytes) {
  crypto::Sha3_256<crypto::KeccakF1600Software> hasher;
  hasher.Update(bytes.data(), bytes.size());
  uint8_t digest[crypto::kSha3_256DigestBytes];
  hasher.Finalize(digest);
  std::string hex;
  for (uint8_t b : digest) hex += fmt::format("{:02x}", b);
  return hex;
}

bool Printing() {
  const char* env = std::getenv("ZKVM_PRINT_PROOF_DIGESTS");
  return env != nullptr && std::string(env) == "1";
}

using Loaded = testing::LoadedGuest;

Loaded Load(const std::string& name) { return testing::LoadGuest(ZKVM_GUEST_DIR, name); }

TEST(ProofBytesTest, DefaultPresetProofsArePinned) {
  const struct {
    const char* guest;
    const char* sha3;
  } kPinned[] = {
      {"hello", "0f00d1381ff82af1db280ffea0286c038b9146b55d0492e92ca2af1d30ebfbe5"},
      {"sort", "2a5db64558030a5c0281db638edb61c796b3d1e3b9b854f39503fa2e943cbac4"},
      {"keccak_precompile", "6c1fcd3c85dfc9d169d4fd4374ec8c1d6033f742c91783d618d5ce6ee81df98a"},
      {"poseidon2_precompile", "737e6ae1ea26f91dffda291bc6d0880cb681b044715584fd09c594cbbbae8caa"},
  };
  for (const auto& pin : kPinned) {
    const Loaded g = Load(pin.guest);
    Result<std::vector<uint8_t>> proof = prover::Prove(g.program, g.input);
    ASSERT_TRUE(proof.ok()) << pin.guest << ": " << proof.error().message;
    const std::string digest = Sha3Hex(*proof);
    if (Printing()) std::printf("%s: %zu bytes, %s\n", pin.guest, proof->size(), digest.c_str());
    EXPECT_EQ(digest, pin.sha3) << pin.guest << ": the proof bytes changed";
  }
}

// The same for a proof whose trees and transcript are Poseidon2's (--hash poseidon2), which
// also verifies at the default preset under the default policy (100 provable bits).
TEST(ProofBytesTest, Poseidon2ProofsArePinned) {
  const Loaded g = Load("hello");
  prover::ProveConfig config;
  config.options = stark::WithHash(stark::kDefaultOptions, crypto::HashId::kPoseidon2);
  Result<std::vector<uint8_t>> proof = prover::Prove(g.program, g.input, config);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  const std::string digest = Sha3Hex(*proof);
  if (Printing()) std::printf("hello, poseidon2: %zu bytes, %s\n", proof->size(), digest.c_str());
  EXPECT_EQ(digest, "90edf0ebe911cd99b94848d92b09800adcf14e9b68b2c778da79aa8db6762dfa")
      << "the Poseidon2 proof bytes changed";
  Result<prover::VerifiedStatement> v = prover::Verify(*proof, g.program, {});
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->options, config.options);
  EXPECT_GE(v->security_bits, 100.0);
}

TEST(ProofBytesTest, RecursionGuestRunIsPinned) {
  const Loaded g = Load("recursion_test");
  Result<executor::Executor> ex = executor::Executor::Create(g.program, g.input);
  ASSERT_TRUE(ex.ok()) << ex.error().message;
  ex->set_debug_sink([](std::string_view) {});
  const executor::MachineState& state = ex->Run({});
  ASSERT_EQ(state.status, executor::RunStatus::kHalted);
  // The verified claim is pinned: exit code and public output. The cycle count follows the
  // guest's code (4205038 before the table list drove the guest's AIR registry and shape check,
  // 4200485 after), so it is printed, not pinned.
  if (Printing())
    std::printf("recursion_test: cycles %llu\n", static_cast<unsigned long long>(state.cycle));
  const std::string run =
      fmt::format("exit {} output {}", state.exit_code, Sha3Hex(state.public_output));
  EXPECT_EQ(run, "exit 0 output 41756237e78e6f570992f18f2efc40b0f370ecc86524da9b182189b9560419be")
      << "the recursion guest's run changed";
}

}  // namespace
}  // namespace zkvm
