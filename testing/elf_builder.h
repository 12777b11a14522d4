// Builds small ELF32 RISC-V executables in memory for tests: program headers and segment
// bytes only (no section headers), or deliberately malformed variants of them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zkvm::testing {

struct ElfSegment {
  uint32_t vaddr = 0;
  std::vector<uint8_t> data;
  uint32_t mem_size = 0;  // 0 means data.size()
  uint32_t flags = 5;     // PF_R | PF_X
};

struct ElfSpec {
  uint32_t entry = 0x10000;
  std::vector<ElfSegment> segments;
  uint8_t elf_class = 1;      // ELFCLASS32
  uint8_t data_encoding = 1;  // ELFDATA2LSB
  uint16_t type = 2;          // ET_EXEC
  uint16_t machine = 243;     // EM_RISCV
  uint32_t flags = 0;         // e_flags
};

std::vector<uint8_t> BuildElf(const ElfSpec& spec);

// One executable segment at 0x10000 holding `code`, entry at its start.
std::vector<uint8_t> BuildCodeElf(const std::vector<uint32_t>& code);

// Little-endian bytes of instruction words.
std::vector<uint8_t> WordBytes(const std::vector<uint32_t>& words);

// Writes bytes to a file (mode 0755 if `executable`: qemu-user refuses to run other files);
// returns false on failure.
bool WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes,
                    bool executable = false);

}  // namespace zkvm::testing
