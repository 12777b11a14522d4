// The `zkvm` command-line tool: execute, disasm and profile guest ELFs; prove, verify and print
// verifying keys.
//
// Exit status: 0 = success (for `execute`: the guest halted with exit code 0; for `verify`:
// the proof is valid); 1 = the guest halted with a non-zero exit code (`execute`); 2 = bad
// usage or bad input (flags, ELF, input file, unreadable proof file); 3 = the guest trapped;
// 4 = the cycle limit was reached; 5 = the run cannot be proved (`prove`: it does not halt, or
// uses a syscall no table proves); 6 = the proof was rejected (`verify`, `recursion-blob`:
// malformed, wrong, made with options other than the pinned ones, or below 100 provable bits
// for its statement; proofs at the insecure test preset unless --allow-insecure). Errors are
// one line on stderr that names what is wrong.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/file_io.h"
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

constexpr int kExitOk = 0;
constexpr int kExitGuestFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitTrap = 3;
constexpr int kExitCycleLimit = 4;
constexpr int kExitCannotProve = 5;
constexpr int kExitRejected = 6;

int Fail(const std::string& message) {
  std::fprintf(stderr, "zkvm: %s\n", message.c_str());
  return kExitUsage;
}

struct LoadedGuest {
  Program program;
  std::vector<uint8_t> input;
};

// Loads the ELF and the optional input file; prints the error and returns false on failure.
bool LoadGuest(const std::string& elf_path, const std::string& input_path, LoadedGuest& out) {
  auto program = executor::LoadElfFile(elf_path);
  if (!program) {
    Fail(program.error().message);
    return false;
  }
  out.program = std::move(program).value();
  if (!input_path.empty()) {
    auto input = ReadFile(input_path, abi::kMaxInputPayload);
    if (!input) {
      Fail("private input: " + input.error().message);
      return false;
    }
    out.input = std::move(input).value();
  }
  return true;
}

// Reports how the run ended on stderr and returns the process exit status.
int ReportEnd(const executor::MachineState& state, uint64_t max_cycles) {
  switch (state.status) {
    case RunStatus::kHalted:
      return state.exit_code == 0 ? kExitOk : kExitGuestFailed;
    case RunStatus::kTrapped:
      std::fprintf(stderr, "zkvm: guest trapped: %s (after %llu cycles)\n",
                   executor::DescribeTrap(state.trap).c_str(),
                   static_cast<unsigned long long>(state.cycle));
      return kExitTrap;
    case RunStatus::kCycleLimit:
      std::fprintf(stderr, "zkvm: cycle limit of %llu reached at pc %#x without HALT\n",
                   static_cast<unsigned long long>(max_cycles), state.pc);
      return kExitCycleLimit;
    case RunStatus::kRunning:
      break;
  }
  return Fail("internal error: run ended without a final status");
}

std::string Hex(std::span<const uint8_t> bytes) {
  std::string s;
  s.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) s += fmt::format("{:02x}", b);
  return s;
}

int Execute(const std::string& elf_path, const std::string& input_path, uint64_t max_cycles,
            const std::string& output_path, bool stats) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input_path, guest)) return kExitUsage;
  auto ex = Executor::Create(guest.program, guest.input);
  if (!ex) return Fail(ex.error().message);
  ex->set_debug_sink([](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  });
  const auto start = std::chrono::steady_clock::now();
  const executor::MachineState& state = ex->Run({.max_cycles = max_cycles});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (state.status == RunStatus::kHalted) {
    std::printf("exit code: %u%s\n", state.exit_code, state.exit_code ? " (program failed)" : "");
    if (!output_path.empty()) {
      if (Status s = WriteFile(output_path, state.public_output); !s.ok()) {
        return Fail(fmt::format("public output: {}", s.message()));
      }
      std::printf("public output: %zu bytes written to %s\n", state.public_output.size(),
                  output_path.c_str());
    } else {
      std::printf("public output (%zu bytes): %s\n", state.public_output.size(),
                  Hex(state.public_output).c_str());
    }
  }
  std::printf("cycles: %llu\n", static_cast<unsigned long long>(state.cycle));
  if (stats) {
    const auto& c = state.syscalls;
    std::printf("time: %.3f s\nspeed: %.1f MIPS\n", seconds,
                seconds > 0 ? static_cast<double>(state.cycle) / seconds / 1e6 : 0.0);
    std::printf(
        "syscalls: halt %llu, write %llu (%llu public bytes, %llu debug bytes), "
        "keccak_f1600 %llu\n",
        static_cast<unsigned long long>(c.halt), static_cast<unsigned long long>(c.write),
        static_cast<unsigned long long>(c.public_output_bytes),
        static_cast<unsigned long long>(c.debug_bytes),
        static_cast<unsigned long long>(c.keccak_f1600));
  }
  return ReportEnd(state, max_cycles);
}

int Disasm(const std::string& elf_path, bool no_aliases) {
  auto program = executor::LoadElfFile(elf_path);
  if (!program) return Fail(program.error().message);
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

int ProfileGuest(const std::string& elf_path, const std::string& input_path, uint64_t max_cycles,
                 size_t top) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input_path, guest)) return kExitUsage;
  auto ex = Executor::Create(guest.program, guest.input);
  if (!ex) return Fail(ex.error().message);
  ex->set_debug_sink([](std::string_view) {});
  executor::Profile profile(guest.program);
  const executor::MachineState& state = ex->Run({.max_cycles = max_cycles, .profile = &profile});
  std::fputs(executor::FormatProfile(profile.Summarize(top)).c_str(), stdout);
  if (state.status == RunStatus::kHalted) std::printf("exit code: %u\n", state.exit_code);
  return ReportEnd(state, max_cycles);
}

// The proof options for --blowup (the preset for 2 and 16; otherwise the default preset's
// other fields with the fewest queries that reach 100 provable bits) or --insecure.
Result<stark::ProofOptions> OptionsFor(uint32_t blowup, bool insecure) {
  if (insecure) return stark::kInsecureTestOptions;
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
  const std::optional<uint16_t> queries =
      stark::MinNumQueries(o, stark::RepresentativeParameters(), stark::kMinSecurityBits);
  if (!queries) return MakeError("--blowup {}: no query count reaches 100 bits", blowup);
  o.num_queries = *queries;
  return o;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

std::string MiB(size_t bytes) { return fmt::format("{:.1f} MiB", bytes / 1048576.0); }

size_t PeakRssBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

int ProveCommand(const std::string& elf_path, const std::string& input_path,
                 const std::string& proof_path, uint32_t blowup, bool insecure, uint64_t max_cycles,
                 prover::MemoryMode memory, bool stats) {
  LoadedGuest guest;
  if (!LoadGuest(elf_path, input_path, guest)) return kExitUsage;
  Result<stark::ProofOptions> options = OptionsFor(blowup, insecure);
  if (!options) return Fail(options.error().message);
  prover::ProveConfig config;
  config.options = *options;
  config.max_cycles = max_cycles;
  config.memory = memory;
  prover::ProveStats st;
  Result<std::vector<uint8_t>> proof = prover::Prove(guest.program, guest.input, config, &st);
  if (!proof) {
    std::fprintf(stderr, "zkvm: cannot prove: %s\n", proof.error().message.c_str());
    return kExitCannotProve;
  }
  if (Status s = WriteFile(proof_path, *proof); !s.ok()) {
    return Fail(fmt::format("proof: {}", s.message()));
  }
  std::printf("proof: %zu bytes written to %s (%llu cycles, %.2f s)\n", proof->size(),
              proof_path.c_str(), static_cast<unsigned long long>(st.cycles), st.total_seconds);
  if (stats) {
    std::printf("options: %s\n", stark::DescribeOptions(config.options).c_str());
    std::printf("security: %.1f provable bits\n", st.security_bits);
    std::printf("%-12s %10s %10s %5s %5s %12s\n", "table", "real rows", "rows", "main", "aux",
                "cells");
    for (const prover::ProveStats::Chunk& c : st.chunks) {
      std::printf("%-12s %10llu %10llu %5llu %5llu %12llu\n", prover::TableName(c.table),
                  static_cast<unsigned long long>(c.real_rows),
                  static_cast<unsigned long long>(c.rows),
                  static_cast<unsigned long long>(c.main_columns),
                  static_cast<unsigned long long>(c.aux_columns),
                  static_cast<unsigned long long>(c.rows * (c.main_columns + c.aux_columns)));
    }
    std::printf("committed cells: %llu (%.1f per cycle, main + aux)\n",
                static_cast<unsigned long long>(st.committed_cells),
                static_cast<double>(st.committed_cells) / static_cast<double>(st.cycles));
    std::printf(
        "time: execute+route %.3f s, traces %.3f s, stark %.3f s, total %.3f s "
        "(%.0f cycles/s)\n",
        st.execute_seconds, st.trace_seconds, st.stark_seconds, st.total_seconds,
        static_cast<double>(st.cycles) / st.total_seconds);
    std::printf("%s", stark::DescribeProverStats(st.stark, "").c_str());
    std::printf("proof size: %zu bytes\npeak memory: %s\n", st.proof_bytes,
                MiB(PeakRssBytes()).c_str());
  }
  return kExitOk;
}

// What `verify` and `recursion-blob` accept: the options --blowup pins (when given) and the
// insecure test preset only with --allow-insecure; in every case the proof's options must reach
// 100 provable bits for its own statement, by the verifier's calculation.
struct VerifyFlags {
  uint32_t blowup = 0;  // 0: not pinned
  bool allow_insecure = false;
};

Result<prover::VerifyPolicy> PolicyFor(const VerifyFlags& flags) {
  prover::VerifyPolicy policy;
  policy.security.allow_insecure_preset = flags.allow_insecure;
  if (flags.blowup != 0) {
    Result<stark::ProofOptions> options = OptionsFor(flags.blowup, false);
    if (!options) return options.error();
    policy.options = *options;
  }
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

// Reads the proof and the program (an ELF, or a vk file: magic ZKVK) and verifies. Prints the
// error and sets the exit status on failure: 2 for unreadable files and bad flags, 6 for a
// rejected proof.
Result<CheckedProof> LoadAndVerify(const std::string& proof_path, const std::string& program_path,
                                   const VerifyFlags& flags, int* exit_status) {
  *exit_status = kExitUsage;
  Result<prover::VerifyPolicy> policy = PolicyFor(flags);
  if (!policy) {
    Fail(policy.error().message);
    return policy.error();
  }
  Result<std::vector<uint8_t>> proof = ReadFile(proof_path, 1u << 30);
  if (!proof) {
    Fail("proof: " + proof.error().message);
    return proof.error();
  }
  Result<std::vector<uint8_t>> program = ReadFile(program_path, 64u << 20);
  if (!program) {
    Fail(program.error().message);
    return program.error();
  }
  CheckedProof out;
  out.bytes = std::move(*proof);
  // The proof's options, once it parses: they name the insecure preset in the hint below.
  std::optional<stark::ProofOptions> claimed;
  auto rejected = [&](const Error& error) -> Error {
    *exit_status = kExitRejected;
    const bool hint = !flags.allow_insecure && claimed && claimed->insecure();
    std::fprintf(stderr, "zkvm: invalid proof: %s%s\n", error.message.c_str(),
                 hint ? " (pass --allow-insecure to accept it for a test)" : "");
    return error;
  };
  const auto start = std::chrono::steady_clock::now();
  std::optional<Program> elf;
  if (program->size() >= 4 && std::equal(program->begin(), program->begin() + 4, "ZKVK")) {
    Result<prover::VerifyingKey> vk = prover::VerifyingKey::Decode(*program);
    if (!vk) {
      Fail(fmt::format("{}: not a valid verifying key: {}", program_path, vk.error().message));
      return vk.error();
    }
    out.vk = *vk;
  } else {
    Result<Program> loaded = executor::LoadElf(*program, program_path);
    if (!loaded) {
      Fail(loaded.error().message);
      return loaded.error();
    }
    elf = std::move(*loaded);
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
void WarnIfInsecure(const stark::ProofOptions& options, double bits) {
  if (!options.insecure()) return;
  std::printf(
      "INSECURE: accepted at the insecure test preset (%.1f provable bits) because "
      "--allow-insecure was given; this proof shows nothing about the program\n",
      bits);
}

int VerifyCommand(const std::string& proof_path, const std::string& program_path,
                  const std::string& output_path, const VerifyFlags& flags) {
  int status = kExitOk;
  Result<CheckedProof> checked = LoadAndVerify(proof_path, program_path, flags, &status);
  if (!checked) return status;
  const prover::VerifiedStatement& result = checked->statement;
  WarnIfInsecure(result.options, result.security_bits);
  const std::string vk_time =
      checked->vk_milliseconds > 0
          ? fmt::format("; verifying key from the ELF in {:.1f} ms", checked->vk_milliseconds)
          : "";
  std::printf(
      "valid proof (%.1f ms%s)\nprogram: %s\noptions: %s\nsecurity: %.1f provable bits for this "
      "statement (%s)\nexit code: %u%s\ncycles: %llu\n",
      checked->milliseconds, vk_time.c_str(), prover::HexDigest(result.vk_digest).c_str(),
      stark::DescribeOptions(result.options).c_str(), result.security_bits,
      result.options.insecure() ? "insecure test preset, allowed by --allow-insecure"
                                : "at least 100 required",
      result.exit_code, result.exit_code != 0 ? " (the program failed)" : "",
      static_cast<unsigned long long>(result.cycles));
  if (!output_path.empty()) {
    if (Status s = WriteFile(output_path, result.output); !s.ok()) {
      return Fail(fmt::format("public output: {}", s.message()));
    }
    std::printf("public output: %zu bytes written to %s\n", result.output.size(),
                output_path.c_str());
  } else {
    std::printf("public output (%zu bytes): %s\n", result.output.size(),
                Hex(result.output).c_str());
  }
  return kExitOk;
}

// The recursion guest's input: the blob of a proof and its program's verifying key. The proof
// is checked natively first, under the same rules as `verify`, so a blob that the guest would
// reject, or that rests on options the caller did not accept, is never written.
int RecursionBlobCommand(const std::string& proof_path, const std::string& program_path,
                         const std::string& out_path, const VerifyFlags& flags) {
  int status = kExitOk;
  Result<CheckedProof> checked = LoadAndVerify(proof_path, program_path, flags, &status);
  if (!checked) return status;
  const prover::VerifiedStatement& result = checked->statement;
  // The recursion guests compile their options in (guests/recursion): a blob of a proof at
  // other options would only be refused there.
  if (!(result.options == stark::kRecursionOptions) &&
      !(result.options == stark::kInsecureTestOptions)) {
    return Fail(fmt::format(
        "no recursion guest verifies proofs made with {} (recursion.elf takes prove --blowup "
        "16, recursion_test.elf prove --insecure)",
        stark::DescribeOptions(result.options)));
  }
  WarnIfInsecure(result.options, result.security_bits);
  const std::vector<uint8_t> blob = prover::MakeRecursionBlob(checked->vk, checked->bytes);
  if (Status s = WriteFile(out_path, blob); !s.ok()) {
    return Fail(fmt::format("recursion blob: {}", s.message()));
  }
  std::printf("recursion blob: %zu bytes written to %s (program %s, options: %s, %.1f bits)\n",
              blob.size(), out_path.c_str(), prover::HexDigest(checked->vk.Digest()).c_str(),
              stark::DescribeOptions(result.options).c_str(), result.security_bits);
  return kExitOk;
}

int VkCommand(const std::string& elf_path, uint32_t blowup, bool insecure,
              const std::string& out_path) {
  Result<Program> program = executor::LoadElfFile(elf_path);
  if (!program) return Fail(program.error().message);
  Result<stark::ProofOptions> options = OptionsFor(blowup, insecure);
  if (!options) return Fail(options.error().message);
  Result<prover::VerifyingKey> vk = prover::ComputeVerifyingKey(*program, *options);
  if (!vk) return Fail(vk.error().message);
  std::printf("%s\n", prover::HexDigest(vk->Digest()).c_str());
  if (!out_path.empty()) {
    const auto bytes = vk->Encode();
    if (Status s = WriteFile(out_path, bytes); !s.ok()) {
      return Fail(fmt::format("verifying key: {}", s.message()));
    }
    std::printf("verifying key: %zu bytes written to %s\n", bytes.size(), out_path.c_str());
  }
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{"zkvm: a RISC-V (RV32IM) zero-knowledge virtual machine"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for all subcommands");
  app.set_version_flag(
      "--version", fmt::format("zkvm {} (proof format {}, verifying key format {})", ZKVM_VERSION,
                               prover::kVmProofVersion, prover::kVkVersion));

  std::string elf, input, output;
  uint64_t max_cycles = UINT64_MAX;
  bool stats = false, no_aliases = false;
  size_t top = 25;

  CLI::App* execute = app.add_subcommand("execute", "Run a guest ELF and print its results");
  execute->add_option("elf", elf, "Guest ELF (RV32IM, static)")->required();
  execute->add_option("--input", input, "Private input file (payload bytes)");
  execute->add_option("--max-cycles", max_cycles, "Stop with an error after N cycles")
      ->check(CLI::PositiveNumber);
  execute->add_option("--output", output, "Write the public output to FILE instead of hex");
  execute->add_flag("--stats", stats, "Print speed (MIPS) and syscall counts");

  CLI::App* disasm = app.add_subcommand("disasm", "Disassemble a guest ELF's executable range");
  disasm->add_option("elf", elf, "Guest ELF")->required();
  disasm->add_flag("--no-aliases", no_aliases, "Print raw instructions, no pseudo-instructions");

  CLI::App* profile = app.add_subcommand(
      "profile", "Run a guest and print cycles per step marker and the top functions");
  profile->add_option("elf", elf, "Guest ELF")->required();
  profile->add_option("--input", input, "Private input file (payload bytes)");
  profile->add_option("--max-cycles", max_cycles, "Stop with an error after N cycles")
      ->check(CLI::PositiveNumber);
  profile->add_option("--top", top, "Number of functions to list (default 25)")
      ->check(CLI::PositiveNumber);

  std::string proof_path;
  uint32_t blowup = 2;
  bool insecure = false;
  CLI::App* prove = app.add_subcommand("prove", "Prove a guest run: exit code and public output");
  prove->add_option("elf", elf, "Guest ELF")->required();
  prove->add_option("--input", input, "Private input file (payload bytes)");
  prove->add_option("-o,--output", proof_path, "Proof file to write")->required();
  prove->add_option("--blowup", blowup, "LDE blowup: 2 (default preset), 4, 8 or 16")
      ->check(CLI::PositiveNumber);
  prove->add_flag("--insecure", insecure, "Fast test options (marked insecure; not 100 bits)");
  prove->add_option("--max-cycles", max_cycles, "Refuse runs longer than N cycles")
      ->check(CLI::PositiveNumber);
  prove->add_flag("--stats", stats, "Print table heights, cells per cycle, timings, memory");
  prover::MemoryMode memory = prover::MemoryMode::kAuto;
  const std::map<std::string, prover::MemoryMode> memory_modes = {
      {"auto", prover::MemoryMode::kAuto},
      {"fast", prover::MemoryMode::kFast},
      {"low", prover::MemoryMode::kLow}};
  prove
      ->add_option("--memory", memory,
                   "auto (default), fast (keep every trace and LDE) or low (stream traces, "
                   "recompute LDEs: about 30% less memory, 20% more time)")
      ->transform(CLI::CheckedTransformer(memory_modes, CLI::ignore_case));

  std::string program_path;
  VerifyFlags verify_flags;
  CLI::App* verify = app.add_subcommand("verify", "Verify a proof against an ELF or its vk");
  verify->add_option("proof", proof_path, "Proof file")->required();
  verify->add_option("program", program_path, "Guest ELF or verifying key file")->required();
  verify->add_option("--output", output, "Write the proved public output to FILE");
  CLI::App* blob = app.add_subcommand(
      "recursion-blob", "Write the recursion guest's input for a proof (checked natively first)");
  blob->add_option("proof", proof_path, "Proof file")->required();
  blob->add_option("program", program_path, "The proved guest's ELF or verifying key file")
      ->required();
  blob->add_option("-o,--output", output, "Blob file to write")->required();
  for (CLI::App* sub : {verify, blob}) {
    sub->add_option("--blowup", verify_flags.blowup,
                    "Accept only the options prove --blowup N makes (2, 4, 8 or 16)")
        ->check(CLI::PositiveNumber);
    sub->add_flag("--allow-insecure", verify_flags.allow_insecure,
                  "Also accept proofs at the insecure test preset (tests only; marked INSECURE)");
  }

  CLI::App* vk = app.add_subcommand("vk", "Print a guest's verifying-key digest");
  vk->add_option("elf", elf, "Guest ELF")->required();
  vk->add_option("--blowup", blowup, "Proof options as for prove")->check(CLI::PositiveNumber);
  vk->add_flag("--insecure", insecure, "The insecure test options");
  vk->add_option("-o,--output", output, "Also write the verifying key to FILE");

  if (argc >= 2 && argv[1][0] != '-') {
    const std::string command = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->get_name() == command;
    if (!known) {
      return Fail(
          fmt::format("unknown command '{}' (commands: execute, disasm, profile, prove, verify, "
                      "recursion-blob, vk)",
                      command));
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

  // Every destination is checked before any work, so a typo in -o costs nothing.
  const std::string& destination = *prove ? proof_path : output;
  if ((*execute || *prove || *verify || *blob || *vk) && !destination.empty()) {
    if (Status w = CheckWritable(destination); !w.ok()) return Fail(w.message());
  }
  if (*execute) return Execute(elf, input, max_cycles, output, stats);
  if (*disasm) return Disasm(elf, no_aliases);
  if (*profile) return ProfileGuest(elf, input, max_cycles, top);
  if (*prove) {
    return ProveCommand(elf, input, proof_path, blowup, insecure,
                        max_cycles == UINT64_MAX ? prover::kMaxCycles : max_cycles, memory, stats);
  }
  if (*verify) return VerifyCommand(proof_path, program_path, output, verify_flags);
  if (*blob) return RecursionBlobCommand(proof_path, program_path, output, verify_flags);
  if (*vk) return VkCommand(elf, blowup, insecure, output);
  return Fail("no command given");
}

}  // namespace
}  // namespace zkvm

int main(int argc, char** argv) { return zkvm::Main(argc, argv); }
