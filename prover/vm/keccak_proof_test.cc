// End-to-end tests of the KECCAK_F1600 precompile (docs/tables.md section 4.13): guests hashing
// messages across the SHA3-256 block boundary prove and verify and commit OpenSSL's digest, and
// the software-permutation guest commits the same one; hand-assembled programs permute states
// in the private-input region and on the stack; misaligned and out-of-range states trap with a
// message that says so, and such runs cannot be proved.
//
// ZKVM_KECCAK_LARGE=1 adds a 1 MiB message (the `keccak_large` test in `make test-slow`: it
// needs about 20 GiB of memory).
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "crypto/hash/keccak.h"
#include "executor/executor.h"
#include "executor/isa.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "syscalls/abi.h"
#include "testing/elf_builder.h"
#include "testing/encoder.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

using executor::Opcode;
using executor::Program;
using testing::Ecall;
using testing::I;
using testing::Li;
using testing::R;
using testing::S;
using testing::U;

ProveConfig TestConfig() {
  ProveConfig c;
  c.options = stark::kInsecureTestOptions;
  return c;
}

Program LoadGuest(const std::string& name) {
  Result<Program> p = executor::LoadElfFile(testing::FindGuest(ZKVM_GUEST_DIR, name).elf);
  ZKVM_CHECK(p.ok(), "guest ELF loads");
  return std::move(*p);
}

std::vector<uint8_t> OpenSslSha3(const std::vector<uint8_t>& msg) {
  std::vector<uint8_t> digest(32);
  unsigned int n = 0;
  ZKVM_CHECK(EVP_Digest(msg.data(), msg.size(), digest.data(), &n, EVP_sha3_256(), nullptr) == 1,
             "OpenSSL SHA3-256");
  return digest;
}

executor::MachineState Execute(const Program& program, const std::vector<uint8_t>& input) {
  Result<executor::Executor> ex = executor::Executor::Create(program, input);
  ZKVM_CHECK(ex.ok(), "executor starts");
  ex->set_debug_sink([](std::string_view) {});
  return ex->Run({});
}

// keccak_precompile on `len` random bytes: proves, verifies, commits OpenSSL's digest; the
// software guest sha3 commits the same digest on the executor.
void HashProvesAndVerifies(size_t len) {
  static const Program precompile = LoadGuest("keccak_precompile");
  static const Program software = LoadGuest("sha3");
  std::mt19937_64 rng(len);
  std::vector<uint8_t> msg(len);
  for (uint8_t& b : msg) b = static_cast<uint8_t>(rng());
  const std::vector<uint8_t> expected = OpenSslSha3(msg);
  if (len <= 4096) {
    EXPECT_EQ(Execute(software, msg).public_output, expected);
  }
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(precompile, msg, TestConfig(), &stats);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, precompile, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->output, expected) << len << " bytes";
  EXPECT_EQ(v->exit_code, 0u);
  std::printf("%zu bytes: %llu cycles, %zu permutations, %.2f s, proof %zu bytes\n", len,
              static_cast<unsigned long long>(stats.cycles), len / 136 + 1, stats.total_seconds,
              stats.proof_bytes);
}

class KeccakHashTest : public ::testing::TestWithParam<size_t> {};

TEST_P(KeccakHashTest, ProvesAndVerifiesOpenSslsDigest) { HashProvesAndVerifies(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Lengths, KeccakHashTest, ::testing::Values(0, 1, 135, 136, 137, 1000));

TEST(KeccakLargeTest, OneMebibyte) {
  const char* env = std::getenv("ZKVM_KECCAK_LARGE");
  if (env == nullptr || std::string(env) != "1") GTEST_SKIP() << "set ZKVM_KECCAK_LARGE=1";
  HashProvesAndVerifies(size_t{1} << 20);
}

// ---- Hand-assembled programs --------------------------------------------------------------------

void KeccakCall(std::vector<uint32_t>& code, uint32_t state) {
  Li(code, 17, abi::kSysKeccakF1600);
  Li(code, 10, state);
  code.push_back(Ecall());
}

// WRITE(1, state, 200), then HALT with exit code a0 - state: 0 when the last KECCAK_F1600 call
// left a0 unchanged.
void WriteStateAndHalt(std::vector<uint32_t>& code, uint32_t state) {
  Li(code, 5, state);
  code.push_back(R(Opcode::kSub, 6, 10, 5));  // x6 = a0 - state: 0 when the call kept a0
  Li(code, 17, abi::kSysWrite);
  code.push_back(I(Opcode::kAddi, 10, 0, static_cast<int32_t>(abi::kFdPublicOutput)));
  code.push_back(I(Opcode::kAddi, 11, 5, 0));
  code.push_back(I(Opcode::kAddi, 12, 0, static_cast<int32_t>(abi::kKeccakStateBytes)));
  code.push_back(Ecall());
  code.push_back(I(Opcode::kAddi, 17, 0, static_cast<int32_t>(abi::kSysHalt)));
  code.push_back(I(Opcode::kAddi, 10, 6, 0));
  code.push_back(Ecall());
}

Program CodeProgram(const std::vector<uint32_t>& code) {
  Result<Program> p = executor::LoadElf(testing::BuildCodeElf(code), "test");
  ZKVM_CHECK(p.ok(), "code ELF loads");
  return std::move(*p);
}

void ProveAndCheckOutput(const std::vector<uint32_t>& code, const std::vector<uint8_t>& input,
                         const std::vector<uint8_t>& expected_output) {
  const Program program = CodeProgram(code);
  const executor::MachineState run = Execute(program, input);
  ASSERT_EQ(run.status, executor::RunStatus::kHalted) << executor::DescribeTrap(run.trap);
  EXPECT_EQ(run.exit_code, 0u);
  EXPECT_EQ(run.public_output, expected_output);
  Result<std::vector<uint8_t>> proof = Prove(program, input, TestConfig());
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->output, expected_output);
  EXPECT_EQ(v->exit_code, 0u);
}

std::vector<uint8_t> Permuted(std::vector<uint8_t> bytes, int times) {
  uint64_t lanes[25];
  std::memcpy(lanes, bytes.data(), 200);
  for (int i = 0; i < times; ++i) crypto::KeccakF1600(lanes);
  std::memcpy(bytes.data(), lanes, 200);
  return bytes;
}

TEST(KeccakProgramTest, StateInThePrivateInputRegion) {
  // The payload starts at kInputBase + 16 (8-aligned); the input's words get their initial
  // tokens from PAGE_INPUT.
  std::vector<uint8_t> input(200);
  std::mt19937_64 rng(3);
  for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
  const uint32_t state = abi::kInputBase + 16;
  std::vector<uint32_t> code;
  KeccakCall(code, state);
  WriteStateAndHalt(code, state);
  ProveAndCheckOutput(code, input, Permuted(input, 1));
}

TEST(KeccakProgramTest, StateOnTheStackPermutedTwice) {
  // Stores a few words into a stack buffer (the rest is zero), permutes it twice.
  const uint32_t state = abi::kStackTop - 0x400;
  std::vector<uint8_t> bytes(200, 0);
  std::vector<uint32_t> code;
  Li(code, 5, state);
  const uint32_t words[][2] = {{0, 0x01234567}, {4, 0x89abcdef}, {100, 0xdeadbeef}, {196, 7}};
  for (const auto& [offset, value] : words) {
    Li(code, 6, value);
    code.push_back(S(Opcode::kSw, 6, 5, static_cast<int32_t>(offset)));
    std::memcpy(&bytes[offset], &value, 4);
  }
  KeccakCall(code, state);
  KeccakCall(code, state);
  WriteStateAndHalt(code, state);
  ProveAndCheckOutput(code, {}, Permuted(bytes, 2));
}

TEST(KeccakProgramTest, BadStatePointersTrapWithAClearMessage) {
  const struct {
    uint32_t a0;
    const char* says;
  } cases[] = {
      {abi::kInputBase + 20, "is not 8-byte aligned"},
      {0x8, "is not inside writable memory"},
      {abi::kReservedBase - 192, "is not inside writable memory"},
      {0x10000, "is not inside writable memory"},  // the executable range
  };
  for (const auto& c : cases) {
    std::vector<uint32_t> code;
    KeccakCall(code, c.a0);
    WriteStateAndHalt(code, c.a0);
    const Program program = CodeProgram(code);
    const executor::MachineState run = Execute(program, std::vector<uint8_t>(64));
    ASSERT_EQ(run.status, executor::RunStatus::kTrapped);
    const std::string message = executor::DescribeTrap(run.trap);
    EXPECT_NE(message.find(c.says), std::string::npos) << message;
    EXPECT_NE(message.find(fmt::format("{:#x}", c.a0)), std::string::npos) << message;
    // The prover refuses the run, naming the trap.
    Result<std::vector<uint8_t>> proof = Prove(program, std::vector<uint8_t>(64), TestConfig());
    ASSERT_FALSE(proof.ok());
    EXPECT_NE(proof.error().message.find(c.says), std::string::npos) << proof.error().message;
  }
}

}  // namespace
}  // namespace zkvm::prover
