// End-to-end tests of Prove / Verify (prove.h): every guest proves and verifies with the
// statement the executor gives; verification rejects a proof for another program, a changed
// output or exit code, options below the security floor and malformed proof files, each with a
// message naming the problem.
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "base/file_io.h"
#include "executor/executor.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

using testing::RunGuest;

using executor::Program;

using Loaded = testing::LoadedGuest;

Loaded Load(const std::string& name) { return testing::LoadGuest(ZKVM_GUEST_DIR, name); }

ProveConfig TestConfig() {
  ProveConfig c;
  c.options = stark::kInsecureTestOptions;
  return c;
}

class GuestProofTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GuestProofTest, ProvesAndVerifies) {
  const Loaded g = Load(GetParam());
  const executor::MachineState run = RunGuest(g);
  ASSERT_EQ(run.status, executor::RunStatus::kHalted);
  ProveStats stats;
  Result<std::vector<uint8_t>> proof = Prove(g.program, g.input, TestConfig(), &stats);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, g.program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->exit_code, run.exit_code);
  EXPECT_EQ(v->output, run.public_output);
  EXPECT_EQ(v->cycles, run.cycle);
  std::printf("%s: %llu cycles, %.1f committed cells per cycle, proof %zu bytes, %.2f s\n",
              GetParam().c_str(), static_cast<unsigned long long>(stats.cycles),
              static_cast<double>(stats.committed_cells) / static_cast<double>(stats.cycles),
              stats.proof_bytes, stats.total_seconds);
}

INSTANTIATE_TEST_SUITE_P(Guests, GuestProofTest,
                         ::testing::Values("hello", "fibonacci", "sort", "picolibc_demo", "sha3",
                                           "hashmap", "mul_div"));

TEST(VmProofTest, DebugChecksPassOnAnHonestRun) {
  const Loaded g = Load("hello");
  ProveConfig c = TestConfig();
  c.debug_checks = true;
  Result<std::vector<uint8_t>> proof = Prove(g.program, g.input, c);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
}

// Streaming the traces and recomputing LDEs (MemoryMode::kLow) changes where bytes live, not
// the proof.
TEST(VmProofTest, LowMemoryModeGivesTheSameProof) {
  const Loaded g = Load("sort");
  ProveConfig fast = TestConfig(), low = TestConfig();
  fast.memory = MemoryMode::kFast;
  low.memory = MemoryMode::kLow;
  Result<std::vector<uint8_t>> a = Prove(g.program, g.input, fast);
  Result<std::vector<uint8_t>> b = Prove(g.program, g.input, low);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(*a, *b);
  EXPECT_TRUE(Verify(*b, g.program, kAllowInsecurePreset).ok());
}

void ExpectMalformedRejected(const std::vector<uint8_t>& p, const Program& program);

class VmRejectTest : public ::testing::Test {
 public:
  static std::string Reject(std::span<const uint8_t> proof, const Program& program) {
    Result<VerifiedStatement> v = Verify(proof, program, kAllowInsecurePreset);
    return v.ok() ? std::string("ACCEPTED") : v.error().message;
  }

 protected:
  static void SetUpTestSuite() {
    hello_ = new Loaded(Load("hello"));
    fib_ = new Loaded(Load("fibonacci"));
    Result<std::vector<uint8_t>> p = Prove(hello_->program, hello_->input, TestConfig());
    ZKVM_CHECK(p.ok(), "hello proves");
    proof_ = new std::vector<uint8_t>(std::move(*p));
  }
  static void TearDownTestSuite() {
    delete hello_;
    delete fib_;
    delete proof_;
  }
  // Re-encodes the proof with a changed statement.
  static std::vector<uint8_t> WithStatement(void (*change)(VmStatement&)) {
    std::vector<std::vector<uint8_t>> stark_parts;
    Result<VmStatement> s = DecodeVmProof(*proof_, &stark_parts);
    ZKVM_CHECK(s.ok(), "proof decodes");
    change(*s);
    return EncodeVmProof(*s, stark_parts);
  }
  static Loaded* hello_;
  static Loaded* fib_;
  static std::vector<uint8_t>* proof_;
};
Loaded* VmRejectTest::hello_ = nullptr;
Loaded* VmRejectTest::fib_ = nullptr;
std::vector<uint8_t>* VmRejectTest::proof_ = nullptr;

TEST_F(VmRejectTest, HonestProofVerifies) {
  Result<VerifiedStatement> v = Verify(*proof_, hello_->program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->options.insecure());
  EXPECT_LT(v->security_bits, 100.0);
}

// The verifier, not the proof, chooses the options it accepts: a proof at the insecure test
// preset is refused unless the caller allows that preset, against an ELF and against a key.
TEST_F(VmRejectTest, InsecurePresetOnlyWhenAllowed) {
  Result<VerifiedStatement> v = Verify(*proof_, hello_->program);
  ASSERT_FALSE(v.ok());
  const std::string& message = v.error().message;
  EXPECT_NE(message.find("preset insecure-test: blowup 2, 4 queries"), std::string::npos)
      << message;
  EXPECT_NE(message.find("bits of provable security"), std::string::npos) << message;
  Result<VerifyingKey> vk = ComputeVerifyingKey(hello_->program, stark::kInsecureTestOptions);
  ASSERT_TRUE(vk.ok());
  EXPECT_FALSE(Verify(*proof_, *vk).ok());
  EXPECT_TRUE(Verify(*proof_, *vk, kAllowInsecurePreset).ok());
  // A pin decides before the floor: the default preset pinned refuses it even when allowed.
  VerifyPolicy pinned = kAllowInsecurePreset;
  pinned.options = stark::kDefaultOptions;
  v = Verify(*proof_, hello_->program, pinned);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().message.find("not the required preset default"), std::string::npos)
      << v.error().message;
  EXPECT_FALSE(Verify(*proof_, *vk, pinned).ok());
}

TEST_F(VmRejectTest, ProofForAnotherProgram) {
  EXPECT_NE(Reject(*proof_, fib_->program).find("another program"), std::string::npos)
      << Reject(*proof_, fib_->program);
}

TEST_F(VmRejectTest, ChangedOutputByte) {
  const auto bad = WithStatement([](VmStatement& s) { s.output[0] ^= 1; });
  EXPECT_NE(Reject(bad, hello_->program).find("rejected"), std::string::npos);
}

TEST_F(VmRejectTest, DroppedOrExtraOutputByte) {
  EXPECT_NE(Reject(WithStatement([](VmStatement& s) { s.output.pop_back(); }), hello_->program)
                .find("rejected"),
            std::string::npos);
  EXPECT_NE(Reject(WithStatement([](VmStatement& s) { s.output.push_back('!'); }), hello_->program)
                .find("rejected"),
            std::string::npos);
}

TEST_F(VmRejectTest, ChangedExitCodeOrCycles) {
  EXPECT_NE(Reject(WithStatement([](VmStatement& s) { s.exit_code ^= 1; }), hello_->program)
                .find("rejected"),
            std::string::npos);
  EXPECT_NE(Reject(WithStatement([](VmStatement& s) { s.cycles += 1; }), hello_->program)
                .find("rejected"),
            std::string::npos);
}

TEST_F(VmRejectTest, WrongTableShape) {
  const std::string missing_halt =
      Reject(WithStatement([](VmStatement& s) {
               std::erase_if(s.segments.back(),
                             [](const TableChunk& c) { return c.table == TableId::kHalt; });
             }),
             hello_->program);
  EXPECT_NE(missing_halt.find("halt"), std::string::npos) << missing_halt;
  const std::string taller = Reject(WithStatement([](VmStatement& s) {
                                      for (TableChunk& c : s.segments.back()) {
                                        if (c.table == TableId::kAddI) ++c.log_height;
                                      }
                                    }),
                                    hello_->program);
  EXPECT_NE(taller, "ACCEPTED");
}

// A secure key's query count is a floor: a run whose statement needs more to reach 100 bits is
// proved at the fewest queries that do, and the verifier, deriving that count from the
// statement, accepts exactly it.
TEST_F(VmRejectTest, QueryCountFollowsTheStatement) {
  // Fields of the insecure preset under the custom id: not marked insecure, so the verifier
  // measures them, and 4 queries are far below 100 bits.
  ProveConfig c = TestConfig();
  c.options.preset = stark::PresetId::kCustom;
  ProveStats stats;
  Result<std::vector<uint8_t>> raised = Prove(hello_->program, hello_->input, c, &stats);
  ASSERT_TRUE(raised.ok()) << raised.error().message;
  EXPECT_GT(stats.num_queries, c.options.num_queries);
  EXPECT_GE(stats.security_bits, 100.0);
  Result<VerifiedStatement> v = Verify(*raised, hello_->program);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->options == c.options);
  EXPECT_EQ(v->num_queries, stats.num_queries);
  EXPECT_GE(v->security_bits, 100.0);

  // Proofs at any other count are rejected: the key's own (below the floor), and one more than
  // the statement calls for (a prover choosing among counts would gain attempts).
  Result<RoutedExecution> routed = ExecuteAndRoute(hello_->program, hello_->input, c.max_cycles);
  ASSERT_TRUE(routed.ok()) << routed.error().message;
  Result<VmWitness> witness = BuildWitness(hello_->program, std::move(*routed), c);
  ASSERT_TRUE(witness.ok()) << witness.error().message;
  EXPECT_FALSE(CheckSecurityFloor(witness->statement, witness->vk).ok());
  for (uint32_t q : {uint32_t{c.options.num_queries}, stats.num_queries + 1}) {
    witness->statement.num_queries = static_cast<uint16_t>(q);
    Result<std::vector<uint8_t>> other = ProveWitness(*witness, c);
    ASSERT_TRUE(other.ok()) << other.error().message;
    const std::string message = Reject(*other, hello_->program);
    EXPECT_NE(message.find("calls for"), std::string::npos) << q << ": " << message;
  }
  // Nor may the header lower the count below the key's, or raise it under the insecure preset.
  for (const auto& [options, q] : {std::pair{c.options, uint32_t{c.options.num_queries} - 1},
                                   std::pair{stark::kInsecureTestOptions, uint32_t{5}}}) {
    std::vector<std::vector<uint8_t>> stark_parts;
    Result<VmStatement> s = DecodeVmProof(*raised, &stark_parts);
    ASSERT_TRUE(s.ok()) << s.error().message;
    Result<VerifyingKey> key = ComputeVerifyingKey(hello_->program, options);
    ASSERT_TRUE(key.ok()) << key.error().message;
    s->vk_digest = key->Digest();
    s->options = options;
    s->num_queries = static_cast<uint16_t>(q);
    const std::string message = Reject(EncodeVmProof(*s, stark_parts), hello_->program);
    EXPECT_NE(message.find("but the verifying key is for"), std::string::npos) << message;
  }

  witness->statement.num_queries = 0;
  Result<std::vector<uint8_t>> proof = ProveWitness(*witness, c);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  // However its header is relabelled, it never passes for a secure preset (or, allowed, for
  // the insecure one): a named preset's id must come with its exact fields, other fields
  // change the verifying key, and the statement binds the options.
  auto relabel = [&](const stark::ProofOptions& claimed) {
    std::vector<std::vector<uint8_t>> stark_parts;
    Result<VmStatement> s = DecodeVmProof(*proof, &stark_parts);
    EXPECT_TRUE(s.ok());
    s->options = claimed;
    return EncodeVmProof(*s, stark_parts);
  };
  for (stark::PresetId id :
       {stark::PresetId::kDefault, stark::PresetId::kRecursion, stark::PresetId::kInsecureTest}) {
    stark::ProofOptions same_fields = c.options;
    same_fields.preset = id;
    EXPECT_NE(Reject(relabel(same_fields), hello_->program), "ACCEPTED") << PresetName(id);
    EXPECT_NE(Reject(relabel(*stark::FindPreset(id)), hello_->program), "ACCEPTED")
        << PresetName(id);
  }
}

// A proof that names a key's digest must also carry the key's options: here a prover proves
// with other fields (5 queries instead of the key's 4) under the key's digest.
TEST_F(VmRejectTest, OptionsOtherThanTheKeys) {
  Result<VerifyingKey> key = ComputeVerifyingKey(hello_->program, stark::kInsecureTestOptions);
  ASSERT_TRUE(key.ok());
  ProveConfig c = TestConfig();
  c.options.num_queries = 5;
  Result<RoutedExecution> routed = ExecuteAndRoute(hello_->program, hello_->input, c.max_cycles);
  ASSERT_TRUE(routed.ok()) << routed.error().message;
  Result<VmWitness> w = BuildWitness(hello_->program, std::move(*routed), c);
  ASSERT_TRUE(w.ok()) << w.error().message;
  w->vk = *key;
  w->statement.vk_digest = key->Digest();
  Result<std::vector<uint8_t>> proof = ProveWitness(*w, c);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  Result<VerifiedStatement> v = Verify(*proof, *key, kAllowInsecurePreset);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().message.find("but the verifying key is for"), std::string::npos)
      << v.error().message;
}

// The run transcript binds the segment size: a one-segment proof relabelled with a larger k
// (still one segment) is rejected.
TEST_F(VmRejectTest, SegmentSizeIsBound) {
  std::vector<std::vector<uint8_t>> parts;
  Result<VmStatement> s = DecodeVmProof(*proof_, &parts);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->segments.size(), 1u);
  ASSERT_LT(s->log_segment_cycles, kMaxLogSegmentCycles);
  ++s->log_segment_cycles;
  EXPECT_NE(Reject(EncodeVmProof(*s, parts), hello_->program), "ACCEPTED");
}

TEST_F(VmRejectTest, MalformedProofFiles) { ExpectMalformedRejected(*proof_, hello_->program); }

// The same suite for a proof whose trees and transcript are Poseidon2's.
TEST_F(VmRejectTest, MalformedPoseidon2ProofFiles) {
  ProveConfig c = TestConfig();
  c.options.hash = crypto::HashId::kPoseidon2;
  Result<std::vector<uint8_t>> p = Prove(hello_->program, hello_->input, c);
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(Reject(*p, hello_->program), "ACCEPTED");
  ExpectMalformedRejected(*p, hello_->program);
}

// A Poseidon2 proof verifies as one, under its own key, and is rejected as a SHA3 proof (by
// --hash, by the SHA3 key, or with its options relabelled), and the other way round.
TEST_F(VmRejectTest, ProofsOfOneHashAreNotTheOthers) {
  ProveConfig c = TestConfig();
  c.options.hash = crypto::HashId::kPoseidon2;
  Result<std::vector<uint8_t>> p2 = Prove(hello_->program, hello_->input, c);
  ASSERT_TRUE(p2.ok()) << p2.error().message;
  Result<VerifiedStatement> v = Verify(*p2, hello_->program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->options.hash, crypto::HashId::kPoseidon2);
  const std::vector<uint8_t>& s3 = *proof_;
  for (const auto& [proof, own, other] :
       {std::tuple{static_cast<const std::vector<uint8_t>*>(&*p2), crypto::HashId::kPoseidon2,
                   crypto::HashId::kSha3},
        std::tuple{&s3, crypto::HashId::kSha3, crypto::HashId::kPoseidon2}}) {
    VerifyPolicy policy = kAllowInsecurePreset;
    policy.hash = other;
    Result<VerifiedStatement> pinned = Verify(*proof, hello_->program, policy);
    ASSERT_FALSE(pinned.ok());
    EXPECT_NE(pinned.error().message.find(std::string("not a ") + crypto::HashName(other)),
              std::string::npos)
        << pinned.error().message;
    policy.hash = own;
    EXPECT_TRUE(Verify(*proof, hello_->program, policy).ok());
    Result<VerifyingKey> other_key =
        ComputeVerifyingKey(hello_->program, stark::WithHash(stark::kInsecureTestOptions, other));
    ASSERT_TRUE(other_key.ok());
    Result<VerifiedStatement> keyed = Verify(*proof, *other_key, kAllowInsecurePreset);
    ASSERT_FALSE(keyed.ok());
    EXPECT_NE(keyed.error().message.find("another program or other options"), std::string::npos)
        << keyed.error().message;
  }
  // The statement's options relabelled to the other hash (the key digest kept): refused by the
  // key's options before any STARK work.
  std::vector<std::vector<uint8_t>> parts;
  Result<VmStatement> st = DecodeVmProof(*p2, &parts);
  ASSERT_TRUE(st.ok()) << st.error().message;
  st->options.hash = crypto::HashId::kSha3;
  EXPECT_NE(Reject(EncodeVmProof(*st, parts), hello_->program), "ACCEPTED");
}

void ExpectMalformedRejected(const std::vector<uint8_t>& p, const Program& program) {
  // Against the key of the honest proof's options, computed once (a flipped options byte then
  // fails the key's check).
  Result<ParsedProof> honest = ParsedProof::Parse(p);
  ASSERT_TRUE(honest.ok()) << honest.error().message;
  Result<VerifyingKey> key = ComputeVerifyingKey(program, honest->options());
  ASSERT_TRUE(key.ok()) << key.error().message;
  auto reject = [&key](std::span<const uint8_t> proof) {
    Result<VerifiedStatement> v = Verify(proof, *key, kAllowInsecurePreset);
    return v.ok() ? std::string("ACCEPTED") : v.error().message;
  };
  ASSERT_EQ(reject(p), "ACCEPTED");
  // Truncations: inside the statement header, at its end and across the STARK proof.
  for (size_t len :
       {size_t{0}, size_t{3}, size_t{40}, size_t{91}, size_t{120}, p.size() / 2, p.size() - 1}) {
    const std::span<const uint8_t> cut(p.data(), len);
    EXPECT_NE(reject(cut), "ACCEPTED") << "length " << len;
  }
  // A flipped byte at a spread of positions.
  for (size_t pos = 0; pos < p.size(); pos += std::max<size_t>(1, p.size() / 97)) {
    std::vector<uint8_t> bad = p;
    bad[pos] ^= 0x40;
    EXPECT_NE(reject(bad), "ACCEPTED") << "byte " << pos;
  }
  std::vector<uint8_t> longer = p;
  longer.push_back(0);
  EXPECT_NE(reject(longer), "ACCEPTED");
  std::vector<uint8_t> magic = p;
  magic[0] = 'X';
  EXPECT_NE(reject(magic).find("magic"), std::string::npos);
  // The run's query count (header byte 100): 0 or above the most any options may name.
  for (uint32_t q : {0u, uint32_t{stark::kMaxNumQueries} + 1}) {
    std::vector<uint8_t> queries = p;
    for (int i = 0; i < 4; ++i) queries[100 + i] = static_cast<uint8_t>(q >> (8 * i));
    EXPECT_NE(reject(queries).find("query count"), std::string::npos) << q;
  }
}

TEST_F(VmRejectTest, VerifyingKeyRoundTrips) {
  Result<VerifyingKey> vk = ComputeVerifyingKey(hello_->program, stark::kInsecureTestOptions);
  ASSERT_TRUE(vk.ok());
  const auto bytes = vk->Encode();
  Result<VerifyingKey> back = VerifyingKey::Decode(bytes);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->Digest(), vk->Digest());
  EXPECT_TRUE(Verify(*proof_, *back, kAllowInsecurePreset).ok());
  std::array<uint8_t, kVerifyingKeyBytes> bad = bytes;
  bad[64] ^= 1;  // the preprocessed root
  Result<VerifyingKey> other = VerifyingKey::Decode(bad);
  ASSERT_TRUE(other.ok());
  Result<VerifiedStatement> v = Verify(*proof_, *other, kAllowInsecurePreset);
  EXPECT_FALSE(v.ok());
}

}  // namespace
}  // namespace zkvm::prover
