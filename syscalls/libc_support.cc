// The C library's process hooks for the freestanding flavour, which links no libc: abort,
// newlib's and picolibc's assert hook, atexit and __cxa_atexit with __dso_handle (destructors of
// globals are never run: a guest ends with HALT), and the stack-protector hooks. The picolibc
// flavour gets all of these from picolibc's libc.a instead (where atexit handlers do run, from
// exit), so they live apart from the C++ support in cxx_support.cc, which both flavours link.

#include <stdint.h>

#include "syscalls/debug_line.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

extern "C" {

[[noreturn]] void __assert_fail(const char* expression, const char* file, unsigned int line,
                                const char* function);

[[noreturn]] void abort() {
  zkvm::detail::DebugLine().Append("zkvm runtime: abort() called").Print();
  zkvm::Halt(zkvm::kExitAbort);
}

// newlib's and picolibc's assert(), reported like glibc's (cxx_support.cc).
[[noreturn]] void __assert_func(const char* file, int line, const char* function,
                                const char* expression) {
  __assert_fail(expression, file, static_cast<unsigned int>(line), function);
}

// Destructors of objects with static storage are never run.
int __cxa_atexit(void (*)(void*), void*, void*) { return 0; }
int atexit(void (*)()) { return 0; }
void* __dso_handle = nullptr;

// -fstack-protector support.
uintptr_t __stack_chk_guard = 0x5A4B564Du;
[[noreturn]] void __stack_chk_fail() {
  zkvm::detail::DebugLine().Append("zkvm runtime: stack smashing detected").Print();
  zkvm::Halt(zkvm::kExitStackSmashed);
}

}  // extern "C"
