// The STARK verifier inside the VM (guests/stark_verify_smoke): the host proves a Fibonacci
// trace (testing/airs FibonacciAir), builds the guest's payload (input_layout.h), runs the guest
// in the executor and requires exit code 0 with the public values as public output; then every
// tampered input (a flipped byte in the proof header, a digest, the OOD values, FRI and the
// openings; a truncated proof; trailing bytes; a wrong public value; a wrong magic, log_rows or
// length) must end with the guest's exit code for that failure. Prints the guest's cycle counts
// at the insecure test preset and at the recursion preset.
//
// The guests' embedded test inputs (guests/stark_verify_smoke/test_input*.hex, run by the qemu
// differential test) must be the payloads this file builds; to regenerate them, run
// TestInputsAreCurrent with ZKVM_STARK_SMOKE_WRITE_HEX set to that folder (from the source
// root: ZKVM_STARK_SMOKE_WRITE_HEX=guests/stark_verify_smoke build/tests/stark_guest_test
// --gtest_filter='*TestInputsAreCurrent*'), then rebuild the guests.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "executor/executor.h"
#include "guests/stark_verify_smoke/input_layout.h"
#include "stark/proof/proof_host.h"
#include "stark/proof/proof_view.h"
#include "stark/prover/stark_prover.h"
#include "stark/verifier/stark_verifier_host.h"
#include "testing/airs/test_traces.h"
#include "testing/guests.h"

namespace zkvm {
namespace {

namespace smoke = guests::stark_smoke;
using crypto::ColumnMajorMatrix;
using crypto::Felt;
using stark::ProofOptions;

constexpr uint32_t kLogRows = 6;
constexpr uint64_t kMaxCycles = 2'000'000'000;

// A proof of the Fibonacci AIR, a_0 = b_0 = 1, 2^log_rows rows.
struct FibonacciProof {
  uint32_t log_rows = 0;
  std::vector<uint64_t> public_values;
  std::vector<uint8_t> proof;
};

FibonacciProof ProveFibonacci(uint32_t log_rows, const ProofOptions& options) {
  const stark::testing::FibonacciAir air;
  const stark::ProverAirAdapter<stark::testing::FibonacciAir> adapter(air);
  const ColumnMajorMatrix trace = stark::testing::FibonacciTrace(size_t{1} << log_rows, 1, 1);
  stark::ProverStatement statement;
  const std::vector<Felt> publics = {trace(0, 0), trace(0, 1), trace(trace.num_rows() - 1, 1)};
  statement.tables.push_back({&adapter, trace, {}, publics});
  statement.options = options;
  Result<std::vector<uint8_t>> proof = stark::ProveStark(statement);
  EXPECT_TRUE(proof.ok()) << (proof.ok() ? "" : proof.error().message);
  FibonacciProof out;
  out.log_rows = log_rows;
  for (const Felt& v : publics) out.public_values.push_back(v.value());
  if (!proof.ok()) return out;
  out.proof = std::move(proof).value();
  // The host verifier accepts it (so any rejection below is the guest's doing).
  std::vector<stark::StarkTable> tables;
  const Status host = stark::VerifyStark(
      out.proof, stark::VerifierStatement(statement, crypto::MerkleDigest{}, &tables),
      options.insecure() ? stark::kAllowInsecurePreset : stark::VerifyConfig{});
  EXPECT_TRUE(host.ok()) << host.message();
  return out;
}

void Put32(std::vector<uint8_t>& bytes, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) bytes[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

void Put64(std::vector<uint8_t>& bytes, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

std::vector<uint8_t> LittleEndian(const std::vector<uint64_t>& values) {
  std::vector<uint8_t> out(8 * values.size());
  for (size_t i = 0; i < values.size(); ++i) Put64(out, 8 * i, values[i]);
  return out;
}

// The guest's payload (input_layout.h).
std::vector<uint8_t> BuildInput(uint32_t log_rows, const std::vector<uint64_t>& public_values,
                                const std::vector<uint8_t>& proof) {
  std::vector<uint8_t> input(smoke::kProofOffset, 0);
  for (size_t i = 0; i < 4; ++i) input[smoke::kMagicOffset + i] = smoke::kMagic[i];
  Put32(input, smoke::kLogRowsOffset, log_rows);
  Put32(input, smoke::kProofBytesOffset, static_cast<uint32_t>(proof.size()));
  for (size_t i = 0; i < public_values.size(); ++i) {
    Put64(input, smoke::kPublicValuesOffset + 8 * i, public_values[i]);
  }
  input.insert(input.end(), proof.begin(), proof.end());
  return input;
}

std::vector<uint8_t> BuildInput(const FibonacciProof& p) {
  return BuildInput(p.log_rows, p.public_values, p.proof);
}

struct GuestRun {
  executor::RunStatus status = executor::RunStatus::kRunning;
  std::string trap;
  uint32_t exit_code = 0;
  std::vector<uint8_t> output;
  std::string debug;
  uint64_t cycles = 0;
  uint64_t keccak_calls = 0;
};

GuestRun RunGuest(const std::string& name, const std::vector<uint8_t>& input) {
  const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, name);
  GuestRun run;
  auto program = executor::LoadElfFile(g.elf);
  if (!program.ok()) {
    run.trap = program.error().message;
    return run;
  }
  auto ex = executor::Executor::Create(*program, input);
  if (!ex.ok()) {
    run.trap = ex.error().message;
    return run;
  }
  const executor::MachineState& st = ex->Run({.max_cycles = kMaxCycles});
  run.status = st.status;
  if (st.status == executor::RunStatus::kTrapped) run.trap = executor::DescribeTrap(st.trap);
  run.exit_code = st.exit_code;
  run.output = st.public_output;
  run.debug = ex->debug_output();
  run.cycles = st.cycle;
  run.keccak_calls = st.syscalls.keccak_f1600;
  return run;
}

// Runs a valid proof through the guest: exit 0, the public values as output.
void ExpectAccepted(const std::string& guest, const FibonacciProof& p, const char* preset) {
  const GuestRun run = RunGuest(guest, BuildInput(p));
  ASSERT_EQ(run.status, executor::RunStatus::kHalted) << run.trap;
  ASSERT_EQ(run.exit_code, 0u) << run.debug;
  EXPECT_EQ(run.output, LittleEndian(p.public_values));
  EXPECT_GT(run.keccak_calls, 0u);
  std::printf(
      "%s: fibonacci 2^%u, preset %s, proof %zu bytes: accepted in %llu cycles "
      "(%llu KECCAK_F1600 calls)\n",
      guest.c_str(), p.log_rows, preset, p.proof.size(),
      static_cast<unsigned long long>(run.cycles),
      static_cast<unsigned long long>(run.keccak_calls));
}

// Where each section of a proof lies, to aim the tampering.
struct SectionPlace {
  uint32_t id = 0;
  size_t offset = 0;
  size_t size = 0;
};

std::vector<SectionPlace> Sections(const std::vector<uint8_t>& proof) {
  const stark::AlignedProofCopy aligned(proof);
  stark::ProofView view;
  EXPECT_TRUE(stark::ProofView::Parse(aligned.data(), aligned.size(), &view).ok());
  std::vector<SectionPlace> out;
  for (uint32_t i = 0; i < view.num_sections(); ++i) {
    const stark::SectionReader s = view.SectionAt(i);
    out.push_back({s.id(), s.offset(), s.size_bytes()});
  }
  return out;
}

SectionPlace FindSection(const std::vector<SectionPlace>& sections, uint32_t id) {
  for (const SectionPlace& s : sections) {
    if (s.id == id) return s;
  }
  ADD_FAILURE() << "no section " << id;
  return {};
}

TEST(StarkGuestTest, InsecurePresetProofIsAccepted) {
  const FibonacciProof p = ProveFibonacci(kLogRows, stark::kInsecureTestOptions);
  ExpectAccepted("stark_verify_smoke", p, "insecure-test");
}

TEST(StarkGuestTest, RecursionPresetProofIsAccepted) {
  const FibonacciProof p = ProveFibonacci(kLogRows, stark::kRecursionOptions);
  ExpectAccepted("stark_verify_smoke_recursion", p, "recursion");
  // The other ELF's options differ from the proof's.
  const GuestRun run = RunGuest("stark_verify_smoke", BuildInput(p));
  EXPECT_EQ(run.exit_code,
            smoke::kExitVerifierBase + static_cast<uint32_t>(stark::StarkError::kOptionsMismatch))
      << run.debug;
}

TEST(StarkGuestTest, TamperedInputsAreRejected) {
  const FibonacciProof p = ProveFibonacci(kLogRows, stark::kInsecureTestOptions);
  ASSERT_FALSE(p.proof.empty());
  const std::vector<uint8_t> good = BuildInput(p);
  const std::vector<SectionPlace> sections = Sections(p.proof);
  const auto verifier_code = [](stark::StarkError e) {
    return smoke::kExitVerifierBase + static_cast<uint32_t>(e);
  };
  const uint32_t kMalformed = verifier_code(stark::StarkError::kProofFormat);

  struct Case {
    std::string name;
    std::vector<uint8_t> input;
    uint32_t expected;  // the exit code
  };
  std::vector<Case> cases;
  // A flipped byte of the proof at `at` (an offset into the proof).
  const auto flip = [&](const std::string& name, size_t at, uint32_t expected) {
    std::vector<uint8_t> input = good;
    input[smoke::kProofOffset + at] ^= 0x01;
    cases.push_back({name + " (proof byte " + std::to_string(at) + ")", input, expected});
  };
  const auto in_section = [&](uint32_t id, size_t at) {
    return FindSection(sections, id).offset + at;
  };
  flip("proof magic", stark::kProofMagicOffset, kMalformed);
  flip("proof flags", stark::kProofFlagsOffset, verifier_code(stark::StarkError::kInsecureFlag));
  flip("options: blowup", stark::kProofOptionsOffset + 1,
       verifier_code(stark::StarkError::kOptionsMismatch));
  flip("section table", stark::kProofSectionTableOffset + 8, kMalformed);
  flip("table heights", in_section(stark::kSectionTableHeights, 0),
       verifier_code(stark::StarkError::kHeightMismatch));
  flip("main root digest", in_section(stark::kSectionMainRoot, 5),
       verifier_code(stark::StarkError::kConstraintMismatch));
  flip("quotient root digest", in_section(stark::kSectionQuotientRoot, 31),
       verifier_code(stark::StarkError::kConstraintMismatch));
  flip("ood value", in_section(stark::kSectionOodValues, 8),
       verifier_code(stark::StarkError::kConstraintMismatch));
  const size_t fri_size = FindSection(sections, stark::kSectionFri).size;
  flip("fri, start", in_section(stark::kSectionFri, 0), verifier_code(stark::StarkError::kFri));
  flip("fri, middle", in_section(stark::kSectionFri, fri_size / 2),
       verifier_code(stark::StarkError::kFri));
  flip("fri, end", in_section(stark::kSectionFri, fri_size - 1),
       verifier_code(stark::StarkError::kFri));
  flip("main opening", in_section(stark::kSectionMainOpenings, 1),
       verifier_code(stark::StarkError::kMerkle));
  flip("quotient opening",
       in_section(stark::kSectionQuotientOpenings,
                  FindSection(sections, stark::kSectionQuotientOpenings).size / 2),
       verifier_code(stark::StarkError::kMerkle));

  // Truncated proofs (the length field follows, so the verifier sees the short proof).
  for (size_t size : {size_t{0}, size_t{64}, p.proof.size() / 2, p.proof.size() - 16}) {
    const std::vector<uint8_t> cut(p.proof.begin(), p.proof.begin() + size);
    cases.push_back({"proof truncated to " + std::to_string(size),
                     BuildInput(p.log_rows, p.public_values, cut), kMalformed});
  }
  {
    std::vector<uint8_t> longer = p.proof;
    longer.resize(longer.size() + 16, 0);
    cases.push_back(
        {"trailing bytes", BuildInput(p.log_rows, p.public_values, longer), kMalformed});
  }
  // Wrong public values.
  for (size_t i = 0; i < 3; ++i) {
    std::vector<uint64_t> publics = p.public_values;
    publics[i] += 1;
    cases.push_back({"public value " + std::to_string(i) + " + 1",
                     BuildInput(p.log_rows, publics, p.proof),
                     verifier_code(stark::StarkError::kConstraintMismatch)});
  }
  {
    std::vector<uint64_t> publics = p.public_values;
    publics[2] = Felt::kModulus;  // b_{n-1} + p would be the same field element
    cases.push_back({"public value p", BuildInput(p.log_rows, publics, p.proof),
                     smoke::kExitNonCanonicalValue});
  }
  // The payload's own fields.
  {
    std::vector<uint8_t> input = good;
    input[smoke::kMagicOffset + 3] = 'X';
    cases.push_back({"payload magic", input, smoke::kExitBadLayout});
  }
  cases.push_back({"log_rows + 1", BuildInput(p.log_rows + 1, p.public_values, p.proof),
                   verifier_code(stark::StarkError::kHeightMismatch)});
  cases.push_back({"log_rows - 1", BuildInput(p.log_rows - 1, p.public_values, p.proof),
                   verifier_code(stark::StarkError::kHeightMismatch)});
  cases.push_back({"log_rows 0", BuildInput(0, p.public_values, p.proof), smoke::kExitBadLogRows});
  cases.push_back(
      {"log_rows 27", BuildInput(27, p.public_values, p.proof), smoke::kExitBadLogRows});
  {
    std::vector<uint8_t> input = good;
    Put32(input, smoke::kProofBytesOffset, static_cast<uint32_t>(p.proof.size() - 16));
    cases.push_back({"proof_bytes smaller than the payload", input, smoke::kExitBadLayout});
  }
  {
    std::vector<uint8_t> input = good;
    input[smoke::kReserved1Offset] = 1;
    cases.push_back({"reserved byte", input, smoke::kExitBadLayout});
  }
  cases.push_back({"payload shorter than the prefix",
                   std::vector<uint8_t>(good.begin(), good.begin() + 40), smoke::kExitBadLayout});

  for (const Case& c : cases) {
    const GuestRun run = RunGuest("stark_verify_smoke", c.input);
    ASSERT_EQ(run.status, executor::RunStatus::kHalted) << c.name << ": " << run.trap;
    EXPECT_NE(run.exit_code, 0u) << c.name << " was accepted";
    EXPECT_EQ(run.exit_code, c.expected) << c.name << ": " << run.debug;
    EXPECT_TRUE(run.output.empty()) << c.name << " committed output";
    std::printf("%-48s exit %3u after %9llu cycles: %s", c.name.c_str(), run.exit_code,
                static_cast<unsigned long long>(run.cycles), run.debug.c_str());
  }
}

// An empty payload is not a proof.
TEST(StarkGuestTest, EmptyPayloadIsRejected) {
  for (const char* guest : {"stark_verify_smoke", "stark_verify_smoke_recursion"}) {
    const GuestRun run = RunGuest(guest, {});
    ASSERT_EQ(run.status, executor::RunStatus::kHalted) << guest << ": " << run.trap;
    EXPECT_EQ(run.exit_code, smoke::kExitBadLayout) << guest;
    EXPECT_TRUE(run.output.empty()) << guest;
  }
}

std::string Hex(const std::vector<uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
    if (i % 32 == 31 || i + 1 == bytes.size()) out += '\n';
  }
  return out;
}

// The embedded test inputs (guests/stark_verify_smoke/*.hex, run by the qemu differential test)
// are the payloads of today's prover; with ZKVM_STARK_SMOKE_WRITE_HEX=<directory> this test
// writes them there instead (header comment).
TEST(StarkGuestTest, TestInputsAreCurrent) {
  const struct {
    const char* guest;
    const char* file;
    uint32_t log_rows;
    ProofOptions options;
  } kInputs[] = {
      {"stark_verify_smoke", "test_input.hex", kLogRows, stark::kInsecureTestOptions},
      {"stark_verify_smoke_recursion", "test_input_recursion.hex", 5, stark::kRecursionOptions},
  };
  const char* write_dir = std::getenv("ZKVM_STARK_SMOKE_WRITE_HEX");
  for (const auto& in : kInputs) {
    const std::vector<uint8_t> input = BuildInput(ProveFibonacci(in.log_rows, in.options));
    if (write_dir != nullptr) {
      const std::string path = std::string(write_dir) + "/" + in.file;
      std::ofstream out(path);
      out << Hex(input);
      ASSERT_TRUE(out.good()) << path;
      std::printf("wrote %zu payload bytes to %s\n", input.size(), path.c_str());
      continue;
    }
    const testing::GuestInfo g = testing::FindGuest(ZKVM_GUEST_DIR, in.guest);
    auto embedded = ReadFile(g.input);
    ASSERT_TRUE(embedded.ok()) << embedded.error().message;
    EXPECT_EQ(*embedded, input) << "guests/stark_verify_smoke/" << in.file
                                << " is stale; regenerate it (see this file's header comment)";
    // And the guest accepts it.
    const GuestRun run = RunGuest(in.guest, input);
    EXPECT_EQ(run.exit_code, 0u) << in.guest << ": " << run.debug;
    std::printf("%s: embedded test input (2^%u rows, %zu bytes) accepted in %llu cycles\n",
                in.guest, in.log_rows, input.size(), static_cast<unsigned long long>(run.cycles));
  }
}

}  // namespace
}  // namespace zkvm
