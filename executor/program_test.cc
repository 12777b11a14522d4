// The ELF loader's validation: every malformed or unsupported file is rejected with a message
// that names what is wrong and where; a good file loads with its segments, entry and symbols.
#include "executor/program.h"

#include <gtest/gtest.h>

#include <cstring>

#include "testing/elf_builder.h"

namespace zkvm::executor {
namespace {

using testing::BuildElf;
using testing::ElfSpec;

ElfSpec GoodSpec() {
  ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes({0x00000013, 0x00000073}), 0, 5});
  spec.segments.push_back({0x11000, {1, 2, 3, 4}, 0x2000, 6});
  return spec;
}

void ExpectRejected(const std::vector<uint8_t>& bytes, const std::string& message_part) {
  auto result = LoadElf(bytes, "test.elf");
  ASSERT_FALSE(result.ok()) << "accepted; expected error containing: " << message_part;
  EXPECT_NE(result.error().message.find(message_part), std::string::npos)
      << "message: " << result.error().message << "\nexpected to contain: " << message_part;
  EXPECT_EQ(result.error().message.rfind("test.elf", 0), 0u) << result.error().message;
}

TEST(ProgramTest, LoadsAGoodElf) {
  auto program = LoadElf(BuildElf(GoodSpec()));
  ASSERT_TRUE(program.ok()) << program.error().message;
  EXPECT_EQ(program->entry, 0x10000u);
  EXPECT_EQ(program->text_begin, 0x10000u);
  EXPECT_EQ(program->text_end, 0x10008u);
  ASSERT_EQ(program->segments.size(), 2u);
  EXPECT_EQ(program->segments[1].mem_size, 0x2000u);
  EXPECT_EQ(program->decoded[0].opcode, Opcode::kAddi);
  EXPECT_EQ(program->decoded[1].opcode, Opcode::kEcall);
}

TEST(ProgramTest, RejectsNonElfAndTruncatedFiles) {
  ExpectRejected({}, "not an ELF file");
  ExpectRejected({'M', 'Z', 0, 0}, "not an ELF file");
  std::vector<uint8_t> good = BuildElf(GoodSpec());
  ExpectRejected(std::vector<uint8_t>(good.begin(), good.begin() + 20), "truncated ELF header");
  // Cut inside the program header table.
  ExpectRejected(std::vector<uint8_t>(good.begin(), good.begin() + 60), "program header table");
  // Cut inside the first segment's bytes.
  const size_t cut = good.size() - 6;
  ExpectRejected(std::vector<uint8_t>(good.begin(), good.begin() + static_cast<long>(cut)),
                 "exceeds the file size");
}

TEST(ProgramTest, RejectsWrongClassEncodingMachineTypeAndFlags) {
  ElfSpec spec = GoodSpec();
  spec.elf_class = 2;
  ExpectRejected(BuildElf(spec), "ELFCLASS64 is not ELFCLASS32");
  spec = GoodSpec();
  spec.data_encoding = 2;
  ExpectRejected(BuildElf(spec), "not a little-endian ELF");
  spec = GoodSpec();
  spec.machine = 62;  // EM_X86_64
  ExpectRejected(BuildElf(spec), "e_machine is 62, not EM_RISCV");
  spec = GoodSpec();
  spec.type = 3;  // ET_DYN
  ExpectRejected(BuildElf(spec), "e_type is 3, not ET_EXEC");
  spec = GoodSpec();
  spec.flags = 0x1;
  ExpectRejected(BuildElf(spec), "C extension");
  spec = GoodSpec();
  spec.flags = 0x4;
  ExpectRejected(BuildElf(spec), "hard-float ABI");
  spec = GoodSpec();
  spec.flags = 0x8;
  ExpectRejected(BuildElf(spec), "RVE");
}

TEST(ProgramTest, RejectsBadSegments) {
  ElfSpec spec = GoodSpec();
  spec.segments[0].vaddr = 0x8000;
  spec.entry = 0x8000;
  ExpectRejected(BuildElf(spec), "segment 0 (vaddr 0x8000, memsz 0x8): lies in the unmapped guard");

  spec = GoodSpec();
  spec.segments[1].vaddr = 0xBEFFF000;
  spec.segments[1].mem_size = 0x10000;
  ExpectRejected(BuildElf(spec), "past 0xbf000000 where the stack begins");

  spec = GoodSpec();
  spec.segments[1].vaddr = 0xC0000000;
  ExpectRejected(BuildElf(spec), "the private input region");

  spec = GoodSpec();
  spec.segments[1].vaddr = 0xF0000000;
  ExpectRejected(BuildElf(spec), "the reserved region");

  spec = GoodSpec();
  spec.segments[1].vaddr = 0x10004;
  ExpectRejected(BuildElf(spec), "overlap");

  spec = GoodSpec();
  spec.segments[1].vaddr = 0x11000;
  spec.segments[1].mem_size = 0xffffffff;  // huge: wraps the 32-bit space
  ExpectRejected(BuildElf(spec), "past 0xe0000000 where the reserved region begins");

  spec = GoodSpec();
  spec.segments[0].flags = 6;  // no executable segment
  ExpectRejected(BuildElf(spec), "no executable segment");

  spec = GoodSpec();
  spec.segments.clear();
  ExpectRejected(BuildElf(spec), "no loadable segments");

  spec = GoodSpec();
  spec.segments.pop_back();
  spec.segments[0].mem_size = 0x08000000;  // 128 MiB of text
  ExpectRejected(BuildElf(spec), "larger than 64 MiB");
}

TEST(ProgramTest, RejectsFileSizeLargerThanMemorySize) {
  std::vector<uint8_t> bytes = BuildElf(GoodSpec());
  // Patch segment 1's p_memsz (phdr 1 at 52 + 32, field at +20) below its p_filesz.
  const uint32_t memsz = 2;
  std::memcpy(bytes.data() + 52 + 32 + 20, &memsz, 4);
  ExpectRejected(bytes, "p_filesz 0x4 exceeds p_memsz");
}

TEST(ProgramTest, RejectsBadEntryPoints) {
  ElfSpec spec = GoodSpec();
  spec.entry = 0x10002;
  ExpectRejected(BuildElf(spec), "entry point 0x10002");
  spec.entry = 0x11000;  // in the data segment
  ExpectRejected(BuildElf(spec),
                 "entry point 0x11000 is not a 4-aligned address in the "
                 "executable range [0x10000, 0x10008)");
}

TEST(ProgramTest, RejectsDynamicAndTlsSegments) {
  std::vector<uint8_t> bytes = BuildElf(GoodSpec());
  const uint32_t pt_dynamic = 2, pt_tls = 7;
  std::vector<uint8_t> dynamic = bytes;
  std::memcpy(dynamic.data() + 52 + 32, &pt_dynamic, 4);
  ExpectRejected(dynamic, "dynamic linking is not supported");
  std::vector<uint8_t> tls = bytes;
  std::memcpy(tls.data() + 52 + 32, &pt_tls, 4);
  ExpectRejected(tls, "TLS is not supported");
}

TEST(ProgramTest, ReadFileNamesTheMissingPath) {
  auto r = LoadElfFile("/nonexistent/guest.elf");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "cannot open /nonexistent/guest.elf: No such file or directory");
}

TEST(ProgramTest, ShortensFunctionNames) {
  EXPECT_EQ(ShortFunctionName("main"), "main");
  EXPECT_EQ(ShortFunctionName("std::vector<int, std::allocator<int> >::push_back(int const&)"),
            "std::vector<...>::push_back(int const&)");
  EXPECT_EQ(ShortFunctionName("bool std::operator<< <char>(std::basic_string<char> const&)"),
            "bool std::operator<< <...>(std::basic_string<...> const&)");
  EXPECT_EQ(ShortFunctionName("bool operator<(A const&, A const&)"),
            "bool operator<(A const&, A const&)");
  EXPECT_EQ(ShortFunctionName("Foo::operator->() const"), "Foo::operator->() const");
  EXPECT_EQ(ShortFunctionName("a::b(" + std::string(70, 'x') + ")"), "a::b(...)");
  EXPECT_EQ(ShortFunctionName("void f<g<1> >(int)"), "void f<...>(int)");
}

}  // namespace
}  // namespace zkvm::executor
