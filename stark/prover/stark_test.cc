// End-to-end tests of the STARK prover (stark_prover.h) and verifier (stark_verifier.h,
// stark_verifier_host.h): honest proofs of the test AIRs (testing/airs) at every blowup, one
// secure preset, soundness (wrong public value, a changed trace cell, an unbalanced bus, a wrong
// verifying key), determinism across runs and thread counts, and malformed proofs (truncation,
// a flipped byte in every section, trailing bytes); public bus interactions (an output table
// balanced by the verifier's public bytes); the streaming hooks (LDE drop and recompute, a
// trace provider that rebuilds traces on demand: byte-identical proofs).
#include "stark/prover/stark_prover.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/transcript/prover_transcript.h"
#include "stark/proof/proof_host.h"
#include "stark/protocol/stark_hash.h"
#include "stark/verifier/stark_verifier.h"
#include "stark/verifier/stark_verifier_host.h"
#include "testing/airs/test_traces.h"
#include "testing/stark_testing.h"

namespace zkvm::stark {
namespace {

using crypto::ColumnMajorMatrix;
using crypto::ConstMatrixView;
using testing::ByteRangeAir;
using testing::BytesAir;
using testing::FibonacciAir;
using testing::WordSourceAir;

// A degree-3 AIR (two quotient chunks) with two interactions in one aux column. Columns a, b:
// a_{i+1} = a_i b_i, b_{i+1} = b_i + 1, a_0 and b_0 public; sends b and receives it back.
class ProductAir {
 public:
  const char* name() const { return "product"; }
  AirShape shape() const {
    return {.num_main_columns = 2, .num_public_values = 2, .max_degree = 3};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto a = e.main(0), b = e.main(1);
    e.Constrain(e.is_first_row() * (a - e.public_value(0)));
    e.Constrain(e.is_first_row() * (b - e.public_value(1)));
    e.Constrain(e.is_transition() * (e.main_next(0) - a * b));
    e.Constrain(e.is_transition() * (e.main_next(1) - b - e.constant(1)));
    e.Send(3, e.constant(1), {b});
    e.Receive(3, e.constant(1), {b});
  }
};

ColumnMajorMatrix ProductTrace(size_t rows) {
  ColumnMajorMatrix m(rows, 2);
  Felt a = Felt::FromU64(3), b = Felt::FromU64(5);
  for (size_t r = 0; r < rows; ++r) {
    m(r, 0) = a;
    m(r, 1) = b;
    a *= b;
    b += Felt::One();
  }
  return m;
}

ProofOptions TestOptions(uint8_t log_blowup, crypto::HashId hash = crypto::HashId::kSha3) {
  ProofOptions o = kInsecureTestOptions;
  o.log_blowup = log_blowup;
  o.num_queries = 8;
  o.hash = hash;
  return o;
}

constexpr crypto::HashId kHashes[] = {crypto::HashId::kSha3, crypto::HashId::kPoseidon2};

Status VerifyProof(const std::vector<uint8_t>& proof, const ProverStatement& statement) {
  return zkvm::testing::VerifyProverStatement(proof, statement);
}

struct Fibonacci {
  FibonacciAir air;
  ProverAirAdapter<FibonacciAir> adapter{air};
  ColumnMajorMatrix trace;
  ProverStatement statement;

  Fibonacci(size_t rows, const ProofOptions& options) {
    trace = testing::FibonacciTrace(rows, 1, 1);
    statement.tables.push_back({&adapter, trace, {}, PublicValues()});
    statement.options = options;
  }
  std::vector<Felt> PublicValues() const {
    return {trace(0, 0), trace(0, 1), trace(trace.num_rows() - 1, 1)};
  }
};

struct Pipeline {
  WordSourceAir words_air;
  BytesAir bytes_air;
  ByteRangeAir range_air;
  ProverAirAdapter<WordSourceAir> words{words_air};
  ProverAirAdapter<BytesAir> bytes{bytes_air};
  ProverAirAdapter<ByteRangeAir> range{range_air};
  testing::PipelineTraces traces = testing::PipelineTrace(0x01020304, 0x01010101);
  ProverStatement statement;

  explicit Pipeline(const ProofOptions& options) {
    statement.tables.push_back({&words, traces.words, {}, traces.word_publics});
    statement.tables.push_back({&bytes, traces.bytes, {}, {}});
    statement.tables.push_back({&range, traces.range, traces.range_fixed, {}});
    statement.options = options;
  }
};

std::vector<uint8_t> MustProve(const ProverStatement& s, const ProverConfig& config = {}) {
  Result<std::vector<uint8_t>> proof = ProveStark(s, config);
  EXPECT_TRUE(proof.ok()) << (proof.ok() ? "" : proof.error().message);
  return proof.ok() ? std::move(proof).value() : std::vector<uint8_t>();
}

// The prover's fold on the coset (FoldConstraintsOnCoset: base-field values, precomputed alpha
// powers, one pass of the AIR) equals the verifier's FoldConstraintsAt on the same values
// lifted to Ext3, at random points, selectors and challenges.
template <AirTable A>
void ExpectCosetFoldMatches(const A& air, uint64_t seed) {
  const ProverAirAdapter<A> adapter(air);
  const AirShape shape = air.shape();
  const uint32_t num_aux = adapter.logup().num_aux_columns;
  uint64_t state = seed;
  auto felt = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return Felt::FromU64(state >> 1);
  };
  auto ext = [&] { return Ext3(felt(), felt(), felt()); };
  for (int trial = 0; trial < 20; ++trial) {
    SCOPED_TRACE(::testing::Message() << air.name() << " trial " << trial);
    AirChallenges challenges{ext(), ext(), ext(), ext()};
    std::vector<Felt> main(shape.num_main_columns), main_next(shape.num_main_columns),
        pre(shape.num_preprocessed_columns), pre_next(shape.num_preprocessed_columns),
        public_values(shape.num_public_values);
    for (std::vector<Felt>* v : {&main, &main_next, &pre, &pre_next, &public_values}) {
      for (Felt& x : *v) x = felt();
    }
    std::vector<Ext3> aux(num_aux), aux_next(num_aux);
    for (Ext3& x : aux) x = ext();
    for (Ext3& x : aux_next) x = ext();
    const Felt first = felt(), last = felt(), transition = felt();
    auto lift = [](const std::vector<Felt>& v) { return std::vector<Ext3>(v.begin(), v.end()); };
    const std::vector<Ext3> main3 = lift(main), main_next3 = lift(main_next), pre3 = lift(pre),
                            pre_next3 = lift(pre_next);
    AirPointValues at;
    at.main = main3.data();
    at.main_next = main_next3.data();
    at.preprocessed = pre3.data();
    at.preprocessed_next = pre_next3.data();
    at.aux = aux.data();
    at.aux_next = aux_next.data();
    at.public_values = public_values.data();
    at.is_first_row = Ext3(first);
    at.is_last_row = Ext3(last);
    at.is_transition = Ext3(transition);
    CosetPointValues on;
    on.main = main.data();
    on.main_next = main_next.data();
    on.preprocessed = pre.data();
    on.preprocessed_next = pre_next.data();
    on.aux = aux.data();
    on.aux_next = aux_next.data();
    on.public_values = public_values.data();
    on.is_first_row = first;
    on.is_last_row = last;
    on.is_transition = transition;
    Ext3 expected, actual;
    ASSERT_TRUE(adapter.FoldConstraints(at, challenges, &expected));
    const CosetFoldContext ctx = MakeCosetFoldContext(challenges, adapter.num_constraints());
    ASSERT_TRUE(adapter.FoldConstraintsOnCoset(on, ctx, &actual));
    EXPECT_TRUE(actual == expected);
    // A context for another constraint count is refused, never read past.
    const CosetFoldContext short_ctx =
        MakeCosetFoldContext(challenges, adapter.num_constraints() - 1);
    EXPECT_FALSE(adapter.FoldConstraintsOnCoset(on, short_ctx, &actual));
  }
}

TEST(StarkTest, CosetFoldMatchesTheVerifiersFold) {
  ExpectCosetFoldMatches(FibonacciAir(), 1);
  ExpectCosetFoldMatches(WordSourceAir(), 2);
  ExpectCosetFoldMatches(BytesAir(), 3);
  ExpectCosetFoldMatches(ByteRangeAir(), 4);
  ExpectCosetFoldMatches(ProductAir(), 5);
}

// A prover that commits a DEEP codeword unrelated to the traces: a constant, so FRI's degree
// test and every Merkle opening pass, and only the check of the trace rows' DEEP values against
// the DEEP tree stands between it and an accepted proof. Every codeword position is tried.
TEST(StarkTest, DeepCodewordUnrelatedToTheTracesIsRejected) {
  Pipeline p(TestOptions(1));
  Fibonacci fib(256, TestOptions(1));
  for (ProverStatement* statement : {&p.statement, &fib.statement}) {
    StarkStatement verifier_statement;
    std::vector<StarkTable> tables;
    auto layout = std::make_unique<StarkLayout>();
    const Result<crypto::MerkleDigest> root = PreprocessedRoot(*statement);
    ASSERT_TRUE(root.ok());
    verifier_statement = VerifierStatement(*statement, *root, &tables);
    ASSERT_TRUE(MakeStarkLayout(verifier_statement, layout.get()).ok());
    for (uint32_t input = 0; input < layout->num_fri_inputs; ++input) {
      ProverConfig config;
      config.tamper_deep = [input](std::vector<ColumnMajorMatrix>& deep) {
        for (size_t row = 0; row < deep[input].num_rows(); ++row) {
          for (size_t c = 0; c < 3; ++c) deep[input](row, c) = Felt::FromU64(7 + c);
        }
      };
      const Result<std::vector<uint8_t>> proof = ProveStark(*statement, config);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      const Status s = VerifyProof(*proof, *statement);
      ASSERT_FALSE(s.ok()) << "input " << input;
      EXPECT_NE(s.message().find("DEEP value"), std::string::npos) << s.message();
    }
  }
}

TEST(StarkTest, FibonacciEveryBlowup) {
  for (crypto::HashId hash : kHashes) {
    for (uint8_t log_blowup = 1; log_blowup <= 4; ++log_blowup) {
      for (size_t rows : {size_t{2}, size_t{8}, size_t{256}}) {
        Fibonacci fib(rows, TestOptions(log_blowup, hash));
        const std::vector<uint8_t> proof = MustProve(fib.statement);
        const Status s = VerifyProof(proof, fib.statement);
        EXPECT_TRUE(s.ok()) << crypto::HashName(hash) << ", blowup " << (1 << log_blowup)
                            << ", rows " << rows << ": " << s.message();
      }
    }
  }
}

TEST(StarkTest, FibonacciSecurePresets) {
  for (crypto::HashId hash : kHashes) {
    for (const ProofOptions& preset : {kDefaultOptions, kRecursionOptions}) {
      const ProofOptions options = WithHash(preset, hash);
      Fibonacci fib(1 << 10, options);
      const std::vector<uint8_t> proof = MustProve(fib.statement);
      const Status s = VerifyProof(proof, fib.statement);
      EXPECT_TRUE(s.ok()) << PresetName(options.preset) << ": " << s.message();
      std::printf("fibonacci 2^10, preset %s, %s: %zu bytes\n", PresetName(options.preset),
                  crypto::HashName(hash), proof.size());
    }
  }
}

// A proof verifies only as a proof of its own hash: verified as the other hash's (the statement's
// options naming the other hash) it is rejected by its options, and a verifier of one hash
// refuses a statement of the other before reading the proof.
TEST(StarkTest, ProofsOfOneHashAreRejectedAsTheOthers) {
  for (crypto::HashId hash : kHashes) {
    const crypto::HashId other =
        hash == crypto::HashId::kSha3 ? crypto::HashId::kPoseidon2 : crypto::HashId::kSha3;
    Pipeline p(TestOptions(1, hash));
    const std::vector<uint8_t> proof = MustProve(p.statement);
    ASSERT_TRUE(VerifyProof(proof, p.statement).ok());
    ProverStatement as_other = p.statement;
    as_other.options.hash = other;
    const Status s = VerifyProof(proof, as_other);
    ASSERT_FALSE(s.ok()) << crypto::HashName(hash);
    EXPECT_NE(s.message().find("options"), std::string::npos) << s.message();
    // The proof's options byte changed to the other hash: the transcript and trees disagree.
    std::vector<uint8_t> relabelled = proof;
    relabelled[kProofOptionsOffset + 7] = static_cast<uint8_t>(other);
    EXPECT_FALSE(VerifyProof(relabelled, as_other).ok()) << crypto::HashName(hash);
    // The freestanding verifiers of each hash.
    Result<crypto::MerkleDigest> root = PreprocessedRoot(p.statement);
    ASSERT_TRUE(root.ok());
    std::vector<StarkTable> tables;
    const StarkStatement statement = VerifierStatement(p.statement, *root, &tables);
    const AlignedProofCopy aligned(proof);
    auto sha3 = std::make_unique<StarkVerifier<Sha3StarkHash<>>>();
    auto poseidon2 = std::make_unique<StarkVerifier<Poseidon2StarkHash<>>>();
    const StarkStatus by_sha3 = sha3->Verify(statement, aligned.data(), aligned.size());
    const StarkStatus by_poseidon2 = poseidon2->Verify(statement, aligned.data(), aligned.size());
    EXPECT_EQ((hash == crypto::HashId::kSha3 ? by_poseidon2 : by_sha3).error,
              StarkError::kHashMismatch);
    EXPECT_TRUE((hash == crypto::HashId::kSha3 ? by_sha3 : by_poseidon2).ok());
  }
}

TEST(StarkTest, DegreeThreeEveryBlowup) {
  const ProductAir air;
  const ProverAirAdapter<ProductAir> adapter(air);
  ASSERT_TRUE(adapter.valid());
  EXPECT_EQ(adapter.logup().per_column, 2u);
  for (uint8_t log_blowup = 1; log_blowup <= 4; ++log_blowup) {
    ColumnMajorMatrix trace = ProductTrace(128);
    ProverStatement s;
    s.tables.push_back({&adapter, trace, {}, {trace(0, 0), trace(0, 1)}});
    s.options = TestOptions(log_blowup);
    const std::vector<uint8_t> proof = MustProve(s);
    const Status status = VerifyProof(proof, s);
    EXPECT_TRUE(status.ok()) << "blowup " << (1 << log_blowup) << ": " << status.message();
    trace(50, 0) += Felt::One();
    const std::vector<uint8_t> bad = MustProve(s, {.debug_checks = false});
    EXPECT_FALSE(VerifyProof(bad, s).ok()) << "blowup " << (1 << log_blowup);
  }
}

TEST(StarkTest, InsecureOptionsWithoutThePresetAreRejected) {
  ProofOptions options = TestOptions(1);
  options.preset = PresetId::kCustom;
  Fibonacci fib(64, options);
  const std::vector<uint8_t> proof = MustProve(fib.statement);
  const Status s = VerifyProof(proof, fib.statement);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("preset custom: blowup 2, 8 queries"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("below the required 100"), std::string::npos) << s.message();
}

// The insecure preset's proofs verify only for a caller that allows the preset.
TEST(StarkTest, InsecurePresetOnlyWhenAllowed) {
  Fibonacci fib(64, TestOptions(1));
  const std::vector<uint8_t> proof = MustProve(fib.statement);
  Result<crypto::MerkleDigest> root = PreprocessedRoot(fib.statement);
  ASSERT_TRUE(root.ok());
  std::vector<StarkTable> tables;
  const StarkStatement statement = VerifierStatement(fib.statement, *root, &tables);
  const Status refused = VerifyStark(proof, statement);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("insecure test preset is accepted only"), std::string::npos)
      << refused.message();
  SecurityReport report;
  EXPECT_TRUE(VerifyStark(proof, statement, kAllowInsecurePreset, &report).ok());
  EXPECT_LT(report.provable_bits, 100.0);
}

TEST(StarkTest, PipelineEveryBlowup) {
  for (uint8_t log_blowup = 1; log_blowup <= 4; ++log_blowup) {
    Pipeline p(TestOptions(log_blowup));
    const std::vector<uint8_t> proof = MustProve(p.statement);
    const Status s = VerifyProof(proof, p.statement);
    EXPECT_TRUE(s.ok()) << "blowup " << (1 << log_blowup) << ": " << s.message();
  }
}

// Fibonacci tables of 1024 and 256 rows with the pipeline: the aux and preprocessed trees are
// shorter than the FRI top, and two tables of different AIRs share the 256-row height class.
TEST(StarkTest, MixedStatement) {
  for (uint8_t log_blowup : {uint8_t{1}, uint8_t{3}}) {
    Pipeline p(TestOptions(log_blowup));
    Fibonacci tall(1024, p.statement.options);
    Fibonacci short_fib(256, p.statement.options);
    ProverStatement s = p.statement;
    s.tables.insert(s.tables.begin(), tall.statement.tables[0]);
    s.tables.push_back(short_fib.statement.tables[0]);
    const std::vector<uint8_t> proof = MustProve(s);
    const Status status = VerifyProof(proof, s);
    EXPECT_TRUE(status.ok()) << status.message();
    // Swapping two tables is another statement.
    ProverStatement swapped = s;
    std::swap(swapped.tables[0], swapped.tables[4]);
    EXPECT_FALSE(VerifyProof(proof, swapped).ok());
  }
}

TEST(StarkTest, WrongPublicValueIsRejected) {
  Fibonacci fib(64, TestOptions(1));
  const std::vector<uint8_t> proof = MustProve(fib.statement);
  for (size_t i = 0; i < 3; ++i) {
    ProverStatement other = fib.statement;
    other.tables[0].public_values[i] += Felt::One();
    const Status s = VerifyProof(proof, other);
    EXPECT_FALSE(s.ok()) << "public value " << i;
  }
}

TEST(StarkTest, ChangedTraceCellIsRejected) {
  for (size_t col = 0; col < 2; ++col) {
    for (size_t row : {size_t{0}, size_t{17}, size_t{63}}) {
      Fibonacci fib(64, TestOptions(1));
      fib.trace(row, col) += Felt::One();
      fib.statement.tables[0].main = fib.trace;
      EXPECT_FALSE(ProveStark(fib.statement).ok()) << "the row checker lets it through";
      const std::vector<uint8_t> proof = MustProve(fib.statement, {.debug_checks = false});
      const Status s = VerifyProof(proof, fib.statement);
      EXPECT_FALSE(s.ok()) << "row " << row << ", column " << col;
      if (!s.ok()) {
        EXPECT_NE(s.message().find("ood values"), std::string::npos) << s.message();
      }
    }
  }
}

TEST(StarkTest, PipelineChangedCellIsRejected) {
  Pipeline p(TestOptions(1));
  p.traces.bytes(3, 4) += Felt::One();  // breaks the byte decomposition and the byte bus
  const std::vector<uint8_t> proof = MustProve(p.statement, {.debug_checks = false});
  EXPECT_FALSE(VerifyProof(proof, p.statement).ok());
}

TEST(StarkTest, UnbalancedBusIsRejected) {
  Pipeline p(TestOptions(1));
  p.traces.range(7, 0) += Felt::One();  // claims one more byte 7 than was sent
  EXPECT_FALSE(ProveStark(p.statement).ok()) << "the bus ledger lets it through";
  const std::vector<uint8_t> proof = MustProve(p.statement, {.debug_checks = false});
  const Status s = VerifyProof(proof, p.statement);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bus totals"), std::string::npos) << s.message();
}

TEST(StarkTest, WrongVerifyingKeyIsRejected) {
  Pipeline p(TestOptions(1));
  const std::vector<uint8_t> proof = MustProve(p.statement);
  // The verifier's preprocessed column says 1..256 instead of 0..255.
  ColumnMajorMatrix fixed(256, 1);
  for (size_t r = 0; r < 256; ++r) fixed(r, 0) = Felt::FromU64(r + 1);
  ProverStatement other = p.statement;
  other.tables[2].preprocessed = fixed;
  const Status s = VerifyProof(proof, other);
  EXPECT_FALSE(s.ok());
}

TEST(StarkTest, Deterministic) {
  Pipeline p(TestOptions(2));
  const std::vector<uint8_t> first = MustProve(p.statement);
  EXPECT_EQ(first, MustProve(p.statement));
  Fibonacci fib(1 << 12, TestOptions(1));
  std::vector<uint8_t> one, two;
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one = MustProve(fib.statement);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two = MustProve(fib.statement);
  }
  EXPECT_EQ(one, two);
}

void ExpectMalformedProofsRejected(crypto::HashId hash) {
  Pipeline p(TestOptions(1, hash));
  const std::vector<uint8_t> proof = MustProve(p.statement);
  ASSERT_TRUE(VerifyProof(proof, p.statement).ok());
  // Truncations.
  for (size_t size = 0; size < proof.size(); size += 1 + proof.size() / 97) {
    const std::vector<uint8_t> cut(proof.begin(), proof.begin() + size);
    EXPECT_FALSE(VerifyProof(cut, p.statement).ok()) << "size " << size;
  }
  // Trailing bytes.
  std::vector<uint8_t> longer = proof;
  longer.resize(proof.size() + 16);
  const Status trailing = VerifyProof(longer, p.statement);
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.message().find("trailing"), std::string::npos) << trailing.message();
  // A flipped byte in each section, at its start, middle and end.
  const AlignedProofCopy aligned(proof);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(aligned.data(), aligned.size(), &view).ok());
  for (uint32_t i = 0; i < view.num_sections(); ++i) {
    const SectionReader section = view.SectionAt(i);
    if (section.size_bytes() == 0) continue;
    for (size_t at : {size_t{0}, section.size_bytes() / 2, section.size_bytes() - 1}) {
      std::vector<uint8_t> bad = proof;
      bad[section.offset() + at] ^= 0x01;
      const Status s = VerifyProof(bad, p.statement);
      ASSERT_FALSE(s.ok()) << "section " << section.id() << ", byte " << at;
      EXPECT_NE(s.message().find("section "), std::string::npos) << s.message();
      std::printf("section %u byte %zu: %s\n", section.id(), at, s.message().c_str());
    }
  }
  // A flipped header byte.
  std::vector<uint8_t> bad = proof;
  bad[33] ^= 0x01;  // options: blowup
  EXPECT_FALSE(VerifyProof(bad, p.statement).ok());
}

TEST(StarkTest, MalformedProofsAreRejected) {
  for (crypto::HashId hash : kHashes) {
    SCOPED_TRACE(crypto::HashName(hash));
    ExpectMalformedProofsRejected(hash);
  }
}

// ---- Runs of several instances (shared LogUp challenges) ----------------------------------

// The pipeline cut into two instances: the word source and the byte splitter in one, the byte
// range table in the other, so the byte bus balances only across the run. A Fibonacci table
// (no buses) makes a third instance.
struct PipelineRun {
  Pipeline p{TestOptions(1)};
  Fibonacci fib{64, TestOptions(1)};
  std::vector<ProverStatement> instances;
  PipelineRun() {
    ProverStatement first, second;
    first.options = second.options = p.statement.options;
    first.tables = {p.statement.tables[0], p.statement.tables[1]};
    second.tables = {p.statement.tables[2]};
    instances = {first, second, fib.statement};
  }
  std::vector<std::vector<uint8_t>> Prove(const ProverConfig& config = {}) const {
    Result<std::vector<std::vector<uint8_t>>> proofs = ProveStarkRun(instances, config);
    EXPECT_TRUE(proofs.ok()) << (proofs.ok() ? "" : proofs.error().message);
    return proofs.ok() ? std::move(proofs).value() : std::vector<std::vector<uint8_t>>();
  }
};

Status VerifyRun(const std::vector<ProverStatement>& instances,
                 const std::vector<std::vector<uint8_t>>& proofs) {
  std::vector<std::vector<StarkTable>> tables(instances.size());
  std::vector<StarkStatement> statements;
  for (size_t i = 0; i < instances.size(); ++i) {
    Result<crypto::MerkleDigest> root = PreprocessedRoot(instances[i]);
    if (!root.ok()) return root.error();
    statements.push_back(VerifierStatement(instances[i], *root, &tables[i]));
  }
  return VerifyStarkRun(statements, proofs, kAllowInsecurePreset);
}

TEST(StarkRunTest, BusesBalanceAcrossInstances) {
  PipelineRun run;
  // Alone, the first two instances do not balance: the byte bus crosses them.
  EXPECT_FALSE(ProveStark(run.instances[0]).ok());
  const std::vector<std::vector<uint8_t>> proofs = run.Prove();
  ASSERT_EQ(proofs.size(), 3u);
  const Status s = VerifyRun(run.instances, proofs);
  EXPECT_TRUE(s.ok()) << s.message();
  // Deterministic.
  EXPECT_EQ(proofs, run.Prove());
  // An instance's proof is not a standalone proof.
  EXPECT_FALSE(VerifyProof(proofs[2], run.instances[2]).ok());
}

TEST(StarkRunTest, OneInstanceRun) {
  Pipeline p(TestOptions(1));
  Result<std::vector<std::vector<uint8_t>>> proofs = ProveStarkRun(std::span(&p.statement, 1));
  ASSERT_TRUE(proofs.ok()) << proofs.error().message;
  EXPECT_TRUE(VerifyRun({p.statement}, *proofs).ok());
}

TEST(StarkRunTest, ChangedRunsAreRejected) {
  PipelineRun run;
  const std::vector<std::vector<uint8_t>> proofs = run.Prove();
  const std::vector<ProverStatement>& in = run.instances;
  struct Case {
    const char* what;
    std::vector<ProverStatement> instances;
    std::vector<std::vector<uint8_t>> proofs;
  };
  const Case cases[] = {
      {"dropped", {in[0], in[2]}, {proofs[0], proofs[2]}},
      {"dropped last", {in[0], in[1]}, {proofs[0], proofs[1]}},
      {"duplicated", {in[0], in[1], in[1], in[2]}, {proofs[0], proofs[1], proofs[1], proofs[2]}},
      {"reordered", {in[1], in[0], in[2]}, {proofs[1], proofs[0], proofs[2]}},
      {"proofs swapped", in, {proofs[0], proofs[2], proofs[1]}},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(VerifyRun(c.instances, c.proofs).ok()) << c.what;
  }
  // An instance from another run of the same statements' shape: the Fibonacci table started
  // elsewhere, proved in a run of its own.
  PipelineRun other;
  other.fib.trace = testing::FibonacciTrace(64, 2, 3);
  other.instances[2].tables[0].main = other.fib.trace;
  other.instances[2].tables[0].public_values = other.fib.PublicValues();
  const std::vector<std::vector<uint8_t>> other_proofs = other.Prove();
  EXPECT_TRUE(VerifyRun(other.instances, other_proofs).ok());
  EXPECT_FALSE(VerifyRun(other.instances, {proofs[0], proofs[1], other_proofs[2]}).ok());
  EXPECT_FALSE(VerifyRun(in, {proofs[0], proofs[1], other_proofs[2]}).ok());
}

// A lying prover whose buses do not balance over the run: every instance's proof is valid for
// its own committed traces, and only the run's sum catches it.
TEST(StarkRunTest, UnbalancedRunIsRejectedByTheSum) {
  PipelineRun run;
  run.p.traces.range(7, 0) += Felt::One();  // one more byte 7 received than sent
  EXPECT_FALSE(ProveStarkRun(run.instances).ok()) << "the run's bus ledger lets it through";
  const std::vector<std::vector<uint8_t>> proofs = run.Prove({.debug_checks = false});
  const Status s = VerifyRun(run.instances, proofs);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("do not sum to zero"), std::string::npos) << s.message();
}

// A prover that draws the shared challenges before one instance's main trace is committed
// (its root not absorbed): the verifier's challenges differ, and the instance is rejected.
TEST(StarkRunTest, ChallengesWithoutAnInstancesRootAreRejected) {
  PipelineRun run;
  const uint32_t n = static_cast<uint32_t>(run.instances.size());
  crypto::ProverTranscript transcript(kStarkRunProtocol);
  AbsorbRunHeader(transcript, n, /*run_tag=*/0);
  std::vector<std::vector<StarkTable>> tables(n);
  for (uint32_t i = 0; i + 1 < n; ++i) {  // the last instance's root is left out
    Result<MainCommitment> c = CommitMainRoot(run.instances[i], {.debug_checks = false});
    ASSERT_TRUE(c.ok());
    AbsorbRunInstance(transcript, i,
                      VerifierStatement(run.instances[i], c->preprocessed_root, &tables[i]),
                      c->main_root);
  }
  const SharedLogup shared = DrawSharedLogup(transcript, n);
  std::vector<std::vector<uint8_t>> proofs;
  for (uint32_t i = 0; i < n; ++i) {
    ProverConfig config;
    config.debug_checks = false;
    config.shared_logup = [&, i](const crypto::MerkleDigest&) -> Result<SharedLogup> {
      SharedLogup s = shared;
      s.instance = i;
      return s;
    };
    proofs.push_back(MustProve(run.instances[i], config));
  }
  const Status s = VerifyRun(run.instances, proofs);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("instance 0"), std::string::npos) << s.message();
}

TEST(StarkRunTest, MalformedInstanceProofsAreRejected) {
  PipelineRun run;
  const std::vector<std::vector<uint8_t>> proofs = run.Prove();
  for (size_t i = 0; i < proofs.size(); ++i) {
    std::vector<std::vector<uint8_t>> bad = proofs;
    bad[i].resize(bad[i].size() - 16);
    EXPECT_FALSE(VerifyRun(run.instances, bad).ok()) << "truncated " << i;
    bad = proofs;
    bad[i][bad[i].size() / 2] ^= 1;
    EXPECT_FALSE(VerifyRun(run.instances, bad).ok()) << "flipped " << i;
  }
  EXPECT_FALSE(VerifyRun(run.instances, {proofs[0], proofs[1]}).ok()) << "a proof missing";
}

// Prints prove/verify times and proof sizes (not a timed test; run with
// --gtest_also_run_disabled_tests).
TEST(StarkTest, DISABLED_FibonacciTimings) {
  for (uint32_t log_rows : {10u, 16u}) {
    for (const ProofOptions& options : {TestOptions(1), kDefaultOptions}) {
      Fibonacci fib(size_t{1} << log_rows, options);
      const auto t0 = std::chrono::steady_clock::now();
      const std::vector<uint8_t> proof = MustProve(fib.statement);
      const auto t1 = std::chrono::steady_clock::now();
      const Status s = VerifyProof(proof, fib.statement);
      const auto t2 = std::chrono::steady_clock::now();
      EXPECT_TRUE(s.ok()) << s.message();
      std::printf(
          "fibonacci 2^%u, %s (%u queries, blowup %u): prove %.1f ms, verify %.2f ms, "
          "%zu bytes\n",
          log_rows, PresetName(options.preset), options.num_queries, options.blowup(),
          std::chrono::duration<double, std::milli>(t1 - t0).count(),
          std::chrono::duration<double, std::milli>(t2 - t1).count(), proof.size());
    }
  }
}

// Declares max_degree 2 (unless told otherwise), but its transition constraint
// x_{i+1} = x_i^2 has degree 3 (selector, x, x): the quotient needs two chunks. Column x;
// public value x_0. Constructed with 3 it is the correctly declared twin.
class UnderDeclaredAir {
 public:
  explicit UnderDeclaredAir(int declared_degree = 2) : declared_degree_(declared_degree) {}
  const char* name() const { return "under_declared"; }
  AirShape shape() const {
    return {.num_main_columns = 1, .num_public_values = 1, .max_degree = declared_degree_};
  }
  template <typename E>
  void Evaluate(E& e) const {
    const auto x = e.main(0);
    e.Constrain(e.is_first_row() * (x - e.public_value(0)));
    e.Constrain(e.is_transition() * (e.main_next(0) - x * x));  // degree 3
  }

 private:
  int declared_degree_;
};

// A valid trace of UnderDeclaredAir: x_0 = 3, x_{i+1} = x_i^2.
ColumnMajorMatrix SquaringTrace(size_t rows) {
  ColumnMajorMatrix m(rows, 1);
  Felt x = Felt::FromU64(3);
  for (size_t r = 0; r < rows; ++r) {
    m(r, 0) = x;
    x = x * x;
  }
  return m;
}

// Passes every call to `inner` but claims the AIR is valid: what a prover or verifier whose
// degree check is skipped or wrong would see.
class ClaimsValidAir final : public ProverAir {
 public:
  explicit ClaimsValidAir(const ProverAir& inner) : inner_(inner) {}
  const char* name() const override { return inner_.name(); }
  AirShape shape() const override { return inner_.shape(); }
  LogupLayout logup() const override { return inner_.logup(); }
  bool valid() const override { return true; }
  uint32_t num_constraints() const override { return inner_.num_constraints(); }
  bool FoldConstraints(const AirPointValues& values, const AirChallenges& challenges,
                       Ext3* out) const override {
    return inner_.FoldConstraints(values, challenges, out);
  }
  Status CheckRows(const TableTrace& trace, BusLedger* ledger, size_t row_begin,
                   size_t row_end) const override {
    return inner_.CheckRows(trace, ledger, row_begin, row_end);
  }
  Result<LogupAux> BuildAux(const TableTrace& trace, const Ext3& z, const Ext3& a) const override {
    return inner_.BuildAux(trace, z, a);
  }
  bool FoldConstraintsOnCoset(const CosetPointValues& values, const CosetFoldContext& ctx,
                              Ext3* out) const override {
    return inner_.FoldConstraintsOnCoset(values, ctx, out);
  }

 private:
  const ProverAir& inner_;
};

// An AIR whose constraint is above its declared degree cannot be proved. The prover refuses it
// structurally, with or without debug checks: the statement check (MakeStarkLayout: the AIR is
// not valid()) runs before the debug checks and before any commitment, so no bytes come out.
// Pushed past that check (ClaimsValidAir), the debug checks name the constraint, and a proof
// forced out without them is rejected by the verifier: by its own statement check, and, were
// that fooled too, at the out-of-domain point (the quotient's second chunk was dropped).
TEST(StarkTest, UnderDeclaredDegreeIsRejected) {
  const UnderDeclaredAir air;
  const ProverAirAdapter<UnderDeclaredAir> adapter(air);
  EXPECT_FALSE(adapter.valid());
  const ColumnMajorMatrix trace = SquaringTrace(64);
  ProverStatement s;
  s.tables.push_back({&adapter, trace, {}, {trace(0, 0)}});
  s.options = TestOptions(2);
  for (bool debug_checks : {true, false}) {
    const Result<std::vector<uint8_t>> refused = ProveStark(s, {.debug_checks = debug_checks});
    ASSERT_FALSE(refused.ok()) << "debug checks " << debug_checks;
    EXPECT_EQ(refused.error().message,
              "statement: the AIR cannot be proved (constraint above its degree bound, interaction "
              "on the next row or a selector, too many interactions, or no room for LogUp) "
              "(table or tree 0: under_declared)");
  }

  const ClaimsValidAir claims(adapter);
  ProverStatement forced = s;
  forced.tables[0].air = &claims;
  const Result<std::vector<uint8_t>> checked = ProveStark(forced);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message,
            "table under_declared: constraint 1 has degree 3, above the declared bound 2");

  for (uint8_t log_blowup = 1; log_blowup <= 3; ++log_blowup) {
    s.options = forced.options = TestOptions(log_blowup);
    const std::vector<uint8_t> proof = MustProve(forced, {.debug_checks = false});
    ASSERT_FALSE(proof.empty());
    std::vector<StarkTable> tables;
    const Status honest = VerifyStark(proof, VerifierStatement(s, crypto::MerkleDigest(), &tables),
                                      kAllowInsecurePreset);
    ASSERT_FALSE(honest.ok()) << "blowup " << (1 << log_blowup);
    EXPECT_NE(honest.message().find("statement: the AIR cannot be proved"), std::string::npos)
        << honest.message();
    const Status fooled = VerifyProof(proof, forced);
    ASSERT_FALSE(fooled.ok()) << "blowup " << (1 << log_blowup);
    EXPECT_NE(fooled.message().find("section 6 (ood values)"), std::string::npos)
        << fooled.message();
  }

  // The trace is valid: declared at its true degree, the same table proves and verifies.
  const UnderDeclaredAir twin_air(3);
  const ProverAirAdapter<UnderDeclaredAir> twin(twin_air);
  ASSERT_TRUE(twin.valid());
  ProverStatement declared = s;
  declared.tables[0].air = &twin;
  const Status ok = VerifyProof(MustProve(declared), declared);
  EXPECT_TRUE(ok.ok()) << ok.message();
}

// A field element >= p where the proof holds a field element is rejected when the proof is
// parsed (ProofView for the Ext3 sections, the Merkle verifier for opened rows), with a message
// naming the section: 2^64 - 1, and p itself (which would reduce to 0).
void ExpectNonCanonicalElementsRejected(crypto::HashId hash) {
  Fibonacci fib(64, TestOptions(1, hash));
  const std::vector<uint8_t> proof = MustProve(fib.statement);
  ASSERT_TRUE(VerifyProof(proof, fib.statement).ok());
  const AlignedProofCopy aligned(proof);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(aligned.data(), aligned.size(), &view).ok());
  SectionReader ood, main_openings, deep_openings;
  ASSERT_TRUE(view.Section(kSectionOodValues, &ood).ok());
  ASSERT_TRUE(view.Section(kSectionMainOpenings, &main_openings).ok());
  ASSERT_TRUE(view.Section(kSectionDeepOpenings, &deep_openings).ok());
  const struct {
    const char* what;
    size_t offset;
    const char* expected;
  } kTargets[] = {
      {"first OOD value, c0", ood.offset(), "section 6 (ood values)"},
      {"an OOD value, c1", ood.offset() + 3 * 8 * 5 + 8, "section 6 (ood values)"},
      {"last OOD value, c2", ood.offset() + ood.size_bytes() - 8, "section 6 (ood values)"},
      {"first opened main row value", main_openings.offset(), "section 10 (main openings)"},
      {"first opened DEEP value", deep_openings.offset(), "section 13 (deep openings)"},
      // The last 8 bytes of an opening are a sibling digest's: a Poseidon2 digest is 4
      // canonical elements (SHA3's is any bytes: a wrong digest, checked below).
      {"a sibling digest's last element", main_openings.offset() + main_openings.size_bytes() - 8,
       "section 10 (main openings)"},
  };
  for (const auto& target : kTargets) {
    for (uint64_t value : {~uint64_t{0}, Felt::kModulus}) {
      std::vector<uint8_t> bad = proof;
      for (int i = 0; i < 8; ++i) bad[target.offset + i] = static_cast<uint8_t>(value >> (8 * i));
      const Status s = VerifyProof(bad, fib.statement);
      ASSERT_FALSE(s.ok()) << target.what << " = " << value;
      EXPECT_NE(s.message().find(target.expected), std::string::npos) << s.message();
      const bool sibling = std::string_view(target.what).starts_with("a sibling");
      EXPECT_NE(
          s.message().find(sibling && hash == crypto::HashId::kSha3 ? "root mismatch"
                                                                    : "canonical field element"),
          std::string::npos)
          << s.message();
      std::printf("%s = %#llx: %s\n", target.what, static_cast<unsigned long long>(value),
                  s.message().c_str());
    }
  }
}

TEST(StarkTest, NonCanonicalFieldElementIsRejected) {
  for (crypto::HashId hash : kHashes) {
    SCOPED_TRACE(crypto::HashName(hash));
    ExpectNonCanonicalElementsRejected(hash);
  }
}

// Truncation exactly at every section boundary (and one byte either side), and inside the
// header and the section table: each is rejected with a message, never a crash.
void ExpectTruncationsRejected(crypto::HashId hash) {
  Pipeline p(TestOptions(1, hash));
  const std::vector<uint8_t> proof = MustProve(p.statement);
  const AlignedProofCopy aligned(proof);
  ProofView view;
  ASSERT_TRUE(ProofView::Parse(aligned.data(), aligned.size(), &view).ok());
  std::vector<size_t> cuts = {0, 1, 4, 16, 63, 64, 65};
  for (uint32_t i = 0; i < view.num_sections(); ++i) {
    const SectionReader section = view.SectionAt(i);
    const size_t begin = section.offset();
    for (size_t at : {begin, begin + section.size_bytes()}) {
      for (size_t delta : {size_t{0}, size_t{1}}) {
        if (at >= delta) cuts.push_back(at - delta);
        cuts.push_back(at + delta);
      }
    }
  }
  size_t tried = 0;
  for (size_t cut : cuts) {
    if (cut >= proof.size()) continue;
    const std::vector<uint8_t> truncated(proof.begin(), proof.begin() + static_cast<long>(cut));
    const Status s = VerifyProof(truncated, p.statement);
    ASSERT_FALSE(s.ok()) << "truncated to " << cut << " bytes";
    EXPECT_FALSE(s.message().empty());
    ++tried;
  }
  EXPECT_GT(tried, 3 * static_cast<size_t>(view.num_sections()));
}

TEST(StarkTest, TruncationAtEverySectionBoundaryIsRejected) {
  for (crypto::HashId hash : kHashes) {
    SCOPED_TRACE(crypto::HashName(hash));
    ExpectTruncationsRejected(hash);
  }
}

// Public output: rows (index, byte, real) with index_0 = 0, index_{i+1} = index_i + 1 and real
// in {0, 1}; each real row sends (index, byte) on bus kOutputBus, which no table receives: the
// verifier balances it with public Receives of the output bytes.
constexpr uint32_t kOutputBus = 9;

class OutputAir {
 public:
  const char* name() const { return "output"; }
  AirShape shape() const { return {.num_main_columns = 3, .max_degree = 3}; }
  template <typename E>
  void Evaluate(E& e) const {
    const auto index = e.main(0), byte = e.main(1), real = e.main(2);
    e.Constrain(e.is_first_row() * index);
    e.Constrain(e.is_transition() * (e.main_next(0) - index - e.constant(1)));
    e.Constrain(real * (real - e.constant(1)));
    e.Send(kOutputBus, real, {index, byte});
  }
};

struct Output {
  OutputAir air;
  ProverAirAdapter<OutputAir> adapter{air};
  std::vector<uint8_t> bytes = {'z', 'k', 'v', 'm', '!'};
  ColumnMajorMatrix trace{8, 3};
  ProverStatement statement;

  explicit Output(const ProofOptions& options) {
    for (size_t r = 0; r < trace.num_rows(); ++r) {
      trace(r, 0) = Felt::FromU64(r);
      trace(r, 1) = Felt::FromU64(r < bytes.size() ? bytes[r] : 0);
      trace(r, 2) = Felt::FromU64(r < bytes.size() ? 1 : 0);
    }
    statement.tables.push_back({&adapter, trace, {}, {}});
    statement.options = options;
    statement.public_interactions = PublicOutput(bytes);
  }
  // The verifier's side: one Receive of (i, byte i) per output byte.
  static std::vector<StarkPublicInteraction> PublicOutput(const std::vector<uint8_t>& bytes) {
    std::vector<StarkPublicInteraction> out;
    for (size_t i = 0; i < bytes.size(); ++i) {
      const Felt tuple[2] = {Felt::FromU64(i), Felt::FromU64(bytes[i])};
      out.push_back(MakePublicInteraction(kOutputBus, false, Felt::One(), tuple, 2));
    }
    return out;
  }
};

TEST(StarkTest, PublicInteractionsBalanceAnOutputTable) {
  for (uint8_t log_blowup : {uint8_t{1}, uint8_t{2}}) {
    Output out(TestOptions(log_blowup));
    ASSERT_TRUE(out.adapter.valid());
    const std::vector<uint8_t> proof = MustProve(out.statement);
    const Status s = VerifyProof(proof, out.statement);
    EXPECT_TRUE(s.ok()) << "blowup " << (1 << log_blowup) << ": " << s.message();
    // With the pipeline (internal buses) beside it, in one statement.
    Pipeline p(TestOptions(log_blowup));
    ProverStatement both = p.statement;
    both.tables.push_back(out.statement.tables[0]);
    both.public_interactions = out.statement.public_interactions;
    const Status mixed = VerifyProof(MustProve(both), both);
    EXPECT_TRUE(mixed.ok()) << mixed.message();
  }
  // A public Send cancels a public Receive of the same tuple.
  Output out(TestOptions(1));
  StarkPublicInteraction echo = out.statement.public_interactions[2];
  echo.send = true;
  out.statement.public_interactions.push_back(echo);
  out.statement.public_interactions.push_back(out.statement.public_interactions[2]);
  const Status s = VerifyProof(MustProve(out.statement), out.statement);
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(StarkTest, WrongPublicInteractionsAreRejected) {
  Output out(TestOptions(1));
  const std::vector<uint8_t> proof = MustProve(out.statement);
  ASSERT_TRUE(VerifyProof(proof, out.statement).ok());
  std::vector<std::pair<std::string, std::vector<StarkPublicInteraction>>> cases;
  {
    std::vector<uint8_t> bytes = out.bytes;
    bytes[3] ^= 1;
    cases.push_back({"a changed byte", Output::PublicOutput(bytes)});
  }
  {
    std::vector<StarkPublicInteraction> v = out.statement.public_interactions;
    v.pop_back();
    cases.push_back({"a dropped byte", v});
  }
  {
    std::vector<uint8_t> bytes = out.bytes;
    bytes.push_back('?');
    cases.push_back({"an added byte", Output::PublicOutput(bytes)});
  }
  {
    std::vector<StarkPublicInteraction> v = out.statement.public_interactions;
    v[0].send = true;
    cases.push_back({"a Receive turned into a Send", v});
  }
  {
    std::vector<StarkPublicInteraction> v = out.statement.public_interactions;
    v[1].multiplicity = Felt::FromU64(2);
    cases.push_back({"a doubled multiplicity", v});
  }
  cases.push_back({"no public interactions", {}});
  for (const auto& [what, interactions] : cases) {
    ProverStatement other = out.statement;
    other.public_interactions = interactions;
    // The honest proof, checked against the other public data.
    const Status s = VerifyProof(proof, other);
    ASSERT_FALSE(s.ok()) << what;
    EXPECT_NE(s.message().find("section 4 (bus totals): bus totals"), std::string::npos)
        << what << ": " << s.message();
    // The debug ledger refuses to prove it, naming the bus.
    const Result<std::vector<uint8_t>> refused = ProveStark(other);
    ASSERT_FALSE(refused.ok()) << what;
    EXPECT_NE(refused.error().message.find("buses do not balance"), std::string::npos)
        << refused.error().message;
    // A proof forced out for that statement is rejected at the bus check.
    const Status forced = VerifyProof(MustProve(other, {.debug_checks = false}), other);
    ASSERT_FALSE(forced.ok()) << what;
    EXPECT_NE(forced.message().find("bus totals"), std::string::npos) << forced.message();
    std::printf("%s: %s\n", what.c_str(), s.message().c_str());
  }
  // Too wide a tuple is a bad statement.
  ProverStatement wide = out.statement;
  wide.public_interactions[0].width = kStarkMaxPublicTupleWidth + 1;
  const Status s = VerifyProof(proof, wide);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("public bus interactions"), std::string::npos) << s.message();
  EXPECT_FALSE(ProveStark(wide).ok());
}

// Builds table t's trace afresh on every Trace call and frees it on ReleaseTrace; counts calls.
class RebuildingTraceProvider final : public TraceProvider {
 public:
  explicit RebuildingTraceProvider(std::function<ColumnMajorMatrix(size_t)> build)
      : build_(std::move(build)) {}
  ConstMatrixView Trace(size_t table) override {
    EXPECT_EQ(live_.count(table), 0u) << "table " << table << " asked for twice";
    ++calls_;
    live_[table] = build_(table);
    return live_[table].view();
  }
  void ReleaseTrace(size_t table) override {
    EXPECT_EQ(live_.erase(table), 1u) << "table " << table << " released twice";
  }
  size_t calls() const { return calls_; }
  size_t live() const { return live_.size(); }

 private:
  std::function<ColumnMajorMatrix(size_t)> build_;
  std::map<size_t, ColumnMajorMatrix> live_;
  size_t calls_ = 0;
};

// The statement without in-memory traces: heights only.
ProverStatement WithoutTraces(const ProverStatement& s) {
  ProverStatement out = s;
  for (ProverTable& t : out.tables) {
    t.rows = t.main.num_rows();
    t.main = ConstMatrixView();
  }
  return out;
}

ColumnMajorMatrix Copy(ConstMatrixView m) {
  ColumnMajorMatrix out(m.num_rows(), m.num_cols());
  for (size_t c = 0; c < m.num_cols(); ++c) {
    for (size_t r = 0; r < m.num_rows(); ++r) out(r, c) = m(r, c);
  }
  return out;
}

// Streaming hooks: the proof bytes are the same with every LDE dropped after its commitment
// and recomputed, and with traces rebuilt on demand by a provider.
TEST(StarkTest, StreamingHooksGiveIdenticalProofs) {
  Pipeline p(TestOptions(2));
  Fibonacci tall(1024, p.statement.options);
  Output out(p.statement.options);
  ProverStatement s = p.statement;
  s.tables.insert(s.tables.begin(), tall.statement.tables[0]);
  s.tables.push_back(out.statement.tables[0]);
  s.public_interactions = out.statement.public_interactions;
  const std::vector<uint8_t> reference = MustProve(s);
  ASSERT_TRUE(VerifyProof(reference, s).ok());

  EXPECT_EQ(reference, MustProve(s, {.lde_policy = LdePolicy::kDropAfterCommit}));

  const ProverStatement bare = WithoutTraces(s);
  EXPECT_EQ(bare.tables[0].num_rows(), 1024u);
  for (bool debug_checks : {true, false}) {
    for (LdePolicy policy : {LdePolicy::kKeep, LdePolicy::kDropAfterCommit}) {
      RebuildingTraceProvider provider([&](size_t t) -> ColumnMajorMatrix {
        switch (t) {
          case 0:
            return testing::FibonacciTrace(1024, 1, 1);
          case 1:
          case 2:
          case 3: {
            testing::PipelineTraces traces = testing::PipelineTrace(0x01020304, 0x01010101);
            return std::move(t == 1 ? traces.words : t == 2 ? traces.bytes : traces.range);
          }
          default:
            return Copy(out.trace);
        }
      });
      const std::vector<uint8_t> proof = MustProve(
          bare, {.debug_checks = debug_checks, .traces = &provider, .lde_policy = policy});
      EXPECT_EQ(reference, proof) << "debug " << debug_checks << ", drop "
                                  << (policy == LdePolicy::kDropAfterCommit);
      EXPECT_EQ(provider.live(), 0u) << "a trace was never released";
      // Every table for the main commitment, the tables with interactions (all but
      // fibonacci) for their aux columns, every table again for the debug checks.
      EXPECT_EQ(provider.calls(), (debug_checks ? 5u : 0u) + 5u + 4u);
    }
  }
  // The statement the verifier sees does not depend on where the traces come from.
  EXPECT_TRUE(VerifyProof(reference, bare).ok());
}

TEST(StarkTest, TraceProviderShapeIsChecked) {
  Fibonacci fib(64, TestOptions(1));
  const ProverStatement bare = WithoutTraces(fib.statement);
  RebuildingTraceProvider provider([](size_t) { return testing::FibonacciTrace(32, 1, 1); });
  const Result<std::vector<uint8_t>> proof = ProveStark(bare, {.traces = &provider});
  ASSERT_FALSE(proof.ok());
  EXPECT_NE(proof.error().message.find("trace provider gave a 32 x 2 trace"), std::string::npos)
      << proof.error().message;
  EXPECT_EQ(provider.live(), 0u);
}

}  // namespace
}  // namespace zkvm::stark
