#include "executor/memory.h"

#include <sys/mman.h>

#include "base/check.h"

namespace zkvm::executor {
namespace {
constexpr size_t kMappingSize = size_t{1} << 32;
}

Memory::Memory() : touched_(kNumPages, 0) {
  void* p = mmap(nullptr, kMappingSize, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ZKVM_CHECK(p != MAP_FAILED, "cannot reserve the 4 GiB guest address space");
  base_ = static_cast<uint8_t*>(p);
}

Memory::~Memory() {
  if (base_ != nullptr) munmap(base_, kMappingSize);
}

Memory::Memory(Memory&& other) noexcept : base_(other.base_), touched_(std::move(other.touched_)) {
  other.base_ = nullptr;
}

Memory& Memory::operator=(Memory&& other) noexcept {
  if (this != &other) {
    if (base_ != nullptr) munmap(base_, kMappingSize);
    base_ = other.base_;
    touched_ = std::move(other.touched_);
    other.base_ = nullptr;
  }
  return *this;
}

void Memory::Write(uint32_t address, std::span<const uint8_t> bytes) {
  ZKVM_CHECK(uint64_t{address} + bytes.size() <= kMappingSize, "write past the address space");
  if (!bytes.empty()) std::memcpy(base_ + address, bytes.data(), bytes.size());
  MarkTouched(address, bytes.size());
}

void Memory::MarkTouched(uint32_t address, uint64_t size) {
  if (size == 0) return;
  const uint64_t first = address >> kPageBits;
  const uint64_t last = (uint64_t{address} + size - 1) >> kPageBits;
  for (uint64_t p = first; p <= last; ++p) touched_[p] = 1;
}

}  // namespace zkvm::executor
