// The freestanding crypto headers inside the VM: the crypto_kat guest (rv32im, no 128-bit
// integers, SHA3 through the KECCAK_F1600 precompile) must commit exactly the bytes the host
// computes with the same code.
#include <gtest/gtest.h>

#include "crypto/hash/keccak.h"
#include "executor/executor.h"
#include "testing/crypto_kat.h"
#include "testing/guests.h"

namespace zkvm {
namespace {

TEST(CryptoGuestTest, GuestComputesTheHostsKnownAnswers) {
  const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, "crypto_kat");
  auto program = executor::LoadElfFile(g.elf);
  ASSERT_TRUE(program.ok()) << program.error().message;
  auto ex = executor::Executor::Create(*program, {});
  ASSERT_TRUE(ex.ok());
  const executor::MachineState& st = ex->Run({.max_cycles = 100'000'000});
  ASSERT_EQ(st.status, executor::RunStatus::kHalted) << executor::DescribeTrap(st.trap);
  ASSERT_EQ(st.exit_code, 0u);

  std::vector<uint8_t> expected(kat::kOutputBytes);
  kat::Compute<crypto::KeccakF1600Software>(expected.data());
  EXPECT_EQ(st.public_output, expected);
  EXPECT_GT(st.syscalls.keccak_f1600, 0u);
  std::printf("crypto_kat: %llu cycles, %llu precompile calls, %zu bytes identical to the host\n",
              static_cast<unsigned long long>(st.cycle),
              static_cast<unsigned long long>(st.syscalls.keccak_f1600), expected.size());
}

}  // namespace
}  // namespace zkvm
