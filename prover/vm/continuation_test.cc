// Runs proved in segments (docs/continuations.md): proofs of many segments verify and state
// what the run did; memory written or loaded in one segment and read many segments later
// (private input, ELF data, heap, stack, .data, a KECCAK_F1600 state) carries across; and
// every way of tampering with the segments is rejected with a message naming it:
// reordered, dropped, duplicated, taken from another run of the same ELF, a wrong segment count,
// a last segment that does not halt, malformed segment entries and segment proofs, and a lying
// executor that changes a register, a memory word or the pc at a segment boundary. The
// challenges' binding to every segment's commitment (a segment whose root the run transcript
// did not absorb) is tested at the STARK level (stark_test's StarkRunTest).
#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <vector>

#include "executor/executor.h"
#include "prover/vm/prove.h"
#include "prover/vm/verify.h"
#include "syscalls/abi.h"
#include "testing/guests.h"

namespace zkvm::prover {
namespace {

using executor::Program;
using Loaded = testing::LoadedGuest;

Loaded Load(const std::string& name) { return testing::LoadGuest(ZKVM_GUEST_DIR, name); }

// Segments of 2^10 cycles: the long_memory guest's test run (25,105 cycles) has 25.
ProveConfig SegmentConfig() {
  ProveConfig c;
  c.options = stark::kInsecureTestOptions;
  c.log_segment_cycles = 10;
  return c;
}

// long_memory with a payload of the given words after n.
std::vector<uint8_t> LongMemoryInput(uint32_t n, std::vector<uint32_t> words) {
  std::vector<uint8_t> payload;
  words.insert(words.begin(), n);
  for (uint32_t w : words) {
    for (int i = 0; i < 4; ++i) payload.push_back(static_cast<uint8_t>(w >> (8 * i)));
  }
  return payload;
}

std::string Rejection(std::span<const uint8_t> proof, const executor::Program& program) {
  Result<VerifiedStatement> v = Verify(proof, program, kAllowInsecurePreset);
  return v.ok() ? std::string("ACCEPTED") : v.error().message;
}

class ContinuationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    guest_ = new Loaded(Load("long_memory"));
    ProveStats stats;
    Result<std::vector<uint8_t>> p = Prove(guest_->program, guest_->input, SegmentConfig(), &stats);
    ZKVM_CHECK(p.ok(), "long_memory proves in segments");
    proof_ = new std::vector<uint8_t>(std::move(*p));
    segments_ = stats.segments.size();
  }
  static void TearDownTestSuite() {
    delete guest_;
    delete proof_;
  }

  // The proof with its statement and segment proofs changed.
  static std::vector<uint8_t> Changed(
      const std::function<void(VmStatement&, std::vector<std::vector<uint8_t>>&)>& change) {
    std::vector<std::vector<uint8_t>> parts;
    Result<VmStatement> s = DecodeVmProof(*proof_, &parts);
    ZKVM_CHECK(s.ok(), "the proof decodes");
    change(*s, parts);
    return EncodeVmProof(*s, parts);
  }

  static Loaded* guest_;
  static std::vector<uint8_t>* proof_;
  static size_t segments_;
};

Loaded* ContinuationTest::guest_ = nullptr;
std::vector<uint8_t>* ContinuationTest::proof_ = nullptr;
size_t ContinuationTest::segments_ = 0;

TEST_F(ContinuationTest, ManySegmentsProveWhatTheRunDid) {
  EXPECT_EQ(segments_, 25u);
  Result<executor::Executor> machine = executor::Executor::Create(guest_->program, guest_->input);
  ASSERT_TRUE(machine.ok());
  const executor::MachineState& run = machine->Run();
  ASSERT_EQ(run.status, executor::RunStatus::kHalted);
  ASSERT_EQ(run.exit_code, 0u) << "a late read differed from the early one";
  Result<VerifiedStatement> v = Verify(*proof_, guest_->program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->cycles, run.cycle);
  EXPECT_EQ(v->exit_code, 0u);
  EXPECT_EQ(v->output, run.public_output);
  // The same run in one segment: the same statement, a smaller proof.
  ProveConfig one = SegmentConfig();
  one.log_segment_cycles = 15;
  Result<std::vector<uint8_t>> single = Prove(guest_->program, guest_->input, one);
  ASSERT_TRUE(single.ok()) << single.error().message;
  Result<VerifiedStatement> w = Verify(*single, guest_->program, kAllowInsecurePreset);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->output, v->output);
  EXPECT_LT(single->size(), proof_->size());
  // Deterministic.
  Result<std::vector<uint8_t>> again = Prove(guest_->program, guest_->input, SegmentConfig());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *proof_);
}

// How many REFRESH chunks a proof's segments hold.
size_t RefreshChunks(std::span<const uint8_t> proof) {
  std::vector<std::vector<uint8_t>> parts;
  Result<VmStatement> s = DecodeVmProof(proof, &parts);
  ZKVM_CHECK(s.ok(), "the proof decodes");
  size_t n = 0;
  for (const std::vector<TableChunk>& segment : s->segments) {
    for (const TableChunk& chunk : segment) n += chunk.table == TableId::kRefresh;
  }
  return n;
}

// Tokens renewed by REFRESH (here every 2^10 cycles, at every segment, instead of every 2^28)
// prove and verify, with the debug checks on: long_memory reads words and registers 24
// segments after it wrote them, each refreshed on the way. The refresh timestamp is the
// verifier's (a public value from the segment index), so a segment's REFRESH chunk cannot be
// moved to another segment.
TEST_F(ContinuationTest, RefreshedTokensProve) {
  ProveConfig c = SegmentConfig();
  c.refresh_log_cycles = 10;
  c.debug_checks = true;
  Result<std::vector<uint8_t>> p = Prove(guest_->program, guest_->input, c);
  ASSERT_TRUE(p.ok()) << p.error().message;
  Result<VerifiedStatement> v = Verify(*p, guest_->program, kAllowInsecurePreset);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->output, Verify(*proof_, guest_->program, kAllowInsecurePreset)->output);
  EXPECT_EQ(RefreshChunks(*proof_), 0u);
  EXPECT_GE(RefreshChunks(*p), 10u);  // 12 of the 25 segments have tokens that old
  // Two segments' proofs swapped, each with its REFRESH chunk: rejected.
  std::vector<std::vector<uint8_t>> parts;
  Result<VmStatement> s = DecodeVmProof(*p, &parts);
  ASSERT_TRUE(s.ok());
  std::swap(s->segments[3], s->segments[4]);
  std::swap(parts[3], parts[4]);
  EXPECT_NE(Rejection(EncodeVmProof(*s, parts), guest_->program), "ACCEPTED");
}

// A run that would need more segments than one proof holds (2^16) is refused before any
// proving, naming the segment size that fits: fibonacci over 73 M cycles at 2^10 per segment.
TEST_F(ContinuationTest, TooManySegmentsNameTheSizeThatFits) {
  const Loaded g = Load("fibonacci");
  const uint32_t n = 0x0070'0000;  // 10 cycles per iteration
  const std::vector<uint8_t> input = {static_cast<uint8_t>(n), static_cast<uint8_t>(n >> 8),
                                      static_cast<uint8_t>(n >> 16), static_cast<uint8_t>(n >> 24)};
  Result<std::vector<uint8_t>> p = Prove(g.program, input, SegmentConfig());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("more than one proof holds (65536); prove with "
                                   "--segment-cycles 2048 or more"),
            std::string::npos)
      << p.error().message;
}

// KECCAK_F1600 calls in many segments (SHA3 of 8 KiB through the precompile: 61 calls) and
// POSEIDON2 calls in many segments (120 states through poseidon2_precompile), with
// the debug checks on (the run's bus ledger balances across segments) and tokens refreshed at
// every segment. long_memory's output comes from two WRITE calls 24 segments apart (the output
// cursor carries across).
TEST_F(ContinuationTest, SyscallsInManySegments) {
  std::vector<uint8_t> message(8192);
  for (size_t i = 0; i < message.size(); ++i) message[i] = static_cast<uint8_t>(i * 131 + 7);
  // 120 POSEIDON2 states (canonical: every high word below 0xFFFF_FFFF), copied to the stack,
  // permuted and committed one by one, so calls and the tokens they consume straddle segments.
  std::vector<uint8_t> states(120 * abi::kPoseidon2StateBytes);
  for (size_t i = 0; i < states.size(); ++i) {
    states[i] = static_cast<uint8_t>(i % 8 == 7 ? i % 0x7F : i * 37 + 11);
  }
  const struct {
    const char* guest;
    std::vector<uint8_t> input;
  } runs[] = {{"keccak_precompile", message}, {"poseidon2_precompile", states}};
  for (const auto& run : runs) {
    const Loaded g = Load(run.guest);
    ProveConfig c = SegmentConfig();
    c.debug_checks = true;
    c.refresh_log_cycles = 10;
    ProveStats stats;
    Result<std::vector<uint8_t>> p = Prove(g.program, run.input, c, &stats);
    ASSERT_TRUE(p.ok()) << run.guest << ": " << p.error().message;
    Result<VerifiedStatement> v = Verify(*p, g.program, kAllowInsecurePreset);
    ASSERT_TRUE(v.ok()) << run.guest << ": " << v.error().message;
    EXPECT_GE(stats.segments.size(), 8u) << run.guest;
    std::printf("%s: %zu segments of 2^10 cycles, %llu cycles, %zu output bytes\n", run.guest,
                stats.segments.size(), static_cast<unsigned long long>(v->cycles),
                v->output.size());
  }
}

// Witness chunks padded to a height floor (HeightClassFloor, here down to 5 distinct heights
// per segment instead of 13) prove and verify: the page tables, KECCAK chunks and instruction
// tables all take padding rows, in one segment and in many.
TEST_F(ContinuationTest, ChunksPaddedToFewHeightsProve) {
  const Loaded g = Load("keccak_precompile");
  for (uint32_t log_segment_cycles : {10u, 20u}) {
    SCOPED_TRACE(log_segment_cycles);
    ProveConfig c = SegmentConfig();
    c.log_segment_cycles = log_segment_cycles;
    c.max_height_classes = 5;
    c.debug_checks = true;
    Result<std::vector<uint8_t>> p = Prove(g.program, g.input, c);
    ASSERT_TRUE(p.ok()) << p.error().message;
    Result<VerifiedStatement> v = Verify(*p, g.program, kAllowInsecurePreset);
    ASSERT_TRUE(v.ok()) << v.error().message;
    Result<VmStatement> s = DecodeVmProof(*p);
    ASSERT_TRUE(s.ok());
    for (size_t i = 0; i + 1 < s->segments.size(); ++i) {
      uint64_t heights = 0;
      for (const TableChunk& chunk : s->segments[i]) heights |= uint64_t{1} << chunk.log_height;
      EXPECT_LE(std::popcount(heights), 5) << "segment " << i;
    }
  }
}

TEST_F(ContinuationTest, ChangedSegmentsAreRejected) {
  const Program& program = guest_->program;
  ASSERT_EQ(Rejection(*proof_, program), "ACCEPTED");
  struct Case {
    const char* what;
    std::function<void(VmStatement&, std::vector<std::vector<uint8_t>>&)> change;
    const char* message;
  };
  const Case cases[] = {
      {"reordered",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
         std::swap(s.segments[3], s.segments[4]);
         std::swap(p[3], p[4]);
       },
       "rejected: segment 0 of 25"},
      {"dropped",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
         s.segments.erase(s.segments.begin() + 5);
         p.erase(p.begin() + 5);
       },
       "24 segments, but 25105 cycles in segments of 2^10 cycles make 25"},
      {"dropped, count and cycles adjusted",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
         s.segments.erase(s.segments.begin() + 5);
         p.erase(p.begin() + 5);
         s.cycles -= 1024;
       },
       "rejected: segment 0 of 24"},
      {"duplicated",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
         s.segments[6] = s.segments[5];
         p[6] = p[5];
       },
       "rejected: segment 0 of 25"},
      {"segment count",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>&) { s.log_segment_cycles = 11; },
       "25 segments, but 25105 cycles in segments of 2^11 cycles make 13"},
      {"last segment does not halt",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
         s.segments.pop_back();
         p.pop_back();
         s.cycles = 24 * 1024;
       },
       "appears 0 times"},
      {"a run table outside the last segment",
       [](VmStatement& s, std::vector<std::vector<uint8_t>>&) {
         s.segments[0].insert(s.segments[0].begin(), {TableId::kPageZero, 4});
       },
       "allowed in the last segment only"},
      {"segment proofs swapped, statement kept",
       [](VmStatement&, std::vector<std::vector<uint8_t>>& p) { std::swap(p[1], p[2]); },
       "rejected: segment 0 of 25"},
  };
  for (const Case& c : cases) {
    const std::string message = Rejection(Changed(c.change), program);
    EXPECT_NE(message.find(c.message), std::string::npos) << c.what << ": " << message;
  }
}

// The same ELF on another input of the same shape (same cycle count and tables): its segments
// do not splice into this run's proof.
TEST_F(ContinuationTest, SegmentFromAnotherRunIsRejected) {
  const std::vector<uint8_t> input = LongMemoryInput(0x1000, {0xdeadbeef, 0x67452301, 0xefcdab89});
  ASSERT_EQ(input, guest_->input) << "the test's own input must match the guest's test input";
  const std::vector<uint8_t> other_input =
      LongMemoryInput(0x1000, {0xdeadbeef, 0x67452301, 0xefcdab8a});
  Result<std::vector<uint8_t>> other = Prove(guest_->program, other_input, SegmentConfig());
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_EQ(Rejection(*other, guest_->program), "ACCEPTED");
  std::vector<std::vector<uint8_t>> other_parts;
  Result<VmStatement> other_statement = DecodeVmProof(*other, &other_parts);
  ASSERT_TRUE(other_statement.ok());
  for (size_t segment : {size_t{0}, size_t{7}, size_t{24}}) {
    const std::string message =
        Rejection(Changed([&](VmStatement& s, std::vector<std::vector<uint8_t>>& p) {
                    ASSERT_EQ(s.segments[segment], other_statement->segments[segment]);
                    p[segment] = other_parts[segment];
                  }),
                  guest_->program);
    EXPECT_NE(message.find("rejected"), std::string::npos) << segment << ": " << message;
  }
}

TEST_F(ContinuationTest, MalformedSegmentTableIsRejected) {
  // The segment table starts after the header, the output and the chunk pairs (padded to 16).
  Result<VmStatement> s = DecodeVmProof(*proof_);
  ASSERT_TRUE(s.ok());
  size_t chunks = 0;
  for (const auto& seg : s->segments) chunks += seg.size();
  const size_t table = (104 + s->output.size() + 2 * chunks + 15) & ~size_t{15};
  for (size_t entry : {size_t{0}, size_t{12}, s->segments.size() - 1}) {
    for (size_t field : {size_t{0}, size_t{4}, size_t{8}, size_t{16}, size_t{24}}) {
      std::vector<uint8_t> bad = *proof_;
      bad[table + 32 * entry + field] ^= 1;
      const std::string message = Rejection(bad, guest_->program);
      EXPECT_NE(message, "ACCEPTED") << entry << "/" << field;
      EXPECT_TRUE(message.find("segment") != std::string::npos ||
                  message.find("padding") != std::string::npos)
          << message;
    }
  }
  // Truncated, a byte flipped inside a segment's proof, a trailing byte.
  std::vector<uint8_t> cut(proof_->begin(), proof_->end() - 16);
  EXPECT_NE(Rejection(cut, guest_->program), "ACCEPTED");
  std::vector<uint8_t> longer = *proof_;
  longer.push_back(0);
  EXPECT_NE(Rejection(longer, guest_->program), "ACCEPTED");
  std::vector<std::vector<uint8_t>> parts;
  ASSERT_TRUE(DecodeVmProof(*proof_, &parts).ok());
  for (size_t segment : {size_t{2}, size_t{24}}) {
    const std::string message =
        Rejection(Changed([&](VmStatement&, std::vector<std::vector<uint8_t>>& p) {
                    p[segment][p[segment].size() / 2] ^= 1;
                  }),
                  guest_->program);
    EXPECT_NE(message.find("segment " + std::to_string(segment) + " of 25"), std::string::npos)
        << message;
  }
}

// A lying executor changes a value at a segment boundary: the first instruction of segment 12
// reads another register value, a load late in the run returns another memory word, or the
// pc jumps. The run's bus ledger refuses it (debug checks), and a proof pushed through without
// them does not verify.
TEST_F(ContinuationTest, LyingExecutorAtABoundaryYieldsNoValidProof) {
  const Program& program = guest_->program;
  using Lie = std::function<bool(executor::ExecutionLog&)>;
  const struct {
    const char* what;
    uint32_t segment;
    Lie lie;
  } lies[] = {
      {"register read at the segment's first step", 12,
       [&](executor::ExecutionLog& log) {
         for (executor::StepRecord& s : log.steps) {
           if (program.decoded[(s.pc - program.text_begin) / 4].rs1 != 0) {
             s.rs1_value ^= 1;
             return true;
           }
         }
         return false;
       }},
      {"a load in the last segment", 24,
       [&](executor::ExecutionLog& log) {
         for (executor::StepRecord& s : log.steps) {
           if (program.decoded[(s.pc - program.text_begin) / 4].opcode == executor::Opcode::kLw) {
             s.mem_before ^= 0x100;
             s.mem_after ^= 0x100;
             s.rd_value ^= 0x100;
             return true;
           }
         }
         return false;
       }},
      {"pc at the segment's first step", 9,
       [&](executor::ExecutionLog& log) {
         log.steps[0].pc += 4;
         return true;
       }},
  };
  for (const auto& l : lies) {
    for (bool debug_checks : {true, false}) {
      ProveConfig c = SegmentConfig();
      c.debug_checks = debug_checks;
      bool lied = false;
      c.tamper_log = [&](uint32_t segment, executor::ExecutionLog& log) {
        if (segment == l.segment) lied = l.lie(log) || lied;
      };
      Result<std::vector<uint8_t>> proof = Prove(program, guest_->input, c);
      EXPECT_TRUE(lied) << l.what;
      if (debug_checks) {
        EXPECT_FALSE(proof.ok()) << l.what << ": the debug checks let it through";
        continue;
      }
      if (!proof.ok()) continue;  // the builder could not make a row of it at all
      EXPECT_NE(Rejection(*proof, program), "ACCEPTED") << l.what;
    }
  }
}

}  // namespace
}  // namespace zkvm::prover
