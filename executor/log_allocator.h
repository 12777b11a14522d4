// An allocator for the step log's large buffers: big blocks come straight from mmap with
// MADV_HUGEPAGE, so the first touch of a multi-gigabyte log costs one page fault per 2 MiB
// instead of per 4 KiB (the kernel's transparent huge pages are often in "madvise" mode).
// Small blocks use the ordinary heap.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace zkvm::executor {

template <typename T>
class LogAllocator {
 public:
  using value_type = T;

  LogAllocator() = default;
  template <typename U>
  LogAllocator(const LogAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMmapThreshold) return static_cast<T*>(::operator new(bytes));
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    madvise(p, bytes, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }

  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMmapThreshold) {
      ::operator delete(p);
    } else {
      munmap(p, bytes);
    }
  }

  template <typename U>
  bool operator==(const LogAllocator<U>&) const {
    return true;
  }

 private:
  static constexpr size_t kMmapThreshold = size_t{4} << 20;
};

}  // namespace zkvm::executor
