// The `zkvm` command-line tool: execute, disasm and profile guest ELFs.
//
// Exit status: 0 = success (for `execute`: the guest halted with exit code 0); 1 = the guest
// halted with a non-zero exit code; 2 = bad usage or bad input (flags, ELF, input file);
// 3 = the guest trapped; 4 = the cycle limit was reached. Errors are one line on stderr that
// names what is wrong.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "executor/disassembler.h"
#include "executor/executor.h"
#include "executor/profiler.h"
#include "executor/program.h"
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
    auto input = executor::ReadFile(input_path, abi::kMaxInputPayload);
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
      std::ofstream out(output_path, std::ios::binary);
      out.write(reinterpret_cast<const char*>(state.public_output.data()),
                static_cast<std::streamsize>(state.public_output.size()));
      if (!out) return Fail(fmt::format("cannot write public output to {}", output_path));
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

int Main(int argc, char** argv) {
  CLI::App app{"zkvm: a RISC-V (RV32IM) zero-knowledge virtual machine"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for all subcommands");

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

  if (argc >= 2 && argv[1][0] != '-') {
    const std::string command = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known |= sub->get_name() == command;
    if (!known) {
      return Fail(
          fmt::format("unknown command '{}' (commands: execute, disasm, profile)", command));
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "zkvm: %s (run 'zkvm --help' for usage)\n", e.what());
    return kExitUsage;
  }

  if (*execute) return Execute(elf, input, max_cycles, output, stats);
  if (*disasm) return Disasm(elf, no_aliases);
  if (*profile) return ProfileGuest(elf, input, max_cycles, top);
  return Fail("no command given");
}

}  // namespace
}  // namespace zkvm

int main(int argc, char** argv) { return zkvm::Main(argc, argv); }
