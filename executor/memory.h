// The guest's 4 GiB address space as one lazily-committed host mapping (MAP_NORESERVE): an
// access is a bounds check against the memory map plus a plain host load or store, which is
// what lets the interpreter run at hundreds of MIPS. Pages the guest never touches cost nothing.
// A byte per 4 KiB page records which pages hold data (loaded from the ELF or private input, or
// stored to), so snapshots carry only those pages.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace zkvm::executor {

inline constexpr uint32_t kPageBits = 12;
inline constexpr uint32_t kPageSize = 1u << kPageBits;
inline constexpr uint32_t kNumPages = 1u << (32 - kPageBits);

class Memory {
 public:
  Memory();
  ~Memory();
  Memory(Memory&& other) noexcept;
  Memory& operator=(Memory&& other) noexcept;
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  // Host pointer of guest address 0; guest address a lives at base() + a.
  uint8_t* base() const { return base_; }
  // Per-page "holds data" flags, indexed by address >> kPageBits.
  uint8_t* touched() { return touched_.data(); }
  const std::vector<uint8_t>& touched_pages() const { return touched_; }

  // Copies bytes in and marks their pages touched (loader and snapshot restore).
  void Write(uint32_t address, std::span<const uint8_t> bytes);
  void MarkTouched(uint32_t address, uint64_t size);

  uint32_t LoadWord(uint32_t address) const {
    uint32_t v;
    std::memcpy(&v, base_ + address, 4);
    return v;
  }

 private:
  uint8_t* base_ = nullptr;
  std::vector<uint8_t> touched_;
};

}  // namespace zkvm::executor
