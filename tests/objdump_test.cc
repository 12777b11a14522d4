// The disassembler against GNU objdump (riscv64-linux-gnu-objdump, Debian binutils): every
// instruction of every guest ELF, with and without pseudo-instructions, and the code of
// generated programs (which cover every encoding) must print identically. objdump's trailing
// annotations (" <symbol+off>" and "# address" comments from its register tracking) are
// stripped from both sides.
#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <sstream>
#include <string>

#include "executor/disassembler.h"
#include "executor/program.h"
#include "tests/support/elf_builder.h"
#include "tests/support/guests.h"
#include "tests/support/program_generator.h"
#include "tests/support/subprocess.h"

namespace zkvm {
namespace {

std::string StripAnnotations(std::string s) {
  for (const char* marker : {" <", " #", "\t#"}) {
    const size_t at = s.find(marker);
    if (at != std::string::npos) s.resize(at);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

struct Compared {
  size_t lines = 0;
  size_t mismatches = 0;
};

// Compares every instruction line of `objdump_output` with our disassembly of the same word.
Compared CompareListing(const std::string& objdump_output, bool aliases, const std::string& what,
                        const executor::Program* program = nullptr) {
  static const std::regex kLine(R"(^\s*([0-9a-f]+):\t([0-9a-f]{8})\s+\t(.*)$)");
  executor::DisassemblyOptions options;
  options.aliases = aliases;
  if (program != nullptr) {
    options.symbolize = [program](uint32_t a) { return program->SymbolizeAddress(a); };
  }
  Compared c;
  std::istringstream in(objdump_output);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (!std::regex_match(line, m, kLine)) continue;
    const uint32_t pc = static_cast<uint32_t>(std::stoul(m[1], nullptr, 16));
    const uint32_t word = static_cast<uint32_t>(std::stoul(m[2], nullptr, 16));
    const std::string theirs = StripAnnotations(m[3]);
    const std::string ours = StripAnnotations(executor::Disassemble(word, pc, options));
    ++c.lines;
    if (theirs != ours) {
      if (++c.mismatches <= 10) {
        ADD_FAILURE() << what << " at " << std::hex << pc << " word " << word << ": objdump '"
                      << theirs << "' vs zkvm '" << ours << "'";
      }
    }
  }
  return c;
}

TEST(ObjdumpTest, EveryGuestElfDisassemblesLikeObjdump) {
  const auto guests = testing::ListGuests(ZKVM_GUEST_DIR);
  ASSERT_FALSE(guests.empty());
  for (const testing::GuestInfo& g : guests) {
    auto program = executor::LoadElfFile(g.elf);
    ASSERT_TRUE(program.ok()) << program.error().message;
    for (bool aliases : {true, false}) {
      const std::string cmd = std::string("riscv64-linux-gnu-objdump -d ") +
                              (aliases ? "" : "-M no-aliases ") + testing::ShellQuote(g.elf);
      const auto r = testing::RunCommand(cmd);
      ASSERT_EQ(r.exit_status, 0) << cmd;
      const Compared c = CompareListing(r.out, aliases, g.name, &*program);
      EXPECT_GT(c.lines, 10u) << g.name;
      EXPECT_EQ(c.mismatches, 0u) << g.name;
      std::printf("%-20s %s: %zu instructions identical\n", g.name.c_str(),
                  aliases ? "aliases   " : "no-aliases", c.lines - c.mismatches);
    }
  }
}

TEST(ObjdumpTest, GeneratedCodeDisassemblesLikeObjdump) {
  // 200 generated programs' code back to back, as a raw rv32 binary.
  std::vector<uint32_t> code;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const auto p = testing::GenerateProgram(seed);
    code.insert(code.end(), p.code.begin(), p.code.end());
  }
  const std::string path =
      ::testing::TempDir() + "zkvm_objdump_" + std::to_string(getpid()) + ".bin";
  ASSERT_TRUE(testing::WriteFileBytes(path, testing::WordBytes(code)));
  for (bool aliases : {true, false}) {
    const std::string cmd =
        std::string("riscv64-linux-gnu-objdump -D -b binary -m riscv:rv32 --adjust-vma=0x10000 ") +
        (aliases ? "" : "-M no-aliases ") + testing::ShellQuote(path);
    const auto r = testing::RunCommand(cmd);
    ASSERT_EQ(r.exit_status, 0) << cmd;
    const Compared c = CompareListing(r.out, aliases, "generated code");
    EXPECT_EQ(c.lines, code.size());
    EXPECT_EQ(c.mismatches, 0u);
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace zkvm
