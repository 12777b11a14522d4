// The recursion guest (guests/recursion) in the executor: inner proofs of the fibonacci and
// sha3 guests at small sizes verify inside the VM and the guest commits vk_digest || exit code
// || output; a tampered proof, a bad prefix, a truncated or shifted blob, a proof for another
// program and a proof with other options are each rejected with a non-zero exit code; the
// step markers 1..5 appear in order; the consumer's check of the output against a trusted ELF.
#include "prover/vm/recursion.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "executor/executor.h"
#include "executor/profiler.h"
#include "prover/vm/prove.h"
#include "prover/vm/recursion_blob.h"
#include "prover/vm/verify.h"
#include "stark/protocol/statement_size.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

namespace blob = recursion_blob;
using executor::Program;

Program LoadGuest(const std::string& name) {
  Result<Program> p = executor::LoadElfFile(testing::FindGuest(ZKVM_GUEST_DIR, name).elf);
  ZKVM_CHECK(p.ok(), "guest ELF loads");
  return std::move(*p);
}

std::vector<uint8_t> FibInput(uint32_t n) {
  return {static_cast<uint8_t>(n), static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n >> 16),
          static_cast<uint8_t>(n >> 24)};
}

struct Inner {
  Program program;
  std::vector<uint8_t> proof;
  VerifyingKey vk;
  uint32_t exit_code = 0;
  std::vector<uint8_t> output;
};

Inner ProveInner(const std::string& name, const std::vector<uint8_t>& input,
                 const stark::ProofOptions& options) {
  Inner inner;
  inner.program = LoadGuest(name);
  ProveConfig config;
  config.options = options;
  Result<std::vector<uint8_t>> proof = Prove(inner.program, input, config);
  ZKVM_CHECK(proof.ok(), "the inner guest proves");
  inner.proof = std::move(*proof);
  Result<VerifiedStatement> v = Verify(inner.proof, inner.program,
                                       options.insecure() ? kAllowInsecurePreset : VerifyPolicy{});
  ZKVM_CHECK(v.ok(), "the inner proof verifies natively");
  inner.exit_code = v->exit_code;
  inner.output = v->output;
  Result<VerifyingKey> vk = ComputeVerifyingKey(inner.program, options);
  ZKVM_CHECK(vk.ok(), "vk");
  inner.vk = *vk;
  return inner;
}

struct GuestRun {
  executor::MachineState state;
  executor::Profile::Report profile;
};

GuestRun RunRecursion(const Program& guest, const std::vector<uint8_t>& blob) {
  Result<executor::Executor> ex = executor::Executor::Create(guest, blob);
  ZKVM_CHECK(ex.ok(), "the recursion guest starts");
  ex->set_debug_sink([](std::string_view) {});
  executor::Profile profile(guest);
  GuestRun run;
  run.state = ex->Run({.profile = &profile});
  run.profile = profile.Summarize(5);
  return run;
}

std::vector<uint8_t> ExpectedOutput(const Inner& inner) {
  const VkDigest d = inner.vk.Digest();
  std::vector<uint8_t> out(d.begin(), d.end());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(inner.exit_code >> (8 * i)));
  out.insert(out.end(), inner.output.begin(), inner.output.end());
  return out;
}

void ExpectAccepted(const Program& guest, const Inner& inner, const char* what) {
  const GuestRun run = RunRecursion(guest, MakeRecursionBlob(inner.vk, inner.proof));
  ASSERT_EQ(run.state.status, executor::RunStatus::kHalted) << what;
  EXPECT_EQ(run.state.exit_code, blob::kExitOk) << what;
  EXPECT_EQ(run.state.public_output, ExpectedOutput(inner)) << what;
  // Markers 1..5, each once, in order.
  std::vector<int32_t> markers;
  for (const auto& [marker, cycle] : run.profile.transitions) markers.push_back(marker);
  EXPECT_EQ(markers, (std::vector<int32_t>{1, 2, 3, 4, 5})) << what;
  std::printf("%s: inner proof %zu bytes, %llu guest cycles; per step:", what, inner.proof.size(),
              static_cast<unsigned long long>(run.state.cycle));
  for (const auto& step : run.profile.steps) {
    std::printf(" %d: %llu", step.marker, static_cast<unsigned long long>(step.cycles));
  }
  std::printf("\n");
  // A consumer trusting the inner ELF accepts the claim; another ELF does not match it.
  Result<InnerClaim> claim = CheckRecursionOutput(run.state.public_output, inner.program,
                                                  inner.vk.options, kAllowInsecurePreset.security);
  ASSERT_TRUE(claim.ok()) << claim.error().message;
  // An inner proof at the insecure preset is a claim only a caller who allows it accepts.
  EXPECT_EQ(CheckRecursionOutput(run.state.public_output, inner.program, inner.vk.options).ok(),
            !inner.vk.options.insecure());
  EXPECT_EQ(claim->output, inner.output);
  EXPECT_EQ(claim->exit_code, inner.exit_code);
}

TEST(RecursionTest, TestPresetGuestAcceptsFibonacci) {
  const Inner fib = ProveInner("fibonacci", FibInput(300), stark::kInsecureTestOptions);
  ExpectAccepted(LoadGuest("recursion_test"), fib, "test preset, fibonacci(300)");
  // The claim names fibonacci: checked against sha3 it does not hold.
  const GuestRun run =
      RunRecursion(LoadGuest("recursion_test"), MakeRecursionBlob(fib.vk, fib.proof));
  Result<InnerClaim> wrong = CheckRecursionOutput(run.state.public_output, LoadGuest("sha3"),
                                                  fib.vk.options, kAllowInsecurePreset.security);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("not this program"), std::string::npos);
}

TEST(RecursionTest, RecursionPresetGuestAcceptsFibonacciAndSha3) {
  const Program guest = LoadGuest("recursion");
  ExpectAccepted(guest, ProveInner("fibonacci", FibInput(300), stark::kRecursionOptions),
                 "recursion preset, fibonacci(300)");
  ExpectAccepted(guest, ProveInner("sha3", {'a', 'b', 'c'}, stark::kRecursionOptions),
                 "recursion preset, sha3(\"abc\")");
}

// The outer proof (make test-slow, ZKVM_RECURSION_OUTER=1: about 4.2 M guest cycles, 80 s and
// 10 GiB on 2 cores): the recursion guest's run on a blob is itself proved and verified
// natively, and the outer statement's output binds the inner vk_digest.
TEST(RecursionTest, OuterProofBindsTheInnerProgram) {
  const char* env = std::getenv("ZKVM_RECURSION_OUTER");
  if (env == nullptr || std::string(env) != "1") GTEST_SKIP() << "set ZKVM_RECURSION_OUTER=1";
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  Result<std::vector<uint8_t>> hello_input = ReadFile(hello.input);
  ASSERT_TRUE(hello_input.ok());
  const Inner inner = ProveInner("hello", *hello_input, stark::kInsecureTestOptions);
  const Program guest = LoadGuest("recursion_test");
  const std::vector<uint8_t> blob = MakeRecursionBlob(inner.vk, inner.proof);
  // Blowup 2 with more queries than the default preset: the guest's 4.2 M-cycle statement has
  // more distinct table heights than the presets are pinned for (98.4 bits at 182 queries; the
  // calculator asks for 188). 216 leaves room for the guest to change.
  ProveConfig config;
  config.options = stark::kDefaultOptions;
  config.options.preset = stark::PresetId::kCustom;
  config.options.num_queries = 216;
  ProveStats stats;
  Result<std::vector<uint8_t>> outer = Prove(guest, blob, config, &stats);
  ASSERT_TRUE(outer.ok()) << outer.error().message;
  Result<VerifiedStatement> v = Verify(*outer, guest);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->exit_code, blob::kExitOk);
  EXPECT_EQ(v->output, ExpectedOutput(inner));
  Result<InnerClaim> claim = CheckRecursionOutput(v->output, inner.program, inner.vk.options,
                                                  kAllowInsecurePreset.security);
  ASSERT_TRUE(claim.ok()) << claim.error().message;
  EXPECT_EQ(claim->output, inner.output);
  std::printf("outer proof of the recursion guest: %llu cycles, %.1f s, %zu bytes, %.1f bits\n",
              static_cast<unsigned long long>(stats.cycles), stats.total_seconds, stats.proof_bytes,
              stats.security_bits);
}

// The guest's stand-in for the security calculator: an honest small statement lies within the
// representative one the presets are pinned for, and exceeding any one parameter is refused.
TEST(RecursionTest, StatementsBeyondThePinnedOneAreRefused) {
  const Inner fib = ProveInner("fibonacci", FibInput(50), stark::kRecursionOptions);
  Result<VmStatement> statement = DecodeVmProof(fib.proof);
  ASSERT_TRUE(statement.ok());
  const StarkStatementStorage storage(*statement, fib.vk, 0);
  auto layout = std::make_unique<stark::StarkLayout>();
  ASSERT_TRUE(stark::MakeStarkLayout(storage.statement(), layout.get()).ok());
  const stark::StatementSize size = stark::MeasureStatement(storage.statement(), *layout);
  EXPECT_TRUE(stark::WithinRepresentativeStatement(size));
  for (int field = 0; field < 6; ++field) {
    stark::StatementSize big = size;
    switch (field) {
      case 0:
        big.log_max_height = stark::kRepresentativeLogMaxHeight + 1;
        break;
      case 1:
        big.num_columns = stark::kRepresentativeColumns + 1;
        break;
      case 2:
        big.num_constraints = stark::kRepresentativeConstraints + 1;
        break;
      case 3:
        big.max_constraint_degree = stark::kRepresentativeDegree + 1;
        break;
      case 4:
        big.num_bus_fractions = stark::kRepresentativeBusFractions + 1;
        break;
      default:
        big.num_height_classes = stark::kRepresentativeHeightClasses + 1;
        break;
    }
    EXPECT_FALSE(stark::WithinRepresentativeStatement(big)) << field;
  }
}

class RecursionRejectTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fib_ = new Inner(ProveInner("fibonacci", FibInput(200), stark::kInsecureTestOptions));
    guest_ = new Program(LoadGuest("recursion_test"));
  }
  static void TearDownTestSuite() {
    delete fib_;
    delete guest_;
  }
  static uint32_t ExitCode(const std::vector<uint8_t>& b) {
    const GuestRun run = RunRecursion(*guest_, b);
    EXPECT_EQ(run.state.status, executor::RunStatus::kHalted);
    // A rejected proof commits nothing.
    if (run.state.exit_code != blob::kExitOk) {
      EXPECT_TRUE(run.state.public_output.empty());
    }
    return run.state.exit_code;
  }
  static std::vector<uint8_t> Blob() { return MakeRecursionBlob(fib_->vk, fib_->proof); }
  static Inner* fib_;
  static Program* guest_;
};
Inner* RecursionRejectTest::fib_ = nullptr;
Program* RecursionRejectTest::guest_ = nullptr;

TEST_F(RecursionRejectTest, HonestBlobIsAccepted) { EXPECT_EQ(ExitCode(Blob()), blob::kExitOk); }

TEST_F(RecursionRejectTest, TamperedProof) {
  std::vector<uint8_t> b = Blob();
  // A byte deep in the STARK proof (an opening or the FRI proof).
  b[b.size() - 1000] ^= 0x01;
  EXPECT_GE(ExitCode(b), blob::kExitVerifierBase);
  // The claimed exit code changed (statement part).
  b = Blob();
  b[blob::kProofOffset + 72] ^= 0x01;
  EXPECT_GE(ExitCode(b), blob::kExitVerifierBase);
}

TEST_F(RecursionRejectTest, BadPrefix) {
  std::vector<uint8_t> b = Blob();
  b[0] = 'X';
  EXPECT_EQ(ExitCode(b), blob::kExitBadBlob);
  b = Blob();
  b[4] = 2;
  EXPECT_EQ(ExitCode(b), blob::kExitBadVersion);
  b = Blob();
  b[12] = 1;
  EXPECT_EQ(ExitCode(b), blob::kExitBadBlob);
  EXPECT_EQ(ExitCode({}), blob::kExitBadBlob);
}

TEST_F(RecursionRejectTest, TruncatedOrShiftedBlob) {
  std::vector<uint8_t> b = Blob();
  b.resize(b.size() - 16);
  EXPECT_NE(ExitCode(b), blob::kExitOk);
  b = Blob();
  b.resize(blob::kProofOffset + 40);  // the proof's header cut off
  EXPECT_EQ(ExitCode(b), blob::kExitBadProof);
  b.resize(50);  // inside the verifying key
  EXPECT_EQ(ExitCode(b), blob::kExitBadBlob);
  // One byte inserted after the prefix: the key and the proof are no longer where they belong.
  b = Blob();
  b.insert(b.begin() + blob::kVkOffset, 0);
  EXPECT_NE(ExitCode(b), blob::kExitOk);
}

TEST_F(RecursionRejectTest, ProofForAnotherProgram) {
  Result<VerifyingKey> sha3_vk =
      ComputeVerifyingKey(LoadGuest("sha3"), stark::kInsecureTestOptions);
  ASSERT_TRUE(sha3_vk.ok());
  EXPECT_EQ(ExitCode(MakeRecursionBlob(*sha3_vk, fib_->proof)), blob::kExitWrongProgram);
}

TEST_F(RecursionRejectTest, OtherOptionsThanTheGuestsPreset) {
  // The recursion-preset guest refuses a test-preset key and proof.
  const GuestRun run = RunRecursion(LoadGuest("recursion"), Blob());
  EXPECT_EQ(run.state.exit_code, blob::kExitWrongOptions);
}

// Inner proofs made with Poseidon2: the same guest verifies them with its Poseidon2 verifier
// (every hash a POSEIDON2 call), and a key of the other hash, a tampered proof or a key whose
// options byte names the other hash are refused.
TEST(RecursionTest, GuestsVerifyPoseidon2Proofs) {
  const stark::ProofOptions test_options =
      stark::WithHash(stark::kInsecureTestOptions, crypto::HashId::kPoseidon2);
  const Inner fib = ProveInner("fibonacci", FibInput(300), test_options);
  const Program test_guest = LoadGuest("recursion_test");
  ExpectAccepted(test_guest, fib, "test preset, Poseidon2, fibonacci(300)");
  std::vector<uint8_t> tampered = MakeRecursionBlob(fib.vk, fib.proof);
  tampered[tampered.size() - 1000] ^= 0x01;
  EXPECT_GE(RunRecursion(test_guest, tampered).state.exit_code, blob::kExitVerifierBase);
  Result<VerifyingKey> sha3_vk = ComputeVerifyingKey(fib.program, stark::kInsecureTestOptions);
  ASSERT_TRUE(sha3_vk.ok());
  EXPECT_EQ(RunRecursion(test_guest, MakeRecursionBlob(*sha3_vk, fib.proof)).state.exit_code,
            blob::kExitWrongProgram);
  ExpectAccepted(LoadGuest("recursion"),
                 ProveInner("fibonacci", FibInput(300),
                            stark::WithHash(stark::kRecursionOptions, crypto::HashId::kPoseidon2)),
                 "recursion preset, Poseidon2, fibonacci(300)");
}

// The guests' embedded test inputs (guests/recursion/*.bin: blobs with a proof of the hello
// guest, run by the qemu differential test) are today's prover's; with
// ZKVM_RECURSION_WRITE_INPUTS=<directory> this test writes them there instead. From the source
// root, after a change to the proof format, the tables or the presets:
//   ZKVM_RECURSION_WRITE_INPUTS=guests/recursion build/prover/vm/recursion_test
//       --gtest_filter='*TestInputsAreCurrent*'   (one command line)
// then rebuild.
TEST(RecursionTest, TestInputsAreCurrent) {
  const struct {
    const char* guest;
    const char* file;
    stark::ProofOptions options;
  } kInputs[] = {
      {"recursion_test", "test_input_test.bin", stark::kInsecureTestOptions},
      {"recursion", "test_input_recursion.bin", stark::kRecursionOptions},
  };
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  Result<std::vector<uint8_t>> hello_input = ReadFile(hello.input);
  ASSERT_TRUE(hello_input.ok());
  const char* write_dir = std::getenv("ZKVM_RECURSION_WRITE_INPUTS");
  for (const auto& in : kInputs) {
    const Inner inner = ProveInner("hello", *hello_input, in.options);
    const std::vector<uint8_t> blob = MakeRecursionBlob(inner.vk, inner.proof);
    if (write_dir != nullptr) {
      const std::string path = std::string(write_dir) + "/" + in.file;
      std::ofstream out(path, std::ios::binary);
      out.write(reinterpret_cast<const char*>(blob.data()),
                static_cast<std::streamsize>(blob.size()));
      ASSERT_TRUE(out.good()) << path;
      std::printf("wrote %zu payload bytes to %s\n", blob.size(), path.c_str());
      continue;
    }
    const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, in.guest);
    Result<std::vector<uint8_t>> embedded = ReadFile(g.input, 1u << 26);
    ASSERT_TRUE(embedded.ok()) << embedded.error().message;
    EXPECT_EQ(*embedded, blob) << "guests/recursion/" << in.file
                               << " is stale; regenerate it (see this test's comment)";
    ExpectAccepted(LoadGuest(in.guest), inner, in.guest);
  }
}

}  // namespace
}  // namespace zkvm::prover
