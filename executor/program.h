// A loaded, validated guest program: the ELF's PT_LOAD segments, its entry point, the
// pre-decoded executable range and the function symbols (for the profiler and disassembler).
// LoadElf validates everything DESIGN.md section 3 asks for and names the offending part of
// the file in its error: class, byte order, machine, type, ABI flags, segment bounds against
// the file and against the memory map (guard, stack, private-input and reserved regions),
// overlapping segments, the entry point and the size of the executable range.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "executor/decoder.h"

namespace zkvm::executor {

struct Segment {
  uint32_t vaddr = 0;
  uint32_t mem_size = 0;      // bytes in memory; [data.size(), mem_size) are zero
  std::vector<uint8_t> data;  // the p_filesz bytes from the file
  bool executable = false;
  bool writable = false;
};

struct Symbol {
  uint32_t address = 0;
  uint32_t size = 0;  // 0 when the ELF gives none (e.g. assembly labels)
  std::string name;
};

struct Program {
  uint32_t entry = 0;
  std::vector<Segment> segments;  // sorted by address, non-overlapping
  // The executable range [text_begin, text_end): the hull of the executable segments. Every
  // word in it is pre-decoded (gaps and non-instruction words decode to kIllegal).
  uint32_t text_begin = 0;
  uint32_t text_end = 0;
  std::vector<Instruction> decoded;      // decoded[(pc - text_begin) / 4]
  std::vector<uint32_t> words;           // the raw instruction words, same indexing
  std::vector<Symbol> functions;         // sorted by address
  std::array<uint8_t, 32> elf_digest{};  // SHA3-256 of the ELF file bytes

  // The function containing `pc`, or nullptr.
  const Symbol* FunctionAt(uint32_t pc) const;
  // "name" or "name+0x1c" for `address` (the nearest symbol at or below it, as objdump
  // prints), or "" when there is none.
  std::string SymbolizeAddress(uint32_t address) const;
  // "in name+0x1c" (the function's name demangled and shortened by ShortFunctionName) for a
  // trap's pc, or "" when no function contains it.
  std::string WhereIs(uint32_t pc) const;
};

// "zkvm::Commit(void const*, unsigned int)" for "_ZN4zkvm6CommitEPKvj"; other names unchanged.
std::string Demangle(const std::string& name);

// A demangled name made readable in one line: the arguments of every template are elided
// ("std::vector<int, std::allocator<int> >::push_back(int const&)" becomes
// "std::vector<...>::push_back(int const&)"), and a parameter list longer than 60 characters
// becomes "(...)". Operators that contain '<' or '>' (operator<, operator<<, operator->) are
// kept whole.
std::string ShortFunctionName(std::string_view name);

// Largest executable range accepted (the decoder keeps 12 bytes per word of it).
inline constexpr uint32_t kMaxTextBytes = 64u << 20;

// Parses and validates an ELF image. `name` is used in error messages.
Result<Program> LoadElf(std::span<const uint8_t> bytes, std::string_view name = "ELF");
// Reads `path` and calls LoadElf.
Result<Program> LoadElfFile(const std::string& path);

}  // namespace zkvm::executor
