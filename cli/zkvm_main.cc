// The `zkvm` command-line tool: execute, disasm and profile guest ELFs; prove, verify and print
// verifying keys; start a guest project (`zkvm new`).
//
// Exit status: 0 = success (for `execute`: the guest halted with exit code 0; for `verify`:
// the proof is valid); 1 = the guest halted with a non-zero exit code (`execute`); 2 = bad
// usage or bad input (flags, ELF, input file, unreadable proof file); 3 = the guest trapped;
// 4 = the cycle limit was reached; 5 = the run cannot be proved (`prove`: it does not halt, or
// uses a syscall no table proves); 6 = the proof was rejected (`verify`, `recursion-blob`:
// malformed, wrong, made with options other than the pinned ones, or below 100 provable bits
// for its statement; proofs at the insecure test preset unless --allow-insecure). Errors are
// one line on stderr that names what is wrong. With --json, stdout holds exactly one JSON
// object (also on failure, with "error"), and "exit_status" repeats the process's status.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/peak_rss.h"
#include "cli/new_project.h"
#include "cli/progress.h"
#include "executor/disassembler.h"
#include "executor/executor.h"
#include "executor/profiler.h"
#include "executor/program.h"
#include "prover/tables/table_registry.h"
#include "prover/vm/prove.h"
#include "prover/vm/recursion.h"
#include "prover/vm/verify.h"
#include "stark/security/security.h"
#include "syscalls/abi.h"

namespace zkvm {
namespace {

using executor::Executor;
using executor::Program;
using executor::RunStatus;
using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitGuestFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitTrap = 3;
constexpr int kExitCycleLimit = 4;
constexpr int kExitCannotProve = 5;
constexpr int kExitRejected = 6;

// The default cycle limit of every command: 2^32 cycles, under a minute at the executor's
// speed, so a guest stuck in a loop ends with a clear message (`prove` runs the guest once
// without logging first, so it refuses such a run before proving anything). `prove
// --max-cycles` goes up to the statement's cap, prover::kMaxCycles (2^40); the run is proved in
// segments, so memory follows the segment size, not the run.
constexpr uint64_t kDefaultRunCycles = uint64_t{1} << 32;
constexpr uint64_t kDefaultProveCycles = kDefaultRunCycles;

// The phases the progress line counts: prover::ProvePhaseName's, less the debug checks (which
// `prove` does not run), and each one's typical share of the time, from --stats of runs of
// 2^16 to 2^22 cycles; the estimate of the time left rests on them.
constexpr int kDebugChecksPhase =
    static_cast<int>(prover::ProvePhase::kStark) + static_cast<int>(stark::ProverPhase::kChecks);
constexpr int kShownProvePhases = prover::kNumProvePhases - 1;
constexpr double kProvePhaseWeights[kShownProvePhases] = {0.01, 0.02, 0.25, 0.22,
                                                          0.42, 0.05, 0.03, 0.01};

// Where a command's results go: lines of text on stdout, or with --json one JSON object that
// holds the same facts. Errors always go to stderr as one line, and into the object.
class Report {
 public:
  explicit Report(bool json) : json_(json) {}
  bool json() const { return json_; }
  Json& data() { return data_; }

  template <typename... Args>
  void Line(fmt::format_string<Args...> format, Args&&... args) {
    if (json_) return;
    fmt::print(format, std::forward<Args>(args)...);
    std::fputc('\n', stdout);
  }
  void Text(const std::string& text) {
    if (!json_) std::fputs(text.c_str(), stdout);
  }
  // Reports an error; returns `status`.
  int Fail(int status, const std::string& message) {
    std::fprintf(stderr, "zkvm: %s\n", message.c_str());
    if (!data_.contains("error")) data_["error"] = message;
    return status;
  }
  int Fail(const std::string& message) { return Fail(kExitUsage, message); }
  // Prints the object (with --json) once the command is done.
  void Finish(int status) {
    if (!json_) return;
    data_["exit_status"] = status;
    std::puts(data_.dump(2).c_str());
  }

 private:
  bool json_;
  Json data_ = Json::object();
};

std::string Hex(std::span<const uint8_t> bytes) {
  std::string s;
  s.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) s += fmt::format("{:02x}", b);
  return s;
}

// Where the private input comes from: a file (`-` = standard input) or hex digits.
struct InputFlags {
  std::string path;
  std::string hex;
};

Result<std::vector<uint8_t>> ParseHex(std::string_view hex) {
  std::vector<uint8_t> out;
  std::string digits;
  for (char c : hex) {
    if (c == ' ' || c == '_' || c == ':' || c == '\n' || c == '\t') continue;
    digits += c;
  }
  if (digits.starts_with("0x") || digits.starts_with("0X")) digits.erase(0, 2);
  if (digits.size() % 2 != 0) {
    return MakeError("--input-hex: {} hex digits, not a whole number of bytes", digits.size());
  }
  for (size_t i = 0; i < digits.size(); i += 2) {
    unsigned value = 0;
    for (size_t j = i; j < i + 2; ++j) {
      const char c = digits[j];
      const int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (v < 0) return MakeError("--input-hex: '{}' at position {} is not a hex digit", c, j);
      value = value * 16 + static_cast<unsigned>(v);
    }
    out.push_back(static_cast<uint8_t>(value));
  }
  return out;
}

Result<std::vector<uint8_t>> ReadInput(const InputFlags& flags) {
  if (!flags.hex.empty()) return ParseHex(flags.hex);
  if (flags.path.empty()) return std::vector<uint8_t>{};
  Result<std::vector<uint8_t>> bytes =
      flags.path == "-" ? ReadDescriptor(STDIN_FILENO, "standard input", abi::kMaxInputPayload)
                        : ReadFile(flags.path, abi::kMaxInputPayload);
  if (!bytes) return MakeError("private input: {}", bytes.error().message);
  return bytes;
}

struct LoadedGuest {
  Program program;
  std::vector<uint8_t> input;
};

// Loads the ELF and the private input; reports the error and returns false on failure.
bool LoadGuest(const std::string& elf_path, const InputFlags& input, Report& report,
               LoadedGuest& out) {
  auto program = executor::LoadElfFile(elf_path);
  if (!program) {
    report.Fail(program.error().message);
    return false;
  }
  out.program = std::move(program).value();
  Result<std::vector<uint8_t>> bytes = ReadInput(input);
  if (!bytes) {
    report.Fail(bytes.error().message);
    return false;
  }
  out.input = std::move(bytes).value();
  return true;
}

std::string WithWhere(const Program& program, uint32_t pc) {
  const std::string where = program.WhereIs(pc);
  return where.empty() ? "" : " " + where;
}

// Reports how the run ended and returns the process exit status.
int ReportEnd(const executor::MachineState& state, const Program& program, uint64_t max_cycles,
              bool default_limit, Report& report) {
  Json& j = report.data();
  switch (state.status) {
    case RunStatus::kHalted:
      j["status"] = "halted";
      return state.exit_code == 0 ? kExitOk : kExitGuestFailed;
    case RunStatus::kTrapped: {
      j["status"] = "trapped";
      j["trap"] = {{"kind", executor::TrapKindName(state.trap.kind)},
                   {"pc", state.trap.pc},
                   {"function", program.SymbolizeAddress(state.trap.pc)},
                   {"value", state.trap.value}};
      return report.Fail(kExitTrap, fmt::format("guest trapped: {}{} (after {} cycles)",
                                                executor::DescribeTrap(state.trap),
                                                WithWhere(program, state.trap.pc), state.cycle));
    }
    case RunStatus::kCycleLimit:
      j["status"] = "cycle_limit";
      return report.Fail(
          kExitCycleLimit,
          fmt::format("cycle limit of {} reached at pc {:#x}{} without HALT{}", max_cycles,
                      state.pc, WithWhere(program, state.pc),
                      default_limit ? " (the default limit; --max-cycles N raises it)" : ""));
    case RunStatus::kRunning:
      break;
  }
  return report.Fail("internal error: run ended without a final status");
}

int Execute(const std::string& elf_path, const InputFlags& input_flags, uint64_t max_cycles,
            bool default_limit, const std::string& output_path, bool stats, bool progress_shown,
            Report& report) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input_flags, report, guest)) return kExitUsage;
  auto ex = Executor::Create(guest.program, guest.input);
  if (!ex) return report.Fail(ex.error().message);
  cli::ProgressLine progress(progress_shown, "executing");
  ex->set_debug_sink([&progress](std::string_view text) { progress.Print(text); });
  const auto start = std::chrono::steady_clock::now();
  // Slices of 2^26 cycles (well under a second), so the progress line can count cycles.
  constexpr uint64_t kSlice = uint64_t{1} << 26;
  const executor::MachineState* state = nullptr;
  do {
    state = &ex->Run({.max_cycles = max_cycles, .stop_at_cycle = ex->state().cycle + kSlice});
    progress.SetDetail(fmt::format("{:.2f} G cycles", static_cast<double>(state->cycle) / 1e9));
  } while (state->status == RunStatus::kRunning);
  progress.Finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  Json& j = report.data();
  j["command"] = "execute";
  j["elf"] = elf_path;
  if (state->status == RunStatus::kHalted) {
    j["exit_code"] = state->exit_code;
    j["public_output_hex"] = Hex(state->public_output);
    j["public_output_bytes"] = state->public_output.size();
    report.Line("exit code: {}{}", state->exit_code, state->exit_code ? " (program failed)" : "");
    if (!output_path.empty()) {
      if (Status s = WriteFile(output_path, state->public_output); !s.ok()) {
        return report.Fail(fmt::format("public output: {}", s.message()));
      }
      j["output_file"] = output_path;
      report.Line("public output: {} bytes written to {}", state->public_output.size(),
                  output_path);
    } else {
      report.Line("public output ({} bytes): {}", state->public_output.size(),
                  Hex(state->public_output));
    }
  }
  j["cycles"] = state->cycle;
  report.Line("cycles: {}", state->cycle);
  const auto& c = state->syscalls;
  const double mips = seconds > 0 ? static_cast<double>(state->cycle) / seconds / 1e6 : 0.0;
  j["seconds"] = seconds;
  j["mips"] = mips;
  j["syscalls"] = {{"halt", c.halt},
                   {"write", c.write},
                   {"public_output_bytes", c.public_output_bytes},
                   {"debug_bytes", c.debug_bytes},
                   {"keccak_f1600", c.keccak_f1600},
                   {"poseidon2", c.poseidon2}};
  if (stats) {
    report.Line("time: {:.3f} s\nspeed: {:.1f} MIPS", seconds, mips);
    report.Line(
        "syscalls: halt {}, write {} ({} public bytes, {} debug bytes), keccak_f1600 {}, "
        "poseidon2 {}",
        c.halt, c.write, c.public_output_bytes, c.debug_bytes, c.keccak_f1600, c.poseidon2);
  }
  return ReportEnd(*state, guest.program, max_cycles, default_limit, report);
}

int Disasm(const std::string& elf_path, bool no_aliases, Report& report) {
  auto program = executor::LoadElfFile(elf_path);
  if (!program) return report.Fail(program.error().message);
  const Program& p = *program;
  executor::DisassemblyOptions options;
  options.aliases = !no_aliases;
  options.symbolize = [&p](uint32_t a) { return p.SymbolizeAddress(a); };
  size_t next_symbol = 0;
  for (size_t i = 0; i < p.words.size(); ++i) {
    const uint32_t pc = p.text_begin + static_cast<uint32_t>(4 * i);
    while (next_symbol < p.functions.size() && p.functions[next_symbol].address <= pc) {
      if (p.functions[next_symbol].address == pc) {
        std::printf("\n%08x <%s>:\n", pc, p.functions[next_symbol].name.c_str());
      }
      ++next_symbol;
    }
    std::printf("%8x:\t%08x          \t%s\n", pc, p.words[i],
                executor::Disassemble(p.words[i], pc, options).c_str());
  }
  return kExitOk;
}

Json FunctionsJson(const std::vector<executor::Profile::FunctionCycles>& top, bool full_names) {
  Json out = Json::array();
  for (const auto& f : top) {
    out.push_back({{"function", full_names ? f.name : executor::ShortFunctionName(f.name)},
                   {"full_name", f.name},
                   {"cycles", f.cycles},
                   {"percent", f.percent}});
  }
  return out;
}

int ProfileGuest(const std::string& elf_path, const InputFlags& input, uint64_t max_cycles,
                 bool default_limit, size_t top, bool full_names, Report& report) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input, report, guest)) return kExitUsage;
  auto ex = Executor::Create(guest.program, guest.input);
  if (!ex) return report.Fail(ex.error().message);
  ex->set_debug_sink([](std::string_view) {});
  executor::Profile profile(guest.program);
  const executor::MachineState& state = ex->Run({.max_cycles = max_cycles, .profile = &profile});
  const executor::Profile::Report summary = profile.Summarize(top);
  report.Text(executor::FormatProfile(summary, full_names));
  Json& j = report.data();
  j["command"] = "profile";
  j["elf"] = elf_path;
  j["total_cycles"] = summary.total_cycles;
  j["top"] = FunctionsJson(summary.top, full_names);
  j["steps"] = Json::array();
  for (const auto& step : summary.steps) {
    j["steps"].push_back({{"marker", step.marker},
                          {"cycles", step.cycles},
                          {"top", FunctionsJson(step.top, full_names)}});
  }
  if (state.status == RunStatus::kHalted) {
    j["exit_code"] = state.exit_code;
    report.Line("exit code: {}", state.exit_code);
  }
  return ReportEnd(state, guest.program, max_cycles, default_limit, report);
}

// The key's proof options for --blowup N (the preset for 2 and 16; otherwise the default
// preset's other fields with the fewest queries that reach 100 provable bits on the
// representative statement) or --insecure, with --queries Q (0: not given) overriding the query
// count (custom options). A secure key's query count is a floor: a run whose statement needs
// more to reach 100 bits (long runs of many segments) is proved at the count it needs, which
// the verifier derives from the statement too (RunOptions).
Result<stark::ProofOptions> OptionsFor(uint32_t blowup, bool insecure, uint32_t queries = 0) {
  if (insecure) {
    if (queries != 0) return MakeError("--queries: not with --insecure");
    return stark::kInsecureTestOptions;
  }
  if (queries != 0) {
    Result<stark::ProofOptions> base = OptionsFor(blowup, false);
    if (!base) return base;
    if (queries > stark::kMaxNumQueries) {
      return MakeError("--queries {}: at most {}", queries, stark::kMaxNumQueries);
    }
    stark::ProofOptions o = *base;
    o.preset = stark::PresetId::kCustom;
    o.num_queries = static_cast<uint16_t>(queries);
    return o;
  }
  if (blowup == 2) return stark::kDefaultOptions;
  if (blowup == 16) return stark::kRecursionOptions;
  uint8_t log = 0;
  while ((1u << log) < blowup) ++log;
  if ((1u << log) != blowup || log < stark::kMinLogBlowup || log > stark::kMaxLogBlowup) {
    return MakeError("--blowup {}: must be 2, 4, 8 or 16", blowup);
  }
  stark::ProofOptions o = stark::kDefaultOptions;
  o.preset = stark::PresetId::kCustom;
  o.log_blowup = log;
  const std::optional<uint16_t> needed =
      stark::MinNumQueries(o, stark::RepresentativeParameters(), stark::kMinSecurityBits);
  if (!needed) return MakeError("--blowup {}: no query count reaches 100 bits", blowup);
  o.num_queries = *needed;
  return o;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string MiB(size_t bytes) { return fmt::format("{:.1f} MiB", bytes / 1048576.0); }

// --hash NAME.
const std::map<std::string, crypto::HashId> kHashNames = {
    {"sha3", crypto::HashId::kSha3}, {"poseidon2", crypto::HashId::kPoseidon2}};

// A run's options in words: the key's, and the run's query count where the run needed more
// than the key's to reach 100 bits (RunOptions).
std::string RunOptionsText(const stark::ProofOptions& key, uint32_t num_queries) {
  std::string text = stark::DescribeOptions(key);
  if (num_queries != key.num_queries) {
    text += fmt::format("; this run: {} queries (the key's count raised to reach 100 bits)",
                        num_queries);
  }
  return text;
}

struct ProveFlags {
  uint32_t blowup = 2;
  bool insecure = false;
  crypto::HashId hash = crypto::HashId::kSha3;
  prover::MemoryMode memory = prover::MemoryMode::kAuto;
  uint64_t segment_cycles = uint64_t{1} << prover::kDefaultLogSegmentCycles;
  uint32_t queries = 0;  // 0: the preset's
};

int ProveCommand(const std::string& elf_path, const InputFlags& input,
                 const std::string& proof_path, const ProveFlags& flags, uint64_t max_cycles,
                 bool default_limit, bool stats, bool progress_shown, Report& report) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input, report, guest)) return kExitUsage;
  Result<stark::ProofOptions> options = OptionsFor(flags.blowup, flags.insecure, flags.queries);
  if (!options) return report.Fail(options.error().message);
  options->hash = flags.hash;
  cli::ProgressLine progress(progress_shown, "proving", kProvePhaseWeights);
  prover::ProveConfig config;
  config.options = *options;
  config.max_cycles = max_cycles;
  config.memory = flags.memory;
  config.log_segment_cycles = static_cast<uint32_t>(std::countr_zero(flags.segment_cycles));
  config.debug_sink = [&progress](std::string_view text) { progress.Print(text); };
  // A run of several segments: the progress counts segments (committing each, then proving
  // each; a commit takes about a tenth of a segment's proof), with the STARK phase as detail.
  uint32_t num_segments = 1;
  config.on_segment = [&progress, &num_segments](uint32_t segment, uint32_t count,
                                                 bool second_pass) {
    if (count <= 1) return;
    if (num_segments != count) {
      num_segments = count;
      std::vector<double> weights(2 * size_t{count}, 1.0);
      std::fill(weights.begin(), weights.begin() + count, 0.1);
      progress.SetWeights(std::move(weights));
    }
    progress.SetPhase(static_cast<int>(second_pass ? count + segment : segment),
                      static_cast<int>(2 * count),
                      fmt::format("{} segment {} of {}", second_pass ? "proving" : "committing",
                                  segment + 1, count));
  };
  config.on_phase = [&progress, &num_segments](int phase) {
    if (num_segments > 1) {
      progress.SetDetail(prover::ProvePhaseName(phase));
      return;
    }
    const int shown = phase > kDebugChecksPhase ? phase - 1 : phase;
    progress.SetPhase(shown, kShownProvePhases, prover::ProvePhaseName(phase));
  };
  prover::ProveStats st;
  Result<std::vector<uint8_t>> proof = prover::Prove(guest.program, guest.input, config, &st);
  progress.Finish();
  Json& j = report.data();
  j["command"] = "prove";
  j["elf"] = elf_path;
  if (!proof) {
    std::string message = proof.error().message;
    if (default_limit && message.find("did not halt within") != std::string::npos) {
      message += " (the default limit for prove; --max-cycles N raises it)";
    }
    return report.Fail(kExitCannotProve, "cannot prove: " + message);
  }
  if (Status s = WriteFile(proof_path, *proof); !s.ok()) {
    return report.Fail(fmt::format("proof: {}", s.message()));
  }
  j["proof"] = proof_path;
  j["proof_bytes"] = proof->size();
  j["cycles"] = st.cycles;
  j["exit_code"] = st.exit_code;
  j["public_output_hex"] = Hex(st.output);
  j["public_output_bytes"] = st.output.size();
  j["options"] = stark::DescribeOptions(config.options);
  j["num_queries"] = st.num_queries;
  j["security_bits"] = st.security_bits;
  report.Line("proof: {} bytes written to {} ({} cycles, {:.2f} s)", proof->size(), proof_path,
              st.cycles, st.total_seconds);
  report.Line("exit code: {}{}", st.exit_code, st.exit_code ? " (the program failed)" : "");
  report.Line("public output ({} bytes): {}", st.output.size(), Hex(st.output));
  if (st.num_queries != config.options.num_queries) {
    report.Line("queries: {} for this run (the key's {} raised to reach 100 provable bits)",
                st.num_queries, config.options.num_queries);
  }

  Json tables = Json::array();
  for (const prover::ProveStats::Chunk& c : st.chunks) {
    tables.push_back({{"table", prover::TableName(c.table)},
                      {"real_rows", c.real_rows},
                      {"rows", c.rows},
                      {"main_columns", c.main_columns},
                      {"aux_columns", c.aux_columns},
                      {"cells", c.rows * (c.main_columns + c.aux_columns)}});
  }
  const size_t peak = PeakRssBytes();
  const double cycles_per_second = static_cast<double>(st.cycles) / st.total_seconds;
  j["tables"] = std::move(tables);
  j["committed_cells"] = st.committed_cells;
  j["cells_per_cycle"] = static_cast<double>(st.committed_cells) / static_cast<double>(st.cycles);
  j["seconds"] = {{"execute_and_route", st.execute_seconds},
                  {"traces", st.trace_seconds},
                  {"stark", st.stark_seconds},
                  {"total", st.total_seconds}};
  j["cycles_per_second"] = cycles_per_second;
  j["stark_phase_seconds"] = {
      {"checks", st.stark.checks},       {"lde", st.stark.lde},
      {"merkle", st.stark.merkle},       {"logup", st.stark.logup},
      {"quotient", st.stark.quotient},   {"ood", st.stark.ood},
      {"deep", st.stark.deep},           {"fri_commit", st.stark.fri_commit},
      {"fri_query", st.stark.fri_query}, {"openings", st.stark.openings}};
  j["peak_memory_bytes"] = peak;
  Json segments = Json::array();
  for (const prover::ProveStats::Segment& seg : st.segments) {
    segments.push_back({{"cycles", seg.cycles},
                        {"committed_cells", seg.committed_cells},
                        {"commit_seconds", seg.commit_seconds},
                        {"prove_seconds", seg.prove_seconds},
                        {"peak_memory_bytes", seg.peak_rss_bytes},
                        {"proof_bytes", seg.proof_bytes}});
  }
  j["segment_cycles"] = flags.segment_cycles;
  j["segments"] = std::move(segments);
  if (stats) {
    report.Line("options: {}", RunOptionsText(config.options, st.num_queries));
    report.Line("security: {:.1f} provable bits{}", st.security_bits,
                st.segments.size() > 1 ? " (the whole run)" : "");
    if (st.segments.size() > 1) {
      report.Line("{} segments of 2^{} cycles; the last segment's tables:", st.segments.size(),
                  config.log_segment_cycles);
    }
    report.Line("{:<12} {:>10} {:>10} {:>5} {:>5} {:>12}", "table", "real rows", "rows", "main",
                "aux", "cells");
    for (const prover::ProveStats::Chunk& c : st.chunks) {
      report.Line("{:<12} {:>10} {:>10} {:>5} {:>5} {:>12}", prover::TableName(c.table),
                  c.real_rows, c.rows, c.main_columns, c.aux_columns,
                  c.rows * (c.main_columns + c.aux_columns));
    }
    report.Line("committed cells: {} ({:.1f} per cycle, main + aux)", st.committed_cells,
                static_cast<double>(st.committed_cells) / static_cast<double>(st.cycles));
    report.Line(
        "time: execute+route {:.3f} s, traces {:.3f} s, stark {:.3f} s, total {:.3f} s "
        "({:.0f} cycles/s)",
        st.execute_seconds, st.trace_seconds, st.stark_seconds, st.total_seconds,
        cycles_per_second);
    report.Text(stark::DescribeProverStats(st.stark, ""));
    if (st.segments.size() > 1) {
      report.Line("{:>8} {:>10} {:>12} {:>10} {:>10} {:>10} {:>10}", "segment", "cycles", "cells",
                  "commit s", "prove s", "peak", "proof");
      for (size_t i = 0; i < st.segments.size(); ++i) {
        const prover::ProveStats::Segment& seg = st.segments[i];
        report.Line("{:>8} {:>10} {:>12} {:>10.2f} {:>10.2f} {:>10} {:>10}", i, seg.cycles,
                    seg.committed_cells, seg.commit_seconds, seg.prove_seconds,
                    MiB(seg.peak_rss_bytes), seg.proof_bytes);
      }
    }
    report.Line("proof size: {} bytes\npeak memory: {}", st.proof_bytes, MiB(peak));
  }
  return kExitOk;
}

// What `verify` and `recursion-blob` accept: the options --blowup pins (when given) and the
// insecure test preset only with --allow-insecure; in every case the proof's options must reach
// 100 provable bits for its own statement, by the verifier's calculation.
struct VerifyFlags {
  uint32_t blowup = 0;  // 0: not pinned
  bool allow_insecure = false;
  std::optional<crypto::HashId> hash;  // not pinned: the proof's own
};

Result<prover::VerifyPolicy> PolicyFor(const VerifyFlags& flags) {
  prover::VerifyPolicy policy;
  policy.security.allow_insecure_preset = flags.allow_insecure;
  if (flags.blowup != 0) {
    Result<stark::ProofOptions> options = OptionsFor(flags.blowup, false);
    if (!options) return options.error();
    policy.options = *options;
  }
  policy.hash = flags.hash;
  return policy;
}

// A proof verified against an ELF or a verifying-key file.
struct CheckedProof {
  std::vector<uint8_t> bytes;
  prover::VerifyingKey vk;
  prover::VerifiedStatement statement;
  double vk_milliseconds = 0;  // computing the verifying key from the ELF (0 for a vk file)
  double milliseconds = 0;     // verifying the proof against the key
};

bool StartsWith(std::span<const uint8_t> bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

// Reads the proof and the program (an ELF, or a vk file: magic ZKVK) and verifies. Reports the
// error and sets the exit status on failure: 2 for unreadable files and bad flags, 6 for a
// rejected proof.
Result<CheckedProof> LoadAndVerify(const std::string& proof_path, const std::string& program_path,
                                   const VerifyFlags& flags, Report& report, int* exit_status) {
  *exit_status = kExitUsage;
  auto usage = [&](const std::string& message) -> Error {
    report.Fail(message);
    return Error{message};
  };
  Result<prover::VerifyPolicy> policy = PolicyFor(flags);
  if (!policy) return usage(policy.error().message);
  Result<std::vector<uint8_t>> proof = ReadFile(proof_path, 1u << 30);
  if (!proof) return usage("proof: " + proof.error().message);
  Result<std::vector<uint8_t>> program = ReadFile(program_path, 64u << 20);
  if (!program) return usage(program.error().message);
  CheckedProof out;
  out.bytes = std::move(*proof);
  // The proof's options, once it parses: they name the insecure preset in the hint below.
  std::optional<stark::ProofOptions> claimed;
  auto rejected = [&](const Error& error) -> Error {
    *exit_status = kExitRejected;
    report.data()["valid"] = false;
    const bool hint = !flags.allow_insecure && claimed && claimed->insecure();
    report.Fail(kExitRejected,
                fmt::format("invalid proof: {}{}", error.message,
                            hint ? " (pass --allow-insecure to accept it for a test)" : ""));
    return error;
  };
  const auto start = std::chrono::steady_clock::now();
  std::optional<Program> elf;
  if (StartsWith(*program, "ZKVK")) {
    Result<prover::VerifyingKey> vk = prover::VerifyingKey::Decode(*program);
    if (!vk) {
      return usage(
          fmt::format("{}: not a valid verifying key: {}", program_path, vk.error().message));
    }
    out.vk = *vk;
  } else if (StartsWith(*program,
                        "\x7f"
                        "ELF")) {
    Result<Program> loaded = executor::LoadElf(*program, program_path);
    if (!loaded) return usage(loaded.error().message);
    elf = std::move(*loaded);
  } else {
    return usage(fmt::format(
        "{}: neither an ELF file nor a verifying key (it starts with neither \\x7fELF nor ZKVK)",
        program_path));
  }
  // The proof is read once; its options are judged by the policy, never trusted.
  Result<prover::ParsedProof> parsed = prover::ParsedProof::Parse(out.bytes);
  if (!parsed) return rejected(parsed.error());
  claimed = parsed->options();
  if (elf) {
    Result<prover::VerifyingKey> vk = prover::VerifyingKeyFor(*parsed, *elf, *policy);
    if (!vk) return rejected(vk.error());
    out.vk = *vk;
    out.vk_milliseconds = MillisecondsSince(start);
  }
  const auto verify_start = std::chrono::steady_clock::now();
  Result<prover::VerifiedStatement> verified = prover::Verify(*parsed, out.vk, *policy);
  out.milliseconds = MillisecondsSince(verify_start);
  if (!verified) return rejected(verified.error());
  out.statement = std::move(*verified);
  *exit_status = kExitOk;
  return out;
}

// The first line of a command that accepted an insecure-preset proof.
void WarnIfInsecure(const stark::ProofOptions& options, double bits, Report& report) {
  report.data()["insecure"] = options.insecure();
  if (!options.insecure()) return;
  report.Line(
      "INSECURE: accepted at the insecure test preset ({:.1f} provable bits) because "
      "--allow-insecure was given; this proof shows nothing about the program",
      bits);
}

int VerifyCommand(const std::string& proof_path, const std::string& program_path,
                  const std::string& output_path, const VerifyFlags& flags, Report& report) {
  Json& j = report.data();
  j["command"] = "verify";
  j["proof"] = proof_path;
  j["program"] = program_path;
  int status = kExitOk;
  Result<CheckedProof> checked = LoadAndVerify(proof_path, program_path, flags, report, &status);
  if (!checked) return status;
  const prover::VerifiedStatement& result = checked->statement;
  j["valid"] = true;
  WarnIfInsecure(result.options, result.security_bits, report);
  const std::string vk_time =
      checked->vk_milliseconds > 0
          ? fmt::format("; verifying key from the ELF in {:.1f} ms", checked->vk_milliseconds)
          : "";
  j["milliseconds"] = checked->milliseconds;
  j["vk_milliseconds"] = checked->vk_milliseconds;
  j["program_digest"] = prover::HexDigest(result.vk_digest);
  j["options"] = stark::DescribeOptions(result.options);
  j["num_queries"] = result.num_queries;
  j["security_bits"] = result.security_bits;
  j["exit_code"] = result.exit_code;
  j["cycles"] = result.cycles;
  j["segments"] = result.segments;
  j["segment_cycles"] = uint64_t{1} << result.log_segment_cycles;
  j["public_output_hex"] = Hex(result.output);
  j["public_output_bytes"] = result.output.size();
  report.Line(
      "valid proof ({:.1f} ms{})\nprogram: {}\noptions: {}\nsecurity: {:.1f} provable bits for "
      "this {} ({})\nexit code: {}{}\ncycles: {}{}",
      checked->milliseconds, vk_time, prover::HexDigest(result.vk_digest),
      RunOptionsText(result.options, result.num_queries), result.security_bits,
      result.segments > 1 ? "run" : "statement",
      result.options.insecure() ? "insecure test preset, allowed by --allow-insecure"
                                : "at least 100 required",
      result.exit_code, result.exit_code != 0 ? " (the program failed)" : "", result.cycles,
      result.segments > 1
          ? fmt::format(" in {} segments of 2^{}", result.segments, result.log_segment_cycles)
          : std::string());
  if (!output_path.empty()) {
    if (Status s = WriteFile(output_path, result.output); !s.ok()) {
      return report.Fail(fmt::format("public output: {}", s.message()));
    }
    j["output_file"] = output_path;
    report.Line("public output: {} bytes written to {}", result.output.size(), output_path);
  } else {
    report.Line("public output ({} bytes): {}", result.output.size(), Hex(result.output));
  }
  return kExitOk;
}

// The recursion guest's input: the blob of a proof and its program's verifying key. The proof
// is checked natively first, under the same rules as `verify`, so a blob that the guest would
// reject, or that rests on options the caller did not accept, is never written.
int RecursionBlobCommand(const std::string& proof_path, const std::string& program_path,
                         const std::string& out_path, const VerifyFlags& flags, Report& report) {
  report.data()["command"] = "recursion-blob";
  int status = kExitOk;
  Result<CheckedProof> checked = LoadAndVerify(proof_path, program_path, flags, report, &status);
  if (!checked) return status;
  const prover::VerifiedStatement& result = checked->statement;
  // The recursion guests compile their options in (guests/recursion): a blob of a proof at
  // other options would only be refused there.
  if (!(result.options == stark::WithHash(stark::kRecursionOptions, result.options.hash)) &&
      !(result.options == stark::WithHash(stark::kInsecureTestOptions, result.options.hash))) {
    return report.Fail(fmt::format(
        "no recursion guest verifies proofs made with {} (recursion.elf takes prove --blowup "
        "16, recursion_test.elf prove --insecure)",
        stark::DescribeOptions(result.options)));
  }
  if (result.num_queries != result.options.num_queries || result.segments != 1) {
    return report.Fail(fmt::format(
        "the recursion guest verifies one-segment proofs at its preset's own query count; this "
        "proof has {} segment(s) at {} queries",
        result.segments, result.num_queries));
  }
  WarnIfInsecure(result.options, result.security_bits, report);
  const std::vector<uint8_t> blob = prover::MakeRecursionBlob(checked->vk, checked->bytes);
  if (Status s = WriteFile(out_path, blob); !s.ok()) {
    return report.Fail(fmt::format("recursion blob: {}", s.message()));
  }
  report.data()["blob"] = out_path;
  report.data()["blob_bytes"] = blob.size();
  report.Line("recursion blob: {} bytes written to {} (program {}, options: {}, {:.1f} bits)",
              blob.size(), out_path, prover::HexDigest(checked->vk.Digest()),
              stark::DescribeOptions(result.options), result.security_bits);
  return kExitOk;
}

int VkCommand(const std::string& elf_path, const ProveFlags& flags, const std::string& out_path,
              Report& report) {
  Json& j = report.data();
  j["command"] = "vk";
  j["elf"] = elf_path;
  Result<Program> program = executor::LoadElfFile(elf_path);
  if (!program) return report.Fail(program.error().message);
  Result<stark::ProofOptions> options = OptionsFor(flags.blowup, flags.insecure, flags.queries);
  if (!options) return report.Fail(options.error().message);
  options->hash = flags.hash;
  Result<prover::VerifyingKey> vk = prover::ComputeVerifyingKey(*program, *options);
  if (!vk) return report.Fail(vk.error().message);
  j["digest"] = prover::HexDigest(vk->Digest());
  j["options"] = stark::DescribeOptions(*options);
  report.Line("{}", prover::HexDigest(vk->Digest()));
  if (!out_path.empty()) {
    const auto bytes = vk->Encode();
    if (Status s = WriteFile(out_path, bytes); !s.ok()) {
      return report.Fail(fmt::format("verifying key: {}", s.message()));
    }
    j["file"] = out_path;
    j["bytes"] = bytes.size();
    report.Line("verifying key: {} bytes written to {}", bytes.size(), out_path);
  }
  return kExitOk;
}

// The install prefix of this binary (<prefix>/bin/zkvm) when the guest SDK's CMake package is
// installed beside it; empty otherwise (a build-tree binary).
std::string SdkPrefix() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const std::filesystem::path prefix = exe.parent_path().parent_path();
  if (!std::filesystem::exists(prefix / "lib/cmake/zkvm/zkvmConfig.cmake", ec)) return "";
  return prefix.string();
}

int NewCommand(const std::string& dir, std::string name, Report& report) {
  report.data()["command"] = "new";
  if (name.empty()) name = std::filesystem::path(dir).lexically_normal().filename().string();
  if (name.empty() || name == "." || name == "..") {
    name = std::filesystem::absolute(dir).lexically_normal().parent_path().filename().string();
  }
  // A CMake target and file name: letters, digits and underscores.
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "guest_" + name;
  const std::string prefix = SdkPrefix();
  if (Status s = cli::WriteNewProject(dir, name, prefix); !s.ok()) return report.Fail(s.message());
  report.data()["dir"] = dir;
  report.data()["name"] = name;
  report.Line("wrote guest project '{}' in {}; see {}/README.md", name, dir, dir);
  if (prefix.empty()) {
    report.Line(
        "note: this zkvm is not installed (make install PREFIX=...), so point "
        "-DCMAKE_PREFIX_PATH at an install prefix when configuring");
  }
  return kExitOk;
}

// A positive cycle count, with a readable message for 0 and for junk.
const CLI::Validator kPositiveCount(
    [](std::string& value) -> std::string {
      if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) {
        return "must be a positive whole number, got '" + value + "'";
      }
      if (value.find_first_not_of('0') == std::string::npos) return "must be at least 1";
      return "";
    },
    "N >= 1");

int Main(int argc, char** argv) {
  CLI::App app{"zkvm: a RISC-V (RV32IM) zero-knowledge virtual machine"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for all subcommands");
  app.set_version_flag(
      "--version", fmt::format("zkvm {} (proof format {}, verifying key format {})", ZKVM_VERSION,
                               prover::kVmProofVersion, prover::kVkVersion));

  std::string elf, output, dir, name;
  InputFlags input;
  uint64_t max_cycles = 0;  // 0: the command's default
  bool stats = false, no_aliases = false, json = false, quiet = false, full_names = false;
  size_t top = 25;

  auto add_input = [&input](CLI::App* sub) {
    CLI::Option* file = sub->add_option("--input", input.path,
                                        "Private input: a file, a pipe or <(...), or - for stdin")
                            ->type_name("FILE");
    sub->add_option("--input-hex", input.hex, "Private input as hex digits (e.g. 2a000000)")
        ->type_name("HEX")
        ->excludes(file);
  };
  auto add_max_cycles = [&max_cycles](CLI::App* sub, uint64_t default_value) {
    sub->add_option("--max-cycles", max_cycles,
                    fmt::format("Stop with an error after N cycles (default {})", default_value))
        ->check(kPositiveCount);
  };
  auto add_json = [&json](CLI::App* sub) {
    sub->add_flag("--json", json, "Print one JSON object with every result and statistic");
  };

  CLI::App* execute = app.add_subcommand("execute", "Run a guest ELF and print its results");
  execute->add_option("elf", elf, "Guest ELF (RV32IM, static)")->required();
  add_input(execute);
  add_max_cycles(execute, kDefaultRunCycles);
  execute->add_option("--output", output, "Write the public output to FILE instead of hex");
  execute->add_flag("--stats", stats, "Print speed (MIPS) and syscall counts");
  execute->add_flag("-q,--quiet", quiet, "No progress line on a terminal");
  add_json(execute);

  CLI::App* disasm = app.add_subcommand("disasm", "Disassemble a guest ELF's executable range");
  disasm->add_option("elf", elf, "Guest ELF")->required();
  disasm->add_flag("--no-aliases", no_aliases, "Print raw instructions, no pseudo-instructions");

  CLI::App* profile = app.add_subcommand(
      "profile", "Run a guest and print cycles per step marker and the top functions");
  profile->add_option("elf", elf, "Guest ELF")->required();
  add_input(profile);
  add_max_cycles(profile, kDefaultRunCycles);
  profile->add_option("--top", top, "Number of functions to list (default 25)")
      ->check(kPositiveCount);
  profile->add_flag("--full-names", full_names,
                    "Print whole demangled names (default: template arguments elided)");
  add_json(profile);

  std::string proof_path;
  ProveFlags prove_flags;
  CLI::App* prove = app.add_subcommand("prove", "Prove a guest run: exit code and public output");
  prove->add_option("elf", elf, "Guest ELF")->required();
  add_input(prove);
  prove->add_option("-o,--output", proof_path, "Proof file to write")->required();
  prove->add_option("--blowup", prove_flags.blowup, "LDE blowup: 2 (default preset), 4, 8 or 16")
      ->check(kPositiveCount);
  prove->add_flag("--insecure", prove_flags.insecure,
                  "Fast test options (marked insecure; not 100 bits)");
  prove
      ->add_option("--queries", prove_flags.queries,
                   "FRI queries instead of the preset's (custom options; a run whose statement "
                   "needs more for 100 bits gets the count it needs)")
      ->check(kPositiveCount);
  prove
      ->add_option("--hash", prove_flags.hash,
                   "Merkle and transcript hash: sha3 (default; application proofs) or poseidon2 "
                   "(proofs a guest will verify)")
      ->transform(CLI::CheckedTransformer(kHashNames, CLI::ignore_case).description(""))
      ->type_name("HASH");
  add_max_cycles(prove, kDefaultProveCycles);
  prove->add_flag("--stats", stats, "Print table heights, cells per cycle, timings, memory");
  prove->add_flag("-q,--quiet", quiet, "No progress line on a terminal");
  add_json(prove);
  const std::map<std::string, prover::MemoryMode> memory_modes = {
      {"auto", prover::MemoryMode::kAuto},
      {"fast", prover::MemoryMode::kFast},
      {"low", prover::MemoryMode::kLow}};
  prove
      ->add_option("--memory", prove_flags.memory,
                   "auto (default: low when fast would need more than half the RAM), fast (keep "
                   "every trace and LDE) or low (stream traces, recompute LDEs: about 30% less "
                   "memory, 20% more time)")
      ->transform(CLI::CheckedTransformer(memory_modes, CLI::ignore_case).description(""))
      ->type_name("MODE");
  prove
      ->add_option("--segment-cycles", prove_flags.segment_cycles,
                   fmt::format("Prove the run in segments of N cycles, a power of two from 2^{} "
                               "to 2^{} (default 2^{}); memory follows the segment size",
                               prover::kMinLogSegmentCycles, prover::kMaxLogSegmentCycles,
                               prover::kDefaultLogSegmentCycles))
      ->check([](const std::string& text) -> std::string {
        uint64_t n = 0;
        if (!CLI::detail::lexical_cast(text, n) || !std::has_single_bit(n) ||
            n < (uint64_t{1} << prover::kMinLogSegmentCycles) ||
            n > (uint64_t{1} << prover::kMaxLogSegmentCycles)) {
          return fmt::format("must be a power of two from {} to {}",
                             uint64_t{1} << prover::kMinLogSegmentCycles,
                             uint64_t{1} << prover::kMaxLogSegmentCycles);
        }
        return "";
      })
      ->type_name("N");

  std::string program_path;
  VerifyFlags verify_flags;
  CLI::App* verify = app.add_subcommand("verify", "Verify a proof against an ELF or its vk");
  verify->add_option("proof", proof_path, "Proof file")->required();
  verify->add_option("program", program_path, "Guest ELF or verifying key file")->required();
  verify->add_option("--output", output, "Write the proved public output to FILE");
  add_json(verify);
  CLI::App* blob = app.add_subcommand(
      "recursion-blob", "Write the recursion guest's input for a proof (checked natively first)");
  blob->add_option("proof", proof_path, "Proof file")->required();
  blob->add_option("program", program_path, "The proved guest's ELF or verifying key file")
      ->required();
  blob->add_option("-o,--output", output, "Blob file to write")->required();
  for (CLI::App* sub : {verify, blob}) {
    sub->add_option("--blowup", verify_flags.blowup,
                    "Accept only the options prove --blowup N makes (2, 4, 8 or 16)")
        ->check(kPositiveCount);
    sub->add_flag("--allow-insecure", verify_flags.allow_insecure,
                  "Also accept proofs at the insecure test preset (tests only; marked INSECURE)");
    sub->add_option_function<std::string>(
           "--hash",
           [&verify_flags](const std::string& name) { verify_flags.hash = kHashNames.at(name); },
           "Accept only proofs hashed with sha3 or poseidon2 (default: either, each verified "
           "with its own)")
        ->check(CLI::IsMember({"sha3", "poseidon2"}))
        ->type_name("HASH");
  }

  CLI::App* vk = app.add_subcommand("vk", "Print a guest's verifying-key digest");
  vk->add_option("elf", elf, "Guest ELF")->required();
  vk->add_option("--blowup", prove_flags.blowup, "Proof options as for prove")
      ->check(kPositiveCount);
  vk->add_flag("--insecure", prove_flags.insecure, "The insecure test options");
  vk->add_option("--hash", prove_flags.hash, "Proof options as for prove: sha3 or poseidon2")
      ->transform(CLI::CheckedTransformer(kHashNames, CLI::ignore_case).description(""))
      ->type_name("HASH");
  vk->add_option("--queries", prove_flags.queries, "Proof options as for prove")
      ->check(kPositiveCount);
  vk->add_option("-o,--output", output, "Also write the verifying key to FILE");
  add_json(vk);

  CLI::App* new_project =
      app.add_subcommand("new", "Write a ready-to-build guest project (CMake) into DIR");
  new_project->add_option("dir", dir, "Folder to create (must not exist or be empty)")->required();
  new_project->add_option("--name", name, "The guest's name (default: the folder's name)");

  if (argc >= 2 && argv[1][0] != '-') {
    const std::string command = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->get_name() == command;
    if (!known) {
      std::fprintf(stderr,
                   "zkvm: unknown command '%s' (commands: execute, disasm, profile, prove, "
                   "verify, recursion-blob, vk, new)\n",
                   command.c_str());
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "zkvm: %s (run 'zkvm --help' for usage)\n", e.what());
    return kExitUsage;
  }

  Report report(json);
  const int status = [&]() -> int {
    // Every destination is checked before any work, so a typo in -o costs nothing.
    const std::string& destination = *prove ? proof_path : output;
    if ((*execute || *prove || *verify || *blob || *vk) && !destination.empty()) {
      if (Status w = CheckWritable(destination); !w.ok()) return report.Fail(w.message());
    }
    const bool default_limit = max_cycles == 0;
    const bool progress_shown = cli::ShouldShowProgress(quiet, json);
    if (*execute) {
      return Execute(elf, input, default_limit ? kDefaultRunCycles : max_cycles, default_limit,
                     output, stats, progress_shown, report);
    }
    if (*disasm) return Disasm(elf, no_aliases, report);
    if (*profile) {
      return ProfileGuest(elf, input, default_limit ? kDefaultRunCycles : max_cycles, default_limit,
                          top, full_names, report);
    }
    if (*prove) {
      return ProveCommand(elf, input, proof_path, prove_flags,
                          default_limit ? kDefaultProveCycles : max_cycles, default_limit, stats,
                          progress_shown, report);
    }
    if (*verify) return VerifyCommand(proof_path, program_path, output, verify_flags, report);
    if (*blob) return RecursionBlobCommand(proof_path, program_path, output, verify_flags, report);
    if (*vk) return VkCommand(elf, prove_flags, output, report);
    if (*new_project) return NewCommand(dir, name, report);
    return report.Fail("no command given");
  }();
  report.Finish(status);
  return status;
}

}  // namespace
}  // namespace zkvm

int main(int argc, char** argv) { return zkvm::Main(argc, argv); }
