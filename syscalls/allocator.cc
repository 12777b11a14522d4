// The heap of the freestanding runtime: a bump allocator over [__heap_start, __heap_end)
// (toolchain/guest.ld: from the end of .bss to abi::kHeapEnd; the qemu variant links a 64 MiB
// heap instead) behind malloc, calloc, realloc, free, aligned_alloc and every C++20 form of
// operator new and delete.
//
// Guest programs are short-lived and every byte of memory they touch costs proving time, so
// the allocator is as cheap as possible: free and delete do nothing; realloc grows the newest
// block in place and otherwise copies; calloc clears only memory that was handed out before
// (fresh heap pages are zero). Running out of memory halts with kExitOutOfMemory after a debug
// message, for malloc as for operator new, so no caller needs a null check.

#include <stddef.h>
#include <stdint.h>

#include <new>

#include "syscalls/debug_line.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

extern "C" char __heap_start[];
extern "C" char __heap_end[];
extern "C" void* memcpy(void* destination, const void* source, size_t size);
extern "C" void* memset(void* destination, int value, size_t size);

namespace zkvm {
namespace {

// alignof(max_align_t) for ilp32 (long double is 16 bytes).
constexpr size_t kDefaultAlignment = 16;

struct Heap {
  uintptr_t next = 0;        // first free byte; 0 until the first allocation
  uintptr_t high_water = 0;  // bytes at and above this were never handed out: still zero
  uintptr_t newest = 0;      // start of the most recent block (realloc may grow it in place)
};

Heap heap;

[[noreturn]] void OutOfMemory(size_t size) {
  detail::DebugLine()
      .Append("zkvm runtime: out of memory (allocating ")
      .AppendDecimal(size)
      .Append(" bytes)")
      .Print();
  Halt(kExitOutOfMemory);
}

void InitHeap() {
  if (heap.next == 0) {
    heap.next = reinterpret_cast<uintptr_t>(__heap_start);
    heap.high_water = heap.next;
  }
}

// Sets the end of the newest block, or halts if it would pass the heap end.
void SetNext(uintptr_t start, size_t size) {
  const uintptr_t limit = reinterpret_cast<uintptr_t>(__heap_end);
  if (start > limit || size > limit - start) OutOfMemory(size);
  heap.next = start + size;
  if (heap.next > heap.high_water) heap.high_water = heap.next;
}

// `alignment` must be a power of two.
void* Allocate(size_t size, size_t alignment) {
  InitHeap();
  if (alignment < kDefaultAlignment) alignment = kDefaultAlignment;
  if (size == 0) size = 1;  // distinct pointers for distinct zero-size allocations
  const uintptr_t start = (heap.next + alignment - 1) & ~static_cast<uintptr_t>(alignment - 1);
  if (start < heap.next) OutOfMemory(size);  // wrapped around
  SetNext(start, size);
  heap.newest = start;
  return reinterpret_cast<void*>(start);
}

void* AllocateZeroed(size_t size) {
  InitHeap();
  const uintptr_t dirty_end = heap.high_water;
  void* block = Allocate(size, kDefaultAlignment);
  const uintptr_t start = reinterpret_cast<uintptr_t>(block);
  if (start < dirty_end) {
    const size_t dirty = dirty_end - start;
    memset(block, 0, dirty < size ? dirty : size);
  }
  return block;
}

void* Reallocate(void* block, size_t size) {
  if (block == nullptr) return Allocate(size, kDefaultAlignment);
  const uintptr_t start = reinterpret_cast<uintptr_t>(block);
  if (size == 0) size = 1;
  if (start == heap.newest) {
    SetNext(start, size);
    return block;
  }
  // The old block ends at or before heap.next; copy up to there (bytes past its old end are
  // unspecified after realloc anyway).
  const size_t available = heap.next - start;
  void* moved = Allocate(size, kDefaultAlignment);
  memcpy(moved, block, available < size ? available : size);
  return moved;
}

bool IsPowerOfTwo(size_t value) { return value != 0 && (value & (value - 1)) == 0; }

}  // namespace
}  // namespace zkvm

extern "C" {

void* malloc(size_t size) { return zkvm::Allocate(size, zkvm::kDefaultAlignment); }

void* calloc(size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) zkvm::OutOfMemory(SIZE_MAX);
  return zkvm::AllocateZeroed(total);
}

void* realloc(void* block, size_t size) { return zkvm::Reallocate(block, size); }

void free(void*) {}

void* aligned_alloc(size_t alignment, size_t size) {
  if (!zkvm::IsPowerOfTwo(alignment)) return nullptr;
  return zkvm::Allocate(size, alignment);
}

void* memalign(size_t alignment, size_t size) { return aligned_alloc(alignment, size); }

int posix_memalign(void** result, size_t alignment, size_t size) {
  if (!zkvm::IsPowerOfTwo(alignment) || alignment % sizeof(void*) != 0) return 22;  // EINVAL
  *result = zkvm::Allocate(size, alignment);
  return 0;
}

}  // extern "C"

// ---- operator new / delete (C++20: plain, array, nothrow, aligned, sized) ---------------------

const std::nothrow_t std::nothrow{};

void* operator new(size_t size) { return zkvm::Allocate(size, zkvm::kDefaultAlignment); }
void* operator new[](size_t size) { return zkvm::Allocate(size, zkvm::kDefaultAlignment); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, zkvm::kDefaultAlignment);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return zkvm::Allocate(size, zkvm::kDefaultAlignment);
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

void operator delete(void*) noexcept {}
void operator delete[](void*) noexcept {}
void operator delete(void*, size_t) noexcept {}
void operator delete[](void*, size_t) noexcept {}
void operator delete(void*, std::align_val_t) noexcept {}
void operator delete[](void*, std::align_val_t) noexcept {}
void operator delete(void*, size_t, std::align_val_t) noexcept {}
void operator delete[](void*, size_t, std::align_val_t) noexcept {}
void operator delete(void*, const std::nothrow_t&) noexcept {}
void operator delete[](void*, const std::nothrow_t&) noexcept {}
void operator delete(void*, std::align_val_t, const std::nothrow_t&) noexcept {}
void operator delete[](void*, std::align_val_t, const std::nothrow_t&) noexcept {}
