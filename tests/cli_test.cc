// The `zkvm` command line as a user meets it: good runs print results; every kind of bad input
// (flags, missing or malformed ELF, wrong class, bad segments, oversized input) gives one clear
// line on stderr and a documented non-zero exit status; guest traps and cycle limits are
// reported with their own status.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "testing/elf_builder.h"
#include "testing/encoder.h"
#include "testing/guests.h"
#include "testing/subprocess.h"

namespace zkvm {
namespace {

const std::string kZkvm = std::string(ZKVM_BINARY_DIR) + "/zkvm";

struct Cli {
  std::string out;
  std::string err;
  int status;
};

Cli RunZkvm(const std::string& args) {
  const std::string err_path =
      ::testing::TempDir() + "zkvm_cli_err_" + std::to_string(getpid()) + ".txt";
  auto r = testing::RunCommand(kZkvm + " " + args + " 2>" + testing::ShellQuote(err_path));
  std::ifstream in(err_path);
  std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(err_path.c_str());
  return {r.out, err, r.exit_status};
}

std::string Temp(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path =
      ::testing::TempDir() + "zkvm_cli_" + std::to_string(getpid()) + "_" + name;
  EXPECT_TRUE(testing::WriteFileBytes(path, bytes));
  return path;
}

// One line on stderr, starting "zkvm: ", containing `part`; exit status `status`.
void ExpectError(const Cli& r, int status, const std::string& part) {
  EXPECT_EQ(r.status, status) << r.err;
  EXPECT_EQ(r.err.rfind("zkvm: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(part), std::string::npos) << "stderr: " << r.err << "expected: " << part;
}

TEST(CliTest, RejectsBadUsage) {
  ExpectError(RunZkvm(""), 2, "A subcommand is required");
  ExpectError(RunZkvm("frobnicate"), 2, "frobnicate");
  ExpectError(RunZkvm("execute"), 2, "elf is required");
  ExpectError(RunZkvm("execute x.elf --bogus"), 2, "--bogus");
  ExpectError(RunZkvm("execute x.elf --max-cycles lots"), 2, "--max-cycles");
  ExpectError(RunZkvm("profile x.elf --top 0"), 2, "--top");
  const Cli help = RunZkvm("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("execute"), std::string::npos);
}

TEST(CliTest, PrintsItsVersion) {
  const Cli r = RunZkvm("--version");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("zkvm ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("proof format"), std::string::npos) << r.out;
}

// An unwritable destination is refused before any work: nothing is executed or proved, and
// nothing is written.
TEST(CliTest, ChecksTheOutputPathFirst) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const std::string dir = ::testing::TempDir() + "zkvm_cli_out_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  for (const std::string& command :
       {"prove " + hello.elf + " --input " + hello.input + " --insecure -o ",
        "execute " + hello.elf + " --input " + hello.input + " --output ",
        "vk " + hello.elf + " -o "}) {
    const Cli missing = RunZkvm(command + dir + "/missing/out.bin");
    ExpectError(missing, 2, "cannot write " + dir + "/missing/out.bin: No such file or directory");
    EXPECT_EQ(missing.out, "") << command;  // refused before the run
    ExpectError(RunZkvm(command + dir), 2, "cannot write " + dir + ": Is a directory");
  }
  const Cli vk = RunZkvm("vk " + hello.elf + " -o " + dir + "/hello.vk");
  EXPECT_EQ(vk.status, 0) << vk.err;
  EXPECT_NE(vk.out.find("verifying key: 96 bytes written to " + dir + "/hello.vk"),
            std::string::npos)
      << vk.out;
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // hello.vk, and no temporary files
  std::filesystem::remove_all(dir);
}

TEST(CliTest, RejectsBadElfFiles) {
  ExpectError(RunZkvm("execute /nonexistent/x.elf"), 2,
              "cannot open /nonexistent/x.elf: No such file or directory");
  ExpectError(RunZkvm("execute " + Temp("junk.elf", {1, 2, 3, 4, 5})), 2, "not an ELF file");
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes({0x00000013}), 0, 5});
  spec.elf_class = 2;
  ExpectError(RunZkvm("execute " + Temp("64.elf", testing::BuildElf(spec))), 2,
              "ELFCLASS64 is not ELFCLASS32");
  spec.elf_class = 1;
  spec.machine = 62;
  ExpectError(RunZkvm("disasm " + Temp("x86.elf", testing::BuildElf(spec))), 2, "not EM_RISCV");
  spec.machine = 243;
  spec.segments.push_back({0xC0000000, {1, 2, 3}, 0, 6});
  ExpectError(RunZkvm("profile " + Temp("input_region.elf", testing::BuildElf(spec))), 2,
              "segment 1 (vaddr 0xc0000000, memsz 0x3): ends at 0xc0000003, past 0xc0000000 "
              "where the private input region begins");
  std::vector<uint8_t> good = testing::BuildCodeElf({0x00000013});
  good.resize(good.size() - 2);
  ExpectError(RunZkvm("execute " + Temp("truncated.elf", good)), 2, "exceeds the file size");
}

TEST(CliTest, RejectsOversizedAndMissingInput) {
  const std::string elf = Temp("ok.elf", testing::BuildCodeElf({0x00000013}));
  ExpectError(RunZkvm("execute " + elf + " --input /nonexistent/in.bin"), 2,
              "private input: cannot open /nonexistent/in.bin");
  const std::string big = ::testing::TempDir() + "zkvm_cli_big_" + std::to_string(getpid());
  { std::ofstream(big).put('x'); }
  std::filesystem::resize_file(big, (512u << 20) - 16 + 1);  // sparse: one byte too many
  ExpectError(RunZkvm("execute " + elf + " --input " + big), 2,
              "is 536870897 bytes, more than the 536870896 bytes allowed");
  std::remove(big.c_str());
}

TEST(CliTest, ReportsTrapsAndCycleLimits) {
  ExpectError(RunZkvm("execute " + Temp("illegal.elf", testing::BuildCodeElf({0xffffffffu}))), 3,
              "guest trapped: illegal instruction 0xffffffff at pc 0x10000");
  const std::string loop = Temp("loop.elf", testing::BuildCodeElf({testing::J(0, 0)}));
  ExpectError(RunZkvm("execute " + loop + " --max-cycles 1000"), 4,
              "cycle limit of 1000 reached at pc 0x10000");
}

TEST(CliTest, ExecutesDisassemblesAndProfilesAGuest) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const Cli run = RunZkvm("execute " + hello.elf + " --stats");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("exit code: 0\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("public output ("), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("MIPS"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("syscalls: halt 1"), std::string::npos) << run.out;
  EXPECT_FALSE(run.err.empty());  // the guest's debug print

  const std::string out_file = ::testing::TempDir() + "zkvm_cli_out_" + std::to_string(getpid());
  const Cli to_file = RunZkvm("execute " + hello.elf + " --output " + out_file);
  EXPECT_EQ(to_file.status, 0);
  EXPECT_GT(std::filesystem::file_size(out_file), 0u);
  std::remove(out_file.c_str());

  const Cli disasm = RunZkvm("disasm " + hello.elf);
  EXPECT_EQ(disasm.status, 0);
  EXPECT_NE(disasm.out.find("<_start>:"), std::string::npos);
  EXPECT_NE(disasm.out.find("ecall"), std::string::npos);

  const testing::GuestInfo fib = testing::FindGuest(ZKVM_GUEST_DIR, "fibonacci");
  const Cli profile = RunZkvm("profile " + fib.elf + " --input " + fib.input + " --top 5");
  EXPECT_EQ(profile.status, 0) << profile.err;
  EXPECT_NE(profile.out.find("total cycles: "), std::string::npos) << profile.out;
  EXPECT_NE(profile.out.find("functions overall:"), std::string::npos) << profile.out;
  EXPECT_NE(profile.out.find("%  main\n"), std::string::npos) << profile.out;
  EXPECT_NE(profile.out.find("%  zkvm::PrivateInput()\n"), std::string::npos) << profile.out;
}

// prove -> recursion-blob -> the recursion guest, and the profile of its verifier steps.
TEST(CliTest, RecursionBlobAndProfile) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const testing::GuestInfo guest = testing::FindGuest(ZKVM_GUEST_DIR, "recursion_test");
  const std::string dir = ::testing::TempDir() + "zkvm_cli_rec_" + std::to_string(getpid());
  const Cli prove = RunZkvm("prove " + hello.elf + " --input " + hello.input + " --insecure -o " +
                            dir + ".proof");
  ASSERT_EQ(prove.status, 0) << prove.err;
  // The blob rests on a natively verified proof, under verify's rules: the insecure preset only
  // when asked for, and no blob file otherwise.
  ExpectError(RunZkvm("recursion-blob " + dir + ".proof " + hello.elf + " -o " + dir + ".blob"), 6,
              "--allow-insecure");
  EXPECT_FALSE(std::filesystem::exists(dir + ".blob"));
  const Cli blob = RunZkvm("recursion-blob " + dir + ".proof " + hello.elf + " -o " + dir +
                           ".blob --allow-insecure");
  ASSERT_EQ(blob.status, 0) << blob.err;
  EXPECT_EQ(blob.out.rfind("INSECURE: ", 0), 0u) << blob.out;
  EXPECT_NE(blob.out.find("recursion blob: "), std::string::npos) << blob.out;
  const Cli run = RunZkvm("execute " + guest.elf + " --input " + dir + ".blob");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("exit code: 0\n"), std::string::npos) << run.out;
  const Cli profile = RunZkvm("profile " + guest.elf + " --input " + dir + ".blob --top 3");
  EXPECT_EQ(profile.status, 0) << profile.err;
  for (const char* step : {"step    1", "step    2", "step    3", "step    4", "step    5"}) {
    EXPECT_NE(profile.out.find(step), std::string::npos) << step << "\n" << profile.out;
  }
  // A proof that does not verify gets no blob; the program must be the proved one.
  const std::string junk = Temp("junk.proof", {'Z', 'K', 'V', 'M', 0, 0});
  ExpectError(RunZkvm("recursion-blob " + junk + " " + hello.elf + " -o " + dir +
                      ".blob2 --allow-insecure"),
              6, "invalid proof");
  const testing::GuestInfo fib = testing::FindGuest(ZKVM_GUEST_DIR, "fibonacci");
  ExpectError(RunZkvm("recursion-blob " + dir + ".proof " + fib.elf + " -o " + dir +
                      ".blob2 --allow-insecure"),
              6, "another program");
  EXPECT_FALSE(std::filesystem::exists(dir + ".blob2"));
  for (const char* ext : {".proof", ".blob"}) std::remove((dir + ext).c_str());
  std::remove(junk.c_str());
}

// `verify` accepts what the verifier chooses: options that reach 100 provable bits for the
// proof's statement, the options --blowup or a vk file pins, and the insecure test preset only
// with --allow-insecure, which the output then states on its first line.
TEST(CliTest, VerifyChoosesTheOptions) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const std::string dir = ::testing::TempDir() + "zkvm_cli_verify_" + std::to_string(getpid());
  const std::string insecure = dir + ".insecure.proof", secure = dir + ".proof";
  ASSERT_EQ(RunZkvm("prove " + hello.elf + " --input " + hello.input + " --insecure -o " + insecure)
                .status,
            0);
  const Cli refused = RunZkvm("verify " + insecure + " " + hello.elf);
  ExpectError(refused, 6, "preset insecure-test: blowup 2, 4 queries");
  EXPECT_NE(refused.err.find("bits of provable security"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--allow-insecure"), std::string::npos) << refused.err;
  EXPECT_TRUE(refused.out.empty()) << refused.out;

  const Cli allowed = RunZkvm("verify " + insecure + " " + hello.elf + " --allow-insecure");
  EXPECT_EQ(allowed.status, 0) << allowed.err;
  EXPECT_EQ(allowed.out.rfind("INSECURE: accepted at the insecure test preset (", 0), 0u)
      << allowed.out;
  EXPECT_NE(allowed.out.find("\nvalid proof ("), std::string::npos) << allowed.out;
  EXPECT_NE(allowed.out.find("\noptions: preset insecure-test: blowup 2, 4 queries"),
            std::string::npos)
      << allowed.out;
  // A pin is checked before anything else: the default preset is not the insecure one.
  ExpectError(RunZkvm("verify " + insecure + " " + hello.elf + " --allow-insecure --blowup 2"), 6,
              "not the required preset default");
  ExpectError(RunZkvm("verify " + insecure + " " + hello.elf + " --blowup 3"), 2,
              "--blowup 3: must be 2, 4, 8 or 16");

  // A vk file made for the insecure preset does not make its proofs acceptable on its own.
  const std::string vk = dir + ".vk";
  ASSERT_EQ(RunZkvm("vk " + hello.elf + " --insecure -o " + vk).status, 0);
  ExpectError(RunZkvm("verify " + insecure + " " + vk), 6, "insecure test preset");
  EXPECT_EQ(RunZkvm("verify " + insecure + " " + vk + " --allow-insecure").status, 0);
  std::vector<uint8_t> bad_vk = {'Z', 'K', 'V', 'K', 1, 2, 3};
  const std::string bad_vk_path = Temp("bad.vk", bad_vk);
  ExpectError(RunZkvm("verify " + insecure + " " + bad_vk_path), 2, "not a valid verifying key");

  // The default preset: accepted with its options and bits beside the program digest.
  ASSERT_EQ(RunZkvm("prove " + hello.elf + " --input " + hello.input + " -o " + secure).status, 0);
  const Cli ok = RunZkvm("verify " + secure + " " + hello.elf);
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_EQ(ok.out.rfind("valid proof (", 0), 0u) << ok.out;
  EXPECT_NE(ok.out.find("\nprogram: "), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("\noptions: preset default: blowup 2, 182 queries"), std::string::npos)
      << ok.out;
  EXPECT_NE(ok.out.find(" provable bits for this statement (at least 100 required)\n"),
            std::string::npos)
      << ok.out;
  EXPECT_EQ(RunZkvm("verify " + secure + " " + hello.elf + " --blowup 2").status, 0);
  // No recursion guest takes the default preset: no blob for it.
  ExpectError(RunZkvm("recursion-blob " + secure + " " + hello.elf + " -o " + dir + ".blob"), 2,
              "no recursion guest verifies proofs made with preset default");
  EXPECT_FALSE(std::filesystem::exists(dir + ".blob"));
  ExpectError(RunZkvm("verify " + secure + " " + hello.elf + " --blowup 16"), 6,
              "not the required preset recursion");
  for (const std::string& f : {insecure, secure, vk, bad_vk_path}) std::remove(f.c_str());
}

// --hash poseidon2 makes a proof (and a key) with Poseidon2 trees and transcript; verify takes
// either hash unless --hash pins one, and a key of the other hash refuses the proof.
TEST(CliTest, HashOption) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const std::string dir = ::testing::TempDir() + "zkvm_cli_hash_" + std::to_string(getpid());
  const std::string proof = dir + ".proof", vk = dir + ".vk", sha3_vk = dir + ".sha3.vk";
  const std::string prove = "prove " + hello.elf + " --input " + hello.input + " --insecure ";
  ExpectError(RunZkvm(prove + "--hash md5 -o " + proof), 2, "--hash");
  EXPECT_FALSE(std::filesystem::exists(proof));
  ASSERT_EQ(RunZkvm(prove + "--hash poseidon2 -o " + proof).status, 0);
  const Cli ok = RunZkvm("verify " + proof + " " + hello.elf + " --allow-insecure");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("hash poseidon2"), std::string::npos) << ok.out;
  EXPECT_EQ(
      RunZkvm("verify " + proof + " " + hello.elf + " --allow-insecure --hash poseidon2").status,
      0);
  ExpectError(RunZkvm("verify " + proof + " " + hello.elf + " --allow-insecure --hash sha3"), 6,
              "it is a poseidon2 proof, not a sha3 proof");
  ExpectError(RunZkvm("verify " + proof + " " + hello.elf + " --hash keccak"), 2, "--hash");
  ASSERT_EQ(RunZkvm("vk " + hello.elf + " --insecure --hash poseidon2 -o " + vk).status, 0);
  ASSERT_EQ(RunZkvm("vk " + hello.elf + " --insecure -o " + sha3_vk).status, 0);
  EXPECT_EQ(RunZkvm("verify " + proof + " " + vk + " --allow-insecure").status, 0);
  ExpectError(RunZkvm("verify " + proof + " " + sha3_vk + " --allow-insecure"), 6,
              "another program or other options");
  for (const std::string& f : {proof, vk, sha3_vk}) std::remove(f.c_str());
}

// execute --stats counts the POSEIDON2 calls beside the other syscalls.
TEST(CliTest, CountsPoseidon2Calls) {
  const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, "poseidon2_precompile");
  const Cli r = RunZkvm("execute " + g.elf + " --input " + g.input + " --stats");
  EXPECT_EQ(r.status, 0) << r.err;
  const size_t at = r.out.find(", poseidon2 ");
  ASSERT_NE(at, std::string::npos) << r.out;
  EXPECT_NE(r.out[at + 12], '0') << r.out;
}

// --queries Q is a floor: a run that needs more for 100 bits is proved at the count it needs,
// which prove and verify both report, and the proof verifies against the ELF and the key file.
TEST(CliTest, RaisesTooFewQueries) {
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const std::string base = ::testing::TempDir() + "zkvm_cli_queries_" + std::to_string(getpid());
  const std::string proof = base + ".proof", vk = base + ".vk";
  const Cli proved =
      RunZkvm("prove " + hello.elf + " --input " + hello.input + " --queries 100 -o " + proof);
  ASSERT_EQ(proved.status, 0) << proved.err;
  EXPECT_NE(proved.out.find("for this run (the key's 100 raised to reach 100 provable bits)"),
            std::string::npos)
      << proved.out;
  const Cli verified = RunZkvm("verify " + proof + " " + hello.elf);
  EXPECT_EQ(verified.status, 0) << verified.err;
  EXPECT_NE(verified.out.find("blowup 2, 100 queries"), std::string::npos) << verified.out;
  EXPECT_NE(verified.out.find("; this run: "), std::string::npos) << verified.out;
  ASSERT_EQ(RunZkvm("vk " + hello.elf + " --queries 100 -o " + vk).status, 0);
  EXPECT_EQ(RunZkvm("verify " + proof + " " + vk).status, 0);
  for (const std::string& f : {proof, vk}) std::remove(f.c_str());
}

// Runs `zkvm args` with its stdout and stderr on a pseudo-terminal (util-linux `script`), as in
// a user's terminal; returns everything the terminal received.
Cli RunZkvmOnTerminal(const std::string& args) {
  auto r =
      testing::RunCommand("script -qec " + testing::ShellQuote(kZkvm + " " + args) + " /dev/null");
  return {r.out, "", r.exit_status};
}

// Progress (phase k of n, elapsed time, estimate) is drawn on a terminal only: --quiet, --json
// and a pipe get none. The guest's debug text passes through in every case.
TEST(CliTest, ShowsProgressOnATerminalOnly) {
  const testing::GuestInfo fib = testing::FindGuest(ZKVM_GUEST_DIR, "fibonacci");
  const std::string proof = ::testing::TempDir() + "zkvm_cli_progress_" + std::to_string(getpid());
  const std::string prove = "prove " + fib.elf + " --input-hex 00100000 --insecure -o " + proof;
  const Cli terminal = RunZkvmOnTerminal(prove);
  EXPECT_EQ(terminal.status, 0) << terminal.out;
  EXPECT_NE(terminal.out.find("proving: executing (1/8)"), std::string::npos) << terminal.out;
  EXPECT_NE(terminal.out.find("proving: queries and openings (8/8)"), std::string::npos)
      << terminal.out;
  EXPECT_NE(terminal.out.find("\r"), std::string::npos);
  EXPECT_NE(terminal.out.find("proof: "), std::string::npos) << terminal.out;
  const Cli quiet = RunZkvmOnTerminal(prove + " --quiet");
  EXPECT_EQ(quiet.status, 0) << quiet.out;
  EXPECT_EQ(quiet.out.find("proving:"), std::string::npos) << quiet.out;
  EXPECT_NE(quiet.out.find("proof: "), std::string::npos) << quiet.out;
  const Cli piped = RunZkvm(prove);
  EXPECT_EQ(piped.status, 0) << piped.err;
  EXPECT_EQ(piped.err.find("proving:"), std::string::npos) << piped.err;
  EXPECT_EQ(piped.out.find("proving:"), std::string::npos) << piped.out;
  // prove says what it proved, and passes the guest's debug text through.
  EXPECT_NE(piped.out.find("\nexit code: 0\npublic output (8 bytes): "), std::string::npos)
      << piped.out;
  const testing::GuestInfo hello = testing::FindGuest(ZKVM_GUEST_DIR, "hello");
  const Cli hello_prove = RunZkvm("prove " + hello.elf + " --insecure -o " + proof);
  EXPECT_EQ(hello_prove.status, 0) << hello_prove.err;
  EXPECT_NE(hello_prove.err.find("hello"), std::string::npos) << hello_prove.err;
  const Cli execute = RunZkvmOnTerminal("execute " + fib.elf + " --input-hex 00100000");
  EXPECT_EQ(execute.status, 0) << execute.out;
  EXPECT_NE(execute.out.find("cycles: "), std::string::npos) << execute.out;
  std::remove(proof.c_str());
}

nlohmann::json ParseJson(const Cli& r) {
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_TRUE(j.is_object()) << r.out;
  if (j.is_object()) {
    EXPECT_EQ(j.value("exit_status", -1), r.status) << r.out;
  }
  return j;
}

// --json: one object on stdout that a JSON parser reads, with the facts --stats prints.
TEST(CliTest, PrintsJson) {
  const testing::GuestInfo fib = testing::FindGuest(ZKVM_GUEST_DIR, "fibonacci");
  const std::string base = ::testing::TempDir() + "zkvm_cli_json_" + std::to_string(getpid());
  nlohmann::json j = ParseJson(RunZkvm("execute " + fib.elf + " --input-hex 14000000 --json"));
  EXPECT_EQ(j["command"], "execute");
  EXPECT_EQ(j["status"], "halted");
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_EQ(j["public_output_hex"], "6d1a000000000000");  // fib(20) = 6765
  EXPECT_GT(j["cycles"].get<uint64_t>(), 100u);
  EXPECT_EQ(j["syscalls"]["halt"], 1);
  EXPECT_TRUE(j["mips"].is_number());

  j = ParseJson(RunZkvm("prove " + fib.elf + " --input-hex 14000000 --insecure -o " + base +
                        ".proof --json"));
  EXPECT_EQ(j["command"], "prove");
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_EQ(j["public_output_hex"], "6d1a000000000000");
  EXPECT_GT(j["proof_bytes"].get<uint64_t>(), 1000u);
  EXPECT_GT(j["committed_cells"].get<uint64_t>(), 0u);
  ASSERT_TRUE(j["tables"].is_array());
  EXPECT_GT(j["tables"].size(), 10u);
  EXPECT_TRUE(j["tables"][0].contains("real_rows"));
  EXPECT_TRUE(j["seconds"]["total"].is_number());
  EXPECT_GT(j["peak_memory_bytes"].get<uint64_t>(), 0u);
  const uint64_t cycles = j["cycles"];

  j = ParseJson(RunZkvm("verify " + base + ".proof " + fib.elf + " --allow-insecure --json"));
  EXPECT_EQ(j["command"], "verify");
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["insecure"], true);
  EXPECT_EQ(j["cycles"], cycles);
  EXPECT_EQ(j["public_output_hex"], "6d1a000000000000");
  const std::string digest = j["program_digest"];
  // A rejected proof: still one object, with the error and the status.
  const Cli rejected = RunZkvm("verify " + base + ".proof " + fib.elf + " --json");
  EXPECT_EQ(rejected.status, 6);
  j = ParseJson(rejected);
  EXPECT_EQ(j["valid"], false);
  EXPECT_NE(j["error"].get<std::string>().find("insecure"), std::string::npos) << rejected.out;

  j = ParseJson(RunZkvm("vk " + fib.elf + " --insecure --json"));
  EXPECT_EQ(j["digest"], digest);
  j = ParseJson(RunZkvm("profile " + fib.elf + " --input-hex 14000000 --top 3 --json"));
  EXPECT_EQ(j["total_cycles"], cycles);
  ASSERT_TRUE(j["top"].is_array());
  EXPECT_LE(j["top"].size(), 3u);
  EXPECT_TRUE(j["top"][0].contains("function"));
  std::remove((base + ".proof").c_str());
}

// The private input from a file, standard input, a pipe (process substitution) or hex digits.
TEST(CliTest, ReadsInputFromStdinPipesAndHex) {
  const testing::GuestInfo fib = testing::FindGuest(ZKVM_GUEST_DIR, "fibonacci");
  const std::string expected = "public output (8 bytes): 6d1a000000000000\n";
  for (const std::string& command :
       {"printf '\\024\\000\\000\\000' | " + kZkvm + " execute " + fib.elf + " --input -",
        "printf '\\024\\000\\000\\000' | " + kZkvm + " execute " + fib.elf + " --input /dev/stdin",
        "bash -c " + testing::ShellQuote(kZkvm + " execute " + fib.elf +
                                         " --input <(printf '\\024\\000\\000\\000')"),
        kZkvm + " execute " + fib.elf + " --input-hex 14000000"}) {
    const testing::CommandResult r = testing::RunCommand(command);
    EXPECT_EQ(r.exit_status, 0) << command;
    EXPECT_NE(r.out.find(expected), std::string::npos) << command << "\n" << r.out;
  }
  ExpectError(RunZkvm("execute " + fib.elf + " --input-hex 14x00000"), 2,
              "--input-hex: 'x' at position 2 is not a hex digit");
  ExpectError(RunZkvm("execute " + fib.elf + " --input-hex 140"), 2,
              "--input-hex: 3 hex digits, not a whole number of bytes");
  ExpectError(RunZkvm("execute " + fib.elf + " --input-hex 14 --input " + fib.input), 2,
              "excludes");
}

// Without --max-cycles a run that never halts still ends: prove stops at its default limit
// (2^32 cycles, reached by the executor's fast path before any proving) and says how to raise
// it.
TEST(CliTest, HasADefaultCycleLimit) {
  const std::string loop = Temp("loop_default.elf", testing::BuildCodeElf({testing::J(0, 0)}));
  const Cli prove = RunZkvm("prove " + loop + " -o " + loop + ".proof");
  ExpectError(prove, 5, "did not halt within 4294967296 cycles (the default limit for prove;");
  EXPECT_FALSE(std::filesystem::exists(loop + ".proof"));
  const Cli help = RunZkvm("execute --help");
  EXPECT_NE(help.out.find("(default 4294967296)"), std::string::npos) << help.out;
  ExpectError(RunZkvm("execute " + loop + " --max-cycles 0"), 2, "must be at least 1");
}

// Runaway recursion is a stack overflow in the function whose frame did not fit.
TEST(CliTest, ReportsStackOverflow) {
  const testing::GuestInfo guest = testing::FindGuest(ZKVM_GUEST_DIR, "recursive_sum");
  const Cli ok = RunZkvm("execute " + guest.elf + " --input-hex 10270000");  // n = 10000
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_NE(ok.out.find("public output (8 bytes): 0804fb0200000000"), std::string::npos)
      << ok.out;  // 50005000 = 0x2fb0408
  const Cli overflow = RunZkvm("execute " + guest.elf + " --input-hex a0860100");  // 100000
  ExpectError(overflow, 3, "guest trapped: stack overflow: sp would move to 0xbeff");
  EXPECT_NE(overflow.err.find(" in (anonymous namespace)::SumTo("), std::string::npos)
      << overflow.err;
  ExpectError(RunZkvm("prove " + guest.elf + " --input-hex a0860100 --insecure -o /dev/null"), 5,
              "stack overflow");
}

// A WRITE to a file descriptor that does not exist names the descriptor.
TEST(CliTest, NamesABadFileDescriptor) {
  std::vector<uint32_t> code;
  testing::Li(code, 17, 64);
  testing::Li(code, 10, 7);
  testing::Li(code, 11, 0x10000);
  testing::Li(code, 12, 4);
  code.push_back(testing::Ecall());
  ExpectError(RunZkvm("execute " + Temp("fd7.elf", testing::BuildCodeElf(code))), 3,
              "WRITE to file descriptor 7 (only 1, the public output, and 2, the debug text, "
              "exist)");
  const std::string junk = Temp("junk.vk", {'Z', 'K', 'V', '?', 0, 0, 0, 0});
  ExpectError(RunZkvm("verify " + junk + " " + junk), 2, "neither an ELF file nor a verifying key");
  const Cli help = RunZkvm("prove --help");
  EXPECT_NE(help.out.find("--memory MODE"), std::string::npos) << help.out;
  EXPECT_EQ(help.out.find("->"), std::string::npos) << help.out;  // no raw value map
}

}  // namespace
}  // namespace zkvm
