// Differential testing of the executor against qemu-riscv32 (Debian qemu-user): random RV32IM
// programs (testing/program_generator.h) and every guest in guests/ must produce the
// same public output (for generated programs: all registers and the data segment) and the
// same exit code. ZKVM_DIFF_PROGRAMS sets how many programs to generate (default 300; the slow
// suite runs 10,000); ZKVM_DIFF_SEED the first seed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "base/file_io.h"
#include "executor/decoder.h"
#include "executor/executor.h"
#include "testing/elf_builder.h"
#include "testing/guests.h"
#include "testing/program_generator.h"
#include "testing/subprocess.h"

namespace zkvm {
namespace {

using executor::Executor;
using executor::RunStatus;

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 0) : fallback;
}

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "zkvm_" + std::to_string(getpid()) + "_" + name;
}

struct Outcome {
  std::string output;
  int exit_code = -1;
  std::string problem;  // non-empty if the run did not halt
};

Outcome RunExecutor(const std::vector<uint8_t>& elf, const std::vector<uint8_t>& input) {
  Outcome o;
  auto program = executor::LoadElf(elf);
  if (!program) return {"", -1, program.error().message};
  auto ex = Executor::Create(*program, input);
  if (!ex) return {"", -1, ex.error().message};
  const auto& st = ex->Run({.max_cycles = 2'000'000'000});
  if (st.status == RunStatus::kTrapped) return {"", -1, executor::DescribeTrap(st.trap)};
  if (st.status != RunStatus::kHalted) return {"", -1, "did not halt"};
  o.output.assign(st.public_output.begin(), st.public_output.end());
  o.exit_code = static_cast<int>(st.exit_code & 0xff);  // a process exit status has 8 bits
  return o;
}

Outcome RunQemu(const std::string& path) {
  auto r = testing::RunCommand("qemu-riscv32 " + testing::ShellQuote(path) + " 2>/dev/null");
  return {r.out, r.exit_status, ""};
}

std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const size_t data = testing::GeneratedProgram::kDataSize;
  if (i >= data && i < data + testing::GeneratedProgram::kDumpSize) {
    return "register x" + std::to_string((i - data) / 4);
  }
  return "output byte " + std::to_string(i) + " (sizes " + std::to_string(a.size()) + " and " +
         std::to_string(b.size()) + ")";
}

TEST(QemuDiffTest, GeneratedProgramsMatchQemu) {
  const uint64_t count = EnvOr("ZKVM_DIFF_PROGRAMS", 300);
  const uint64_t first_seed = EnvOr("ZKVM_DIFF_SEED", 1);
  std::printf("programs: %llu, seeds %llu..%llu\n", static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(first_seed),
              static_cast<unsigned long long>(first_seed + count - 1));
  const std::string path = TempPath("generated.elf");
  int failures = 0;
  std::vector<uint64_t> generated_per_opcode(executor::kNumOpcodes + 1, 0);
  for (uint64_t seed = first_seed; seed < first_seed + count && failures < 5; ++seed) {
    testing::GeneratedProgram p = testing::GenerateProgram(seed);
    for (uint32_t word : p.code) {
      generated_per_opcode[static_cast<size_t>(executor::Decode(word).opcode)]++;
    }
    ASSERT_TRUE(testing::WriteFileBytes(path, p.elf, /*executable=*/true));
    const Outcome ours = RunExecutor(p.elf, {});
    const Outcome qemu = RunQemu(path);
    ASSERT_EQ(qemu.output.size(),
              testing::GeneratedProgram::kDataSize + testing::GeneratedProgram::kDumpSize)
        << "qemu-riscv32 did not run seed " << seed << " (is qemu-user installed?)";
    if (!ours.problem.empty() || ours.output != qemu.output || ours.exit_code != qemu.exit_code) {
      ++failures;
      ADD_FAILURE() << "seed " << seed << ": "
                    << (!ours.problem.empty() ? "zkvm: " + ours.problem
                        : ours.output != qemu.output
                            ? "differs at " + FirstDifference(ours.output, qemu.output)
                            : "exit code " + std::to_string(ours.exit_code) + " vs qemu " +
                                  std::to_string(qemu.exit_code));
    }
  }
  std::remove(path.c_str());
  // The generator must cover every instruction but EBREAK (which traps, unit-tested).
  for (const executor::IsaEntry& e : executor::kIsaTable) {
    if (e.opcode == executor::Opcode::kEbreak) continue;
    EXPECT_GT(generated_per_opcode[static_cast<size_t>(e.opcode)], 0u)
        << e.mnemonic << " never generated";
  }
  EXPECT_EQ(generated_per_opcode[static_cast<size_t>(executor::Opcode::kIllegal)], 0u);
}

TEST(QemuDiffTest, EveryGuestMatchesQemu) {
  const auto guests = testing::ListGuests(ZKVM_GUEST_DIR);
  ASSERT_FALSE(guests.empty());
  for (const testing::GuestInfo& g : guests) {
    auto elf = ReadFile(g.elf);
    auto input = ReadFile(g.input);
    ASSERT_TRUE(elf.ok() && input.ok()) << g.name;
    const Outcome ours = RunExecutor(*elf, *input);
    const Outcome qemu = RunQemu(g.qemu_elf);
    EXPECT_EQ(ours.problem, "") << g.name;
    EXPECT_FALSE(ours.output.empty()) << g.name << " commits nothing";
    EXPECT_EQ(ours.output, qemu.output) << g.name;
    EXPECT_EQ(ours.exit_code, qemu.exit_code) << g.name;
    EXPECT_EQ(ours.exit_code, 0) << g.name;
    std::printf("%-20s output %zu bytes, exit %d: identical to qemu\n", g.name.c_str(),
                ours.output.size(), ours.exit_code);
  }
}

}  // namespace
}  // namespace zkvm
