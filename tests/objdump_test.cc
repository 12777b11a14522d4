// The disassembler against GNU objdump (riscv64-linux-gnu-objdump, Debian binutils): every
// instruction of every guest ELF, with and without pseudo-instructions, and the code of
// generated programs (which cover every encoding) must print identically. objdump's trailing
// annotations (" <symbol+off>" and "# address" comments from its register tracking) are
// stripped from both sides.
#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>
#include <string>

#include "executor/disassembler.h"
#include "executor/program.h"
#include "testing/elf_builder.h"
#include "testing/guests.h"
#include "testing/program_generator.h"
#include "testing/subprocess.h"

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

// Splits an objdump instruction line "   10074:\t00a50533          \tadd\ta0,a0,a0" into
// address, word and text; false for any other line.
bool ParseLine(const std::string& line, uint32_t& pc, uint32_t& word, std::string& text) {
  size_t i = line.find_first_not_of(' ');
  const size_t colon = line.find(":\t", i == std::string::npos ? 0 : i);
  if (i == std::string::npos || colon == std::string::npos || colon == i) return false;
  const std::string address = line.substr(i, colon - i);
  if (address.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  const size_t word_at = colon + 2;
  if (line.size() < word_at + 8) return false;
  const std::string hex = line.substr(word_at, 8);
  if (hex.find_first_not_of("0123456789abcdef") != std::string::npos) return false;
  const size_t tab = line.find('\t', word_at + 8);
  if (tab == std::string::npos || line.find_first_not_of(' ', word_at + 8) != tab) return false;
  pc = static_cast<uint32_t>(std::stoul(address, nullptr, 16));
  word = static_cast<uint32_t>(std::stoul(hex, nullptr, 16));
  text = line.substr(tab + 1);
  return true;
}

struct Compared {
  size_t lines = 0;
  size_t mismatches = 0;
};

// Compares every instruction line of `objdump_output` with our disassembly of the same word.
Compared CompareListing(const std::string& objdump_output, bool aliases, const std::string& what,
                        const executor::Program* program = nullptr) {
  executor::DisassemblyOptions options;
  options.aliases = aliases;
  if (program != nullptr) {
    options.symbolize = [program](uint32_t a) { return program->SymbolizeAddress(a); };
  }
  Compared c;
  std::istringstream in(objdump_output);
  std::string line, text;
  uint32_t pc = 0, word = 0;
  while (std::getline(in, line)) {
    if (!ParseLine(line, pc, word, text)) continue;
    const std::string theirs = StripAnnotations(text);
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
