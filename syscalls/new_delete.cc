// operator new and delete (every C++20 form) and std::nothrow for the picolibc flavour: over
// picolibc's malloc, aligned_alloc and free, whose heap grows through the glue's sbrk
// (picolibc_glue.c). Running out of memory halts with kExitOutOfMemory after a debug message,
// as in the freestanding flavour (allocator.cc), so `new` never returns null; the nothrow forms
// halt too.

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <new>

#include "syscalls/debug_line.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {
namespace {

// What picolibc's malloc guarantees; larger alignments go through aligned_alloc.
constexpr size_t kMallocAlignment = 8;

[[noreturn]] void OutOfMemory(size_t size) {
  detail::DebugLine()
      .Append("zkvm runtime: out of memory (allocating ")
      .AppendDecimal(size)
      .Append(" bytes)")
      .Print();
  Halt(kExitOutOfMemory);
}

// `alignment` is a power of two (std::align_val_t guarantees it).
void* Allocate(size_t size, size_t alignment) {
  if (size == 0) size = 1;  // distinct pointers for distinct zero-size allocations
  void* block;
  if (alignment <= kMallocAlignment) {
    block = malloc(size);
  } else {
    // aligned_alloc wants a size that is a multiple of the alignment.
    const size_t rounded = (size + alignment - 1) & ~(alignment - 1);
    block = rounded < size ? nullptr : aligned_alloc(alignment, rounded);
  }
  if (block == nullptr) OutOfMemory(size);
  return block;
}

}  // namespace
}  // namespace zkvm

const std::nothrow_t std::nothrow{};

void* operator new(size_t size) { return zkvm::Allocate(size, zkvm::kMallocAlignment); }
void* operator new[](size_t size) { return zkvm::Allocate(size, zkvm::kMallocAlignment); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, zkvm::kMallocAlignment);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, zkvm::kMallocAlignment);
}
void* operator new(size_t size, std::align_val_t alignment) {
  return zkvm::Allocate(size, static_cast<size_t>(alignment));
}
void* operator new[](size_t size, std::align_val_t alignment) {
  return zkvm::Allocate(size, static_cast<size_t>(alignment));
}
void* operator new(size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, static_cast<size_t>(alignment));
}
void* operator new[](size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, static_cast<size_t>(alignment));
}

void operator delete(void* block) noexcept { free(block); }
void operator delete[](void* block) noexcept { free(block); }
void operator delete(void* block, size_t) noexcept { free(block); }
void operator delete[](void* block, size_t) noexcept { free(block); }
void operator delete(void* block, std::align_val_t) noexcept { free(block); }
void operator delete[](void* block, std::align_val_t) noexcept { free(block); }
void operator delete(void* block, size_t, std::align_val_t) noexcept { free(block); }
void operator delete[](void* block, size_t, std::align_val_t) noexcept { free(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { free(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { free(block); }
void operator delete(void* block, std::align_val_t, const std::nothrow_t&) noexcept { free(block); }
void operator delete[](void* block, std::align_val_t, const std::nothrow_t&) noexcept {
  free(block);
}
