// End-to-end tests of the POSEIDON2 precompile (docs/tables.md section 4.14): the guest
// poseidon2_precompile permutes random states (seeded) with the precompile, and its output
// matches the host's crypto::Poseidon2Permute; its runs prove and verify. Hand-assembled
// programs permute the reference input 0..11 in the private-input region and a state on the
// stack twice, and prove; misaligned, out-of-range and non-canonical states trap with a message
// that says so, and such runs cannot be proved.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "crypto/hash/poseidon2.h"
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

using crypto::Felt;
using executor::Opcode;
using executor::Program;
using testing::Ecall;
using testing::I;
using testing::Li;
using testing::R;
using testing::S;

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

executor::MachineState Execute(const Program& program, const std::vector<uint8_t>& input) {
  Result<executor::Executor> ex = executor::Executor::Create(program, input);
  ZKVM_CHECK(ex.ok(), "executor starts");
  ex->set_debug_sink([](std::string_view) {});
  return ex->Run({});
}

// `n` random canonical states (12 elements each, little-endian u64), seeded.
std::vector<uint8_t> RandomStates(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint8_t> bytes(n * abi::kPoseidon2StateBytes);
  for (size_t i = 0; i < n * abi::kPoseidon2StateElements; ++i) {
    const uint64_t v = rng() % Felt::kModulus;
    std::memcpy(bytes.data() + 8 * i, &v, 8);
  }
  return bytes;
}

// The host's permutation of every 96-byte state in `bytes`, applied `times` times.
std::vector<uint8_t> Permuted(std::vector<uint8_t> bytes, int times = 1) {
  for (size_t k = 0; k + abi::kPoseidon2StateBytes <= bytes.size();
       k += abi::kPoseidon2StateBytes) {
    Felt state[abi::kPoseidon2StateElements];
    for (size_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
      uint64_t v;
      std::memcpy(&v, bytes.data() + k + 8 * i, 8);
      state[i] = Felt::FromCanonical(v);
    }
    for (int t = 0; t < times; ++t) crypto::Poseidon2Permute(state);
    for (size_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
      const uint64_t v = state[i].value();
      std::memcpy(bytes.data() + k + 8 * i, &v, 8);
    }
  }
  return bytes;
}

void ProvesAndVerifies(const Program& program, const std::vector<uint8_t>& input,
                       const std::vector<uint8_t>& expected_output) {
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(program, input, TestConfig(), &stats);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->output, expected_output);
  EXPECT_EQ(v->exit_code, 0u);
  std::printf("%llu cycles, %.2f s, proof %zu bytes\n",
              static_cast<unsigned long long>(stats.cycles), stats.total_seconds,
              stats.proof_bytes);
}

TEST(Poseidon2GuestTest, PrecompileMatchesTheHostPermutationAndProves) {
  static const Program guest = LoadGuest("poseidon2_precompile");
  for (const size_t n : {size_t{1}, size_t{2}, size_t{9}}) {
    const uint64_t seed = 20260301 + n;
    std::printf("%zu random states, seed %llu\n", n, static_cast<unsigned long long>(seed));
    const std::vector<uint8_t> input = RandomStates(n, seed);
    const std::vector<uint8_t> expected = Permuted(input);
    const executor::MachineState run = Execute(guest, input);
    ASSERT_EQ(run.status, executor::RunStatus::kHalted) << executor::DescribeTrap(run.trap);
    EXPECT_EQ(run.exit_code, 0u);
    EXPECT_EQ(run.public_output, expected);
    EXPECT_EQ(run.syscalls.poseidon2, n);
    ProvesAndVerifies(guest, input, expected);
  }
}

// ---- Hand-assembled programs --------------------------------------------------------------------

void Poseidon2Call(std::vector<uint32_t>& code, uint32_t state) {
  Li(code, 17, abi::kSysPoseidon2);
  Li(code, 10, state);
  code.push_back(Ecall());
}

// WRITE(1, state, 96), then HALT with exit code a0 - state: 0 when the last POSEIDON2 call
// left a0 unchanged.
void WriteStateAndHalt(std::vector<uint32_t>& code, uint32_t state) {
  Li(code, 5, state);
  code.push_back(R(Opcode::kSub, 6, 10, 5));
  Li(code, 17, abi::kSysWrite);
  code.push_back(I(Opcode::kAddi, 10, 0, static_cast<int32_t>(abi::kFdPublicOutput)));
  code.push_back(I(Opcode::kAddi, 11, 5, 0));
  code.push_back(I(Opcode::kAddi, 12, 0, static_cast<int32_t>(abi::kPoseidon2StateBytes)));
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

TEST(Poseidon2ProgramTest, ReferenceInputInThePrivateInputRegion) {
  // The reference known answer (crypto/hash/poseidon2_test.cc): Poseidon2(0, 1, ..., 11).
  static constexpr uint64_t kExpected[12] = {
      0x01EA'EF96'BDF1'C0C1ull, 0x1F0D'2CC5'25B2'540Cull, 0x6282'C1DF'E1E0'358Dull,
      0xE780'D721'F698'E1E6ull, 0x280C'0B6F'753D'833Bull, 0x1B94'2DD5'0231'56ABull,
      0x43F0'DF3F'CCCB'8398ull, 0xE8E8'1905'8548'9025ull, 0x56BD'BF72'F77A'DA22ull,
      0x7911'C32B'F9DC'D705ull, 0xEC46'7926'508F'BE67ull, 0x6A50'450D'DF85'A6EDull};
  std::vector<uint8_t> input(96);
  for (uint64_t i = 0; i < 12; ++i) std::memcpy(input.data() + 8 * i, &i, 8);
  std::vector<uint8_t> expected(96);
  std::memcpy(expected.data(), kExpected, 96);
  const uint32_t state = abi::kInputPayload;
  std::vector<uint32_t> code;
  Poseidon2Call(code, state);
  WriteStateAndHalt(code, state);
  const Program program = CodeProgram(code);
  const executor::MachineState run = Execute(program, input);
  ASSERT_EQ(run.status, executor::RunStatus::kHalted) << executor::DescribeTrap(run.trap);
  EXPECT_EQ(run.exit_code, 0u);
  EXPECT_EQ(run.public_output, expected);
  ProvesAndVerifies(program, input, expected);
}

TEST(Poseidon2ProgramTest, StateOnTheStackWithTheLargestElementPermutedTwice) {
  // Stores a few words into a stack buffer (the rest is zero): element 1 is p - 1 (lo = 0,
  // hi = 0xFFFF_FFFF, the one canonical element with hi = 0xFFFF_FFFF).
  const uint32_t state = abi::kStackTop - 0x400;
  std::vector<uint8_t> bytes(96, 0);
  std::vector<uint32_t> code;
  Li(code, 5, state);
  const uint32_t words[][2] = {{0, 0x01234567}, {4, 0x89abcdef}, {12, 0xffffffff}, {92, 7}};
  for (const auto& [offset, value] : words) {
    Li(code, 6, value);
    code.push_back(S(Opcode::kSw, 6, 5, static_cast<int32_t>(offset)));
    std::memcpy(&bytes[offset], &value, 4);
  }
  Poseidon2Call(code, state);
  Poseidon2Call(code, state);
  WriteStateAndHalt(code, state);
  const Program program = CodeProgram(code);
  const std::vector<uint8_t> expected = Permuted(bytes, 2);
  EXPECT_EQ(Execute(program, {}).public_output, expected);
  ProvesAndVerifies(program, {}, expected);
}

TEST(Poseidon2ProgramTest, BadStatesTrapWithAClearMessageAndCannotBeProved) {
  std::vector<uint8_t> input(96, 0);
  const uint64_t p = Felt::kModulus;
  std::memcpy(input.data() + 8 * 5, &p, 8);  // element 5 of the state at the payload is p
  const struct {
    uint32_t a0;
    const char* says;
  } cases[] = {
      {abi::kInputPayload + 4, "is not 8-byte aligned"},
      {0x8, "is not inside writable memory"},
      {abi::kReservedBase - 88, "is not inside writable memory"},
      {0x10000, "is not inside writable memory"},  // the executable range
      {abi::kInputPayload, "input element 5 at 0xc0000038"},
  };
  for (const auto& c : cases) {
    std::vector<uint32_t> code;
    Poseidon2Call(code, c.a0);
    WriteStateAndHalt(code, c.a0);
    const Program program = CodeProgram(code);
    const executor::MachineState run = Execute(program, input);
    ASSERT_EQ(run.status, executor::RunStatus::kTrapped);
    const std::string message = executor::DescribeTrap(run.trap);
    EXPECT_NE(message.find(c.says), std::string::npos) << message;
    EXPECT_NE(message.find(fmt::format("{:#x}", c.a0)), std::string::npos) << message;
    Result<std::vector<uint8_t>> proof = Prove(program, input, TestConfig());
    ASSERT_FALSE(proof.ok());
    EXPECT_NE(proof.error().message.find(c.says), std::string::npos) << proof.error().message;
  }
}

}  // namespace
}  // namespace zkvm::prover
