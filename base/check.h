// Internal invariants (STYLE.md item 11). ZKVM_CHECK guards conditions that only a bug in zkvm
// can break; it aborts with file:line and a message. Untrusted input (ELF files, proof bytes,
// CLI arguments, guest syscall arguments) never reaches a ZKVM_CHECK: it gets a returned error.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace zkvm::detail {

[[noreturn]] inline void CheckFailed(const char* file, int line, const char* condition,
                                     const char* message) {
  std::fprintf(stderr, "zkvm: internal error at %s:%d: check `%s` failed: %s\n", file, line,
               condition, message);
  std::abort();
}

}  // namespace zkvm::detail

#define ZKVM_CHECK(condition, message)                                      \
  do {                                                                      \
    if (!(condition)) [[unlikely]] {                                        \
      ::zkvm::detail::CheckFailed(__FILE__, __LINE__, #condition, message); \
    }                                                                       \
  } while (false)
