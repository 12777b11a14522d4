// The symbols that freestanding C++ (-fno-exceptions, -fno-rtti) still references when neither
// libsupc++ nor libstdc++ is linked, in both runtime flavours: __cxa_pure_virtual, function-local
// static guards, std::terminate, the std::__throw_* functions through which libstdc++'s headers
// report errors, glibc's assert hook (C++ sources compile against glibc's headers in both
// flavours), the few out-of-line pieces std::shared_ptr needs (one thread, so reference counts
// need no atomics), and std::allocator<char> and <wchar_t>, which libstdc++'s headers declare
// `extern template` (an unoptimized build calls their members out of line). Each error prints a
// debug line and halts with its own exit code (syscalls/exit_codes.h). The C library's own
// hooks (abort, atexit, newlib's assert, the stack protector) are in libc_support.cc for the
// freestanding flavour; picolibc has its own.

#include <stddef.h>
#include <stdint.h>

#include <bits/functexcept.h>
#include <exception>
#include <ext/atomicity.h>
#include <memory>
#include <string_view>

#include "syscalls/debug_line.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"

namespace zkvm {
namespace {

[[noreturn]] void Fail(std::string_view what, const char* detail, uint32_t code) {
  detail::DebugLine line;
  line.Append("zkvm runtime: ").Append(what);
  if (detail != nullptr) line.Append(": ").AppendCString(detail);
  line.Print();
  Halt(code);
}

[[noreturn]] void AssertFailed(const char* expression, const char* file, uint32_t line_number,
                               const char* function) {
  detail::DebugLine()
      .Append("zkvm runtime: assertion failed: ")
      .AppendCString(file)
      .Append(":")
      .AppendDecimal(line_number)
      .Append(": ")
      .AppendCString(function)
      .Append(": ")
      .AppendCString(expression)
      .Print();
  Halt(kExitAssert);
}

}  // namespace
}  // namespace zkvm

extern "C" {

// glibc's assert(); libc_support.cc routes newlib's __assert_func here too.
[[noreturn]] void __assert_fail(const char* expression, const char* file, unsigned int line,
                                const char* function) {
  zkvm::AssertFailed(expression, file, line, function);
}

[[noreturn]] void __cxa_pure_virtual() {
  zkvm::Fail("pure virtual function called", nullptr, zkvm::kExitPureVirtual);
}

[[noreturn]] void __cxa_deleted_virtual() {
  zkvm::Fail("deleted virtual function called", nullptr, zkvm::kExitPureVirtual);
}

// new T[n] with n too large.
[[noreturn]] void __cxa_throw_bad_array_new_length() {
  zkvm::Fail("bad array new length", nullptr, zkvm::kExitBadArrayNewLength);
}

// Function-local statics, in case a guest enables thread-safe statics (the toolchain passes
// -fno-threadsafe-statics). One thread: the guard's first byte says "initialized".
int __cxa_guard_acquire(uint64_t* guard) { return *reinterpret_cast<uint8_t*>(guard) == 0; }
void __cxa_guard_release(uint64_t* guard) { *reinterpret_cast<uint8_t*>(guard) = 1; }
void __cxa_guard_abort(uint64_t*) {}

// libstdc++ skips atomic reference counting when this is non-zero. Guests have one thread.
char __libc_single_threaded = 1;

}  // extern "C"

namespace __gnu_cxx {

// rv32im has no A extension, so libstdc++ calls these out of line.
_Atomic_word __exchange_and_add(volatile _Atomic_word* word, int value) noexcept {
  const _Atomic_word old = *word;
  *word = old + value;
  return old;
}

void __atomic_add(volatile _Atomic_word* word, int value) noexcept { *word = *word + value; }

}  // namespace __gnu_cxx

namespace std {

// libstdc++.so's explicit instantiations, which its headers declare `extern template`.
template class allocator<char>;
template class allocator<wchar_t>;

// std::make_shared's deleter lookup without RTTI: only the tag itself matches.
bool _Sp_make_shared_tag::_S_eq(const type_info& type) noexcept { return &type == &_S_ti(); }

[[noreturn]] void terminate() noexcept {
  zkvm::Fail("std::terminate called", nullptr, zkvm::kExitTerminate);
}

void __throw_bad_exception() { zkvm::Fail("std::bad_exception", nullptr, zkvm::kExitBadException); }
void __throw_bad_alloc() { zkvm::Fail("std::bad_alloc", nullptr, zkvm::kExitBadAlloc); }
void __throw_bad_array_new_length() {
  zkvm::Fail("std::bad_array_new_length", nullptr, zkvm::kExitBadArrayNewLength);
}
void __throw_bad_cast() { zkvm::Fail("std::bad_cast", nullptr, zkvm::kExitBadCast); }
void __throw_bad_typeid() { zkvm::Fail("std::bad_typeid", nullptr, zkvm::kExitBadTypeid); }
void __throw_logic_error(const char* what) {
  zkvm::Fail("std::logic_error", what, zkvm::kExitLogicError);
}
void __throw_domain_error(const char* what) {
  zkvm::Fail("std::domain_error", what, zkvm::kExitDomainError);
}
void __throw_invalid_argument(const char* what) {
  zkvm::Fail("std::invalid_argument", what, zkvm::kExitInvalidArgument);
}
void __throw_length_error(const char* what) {
  zkvm::Fail("std::length_error", what, zkvm::kExitLengthError);
}
void __throw_out_of_range(const char* what) {
  zkvm::Fail("std::out_of_range", what, zkvm::kExitOutOfRange);
}
// The format's arguments are not substituted: the format names the failing check.
void __throw_out_of_range_fmt(const char* format, ...) {
  zkvm::Fail("std::out_of_range", format, zkvm::kExitOutOfRange);
}
void __throw_runtime_error(const char* what) {
  zkvm::Fail("std::runtime_error", what, zkvm::kExitRuntimeError);
}
void __throw_range_error(const char* what) {
  zkvm::Fail("std::range_error", what, zkvm::kExitRangeError);
}
void __throw_overflow_error(const char* what) {
  zkvm::Fail("std::overflow_error", what, zkvm::kExitOverflowError);
}
void __throw_underflow_error(const char* what) {
  zkvm::Fail("std::underflow_error", what, zkvm::kExitUnderflowError);
}
void __throw_ios_failure(const char* what) {
  zkvm::Fail("std::ios_base::failure", what, zkvm::kExitIosFailure);
}
void __throw_ios_failure(const char* what, int) {
  zkvm::Fail("std::ios_base::failure", what, zkvm::kExitIosFailure);
}
void __throw_system_error(int) { zkvm::Fail("std::system_error", nullptr, zkvm::kExitSystemError); }
void __throw_future_error(int) { zkvm::Fail("std::future_error", nullptr, zkvm::kExitFutureError); }
void __throw_bad_function_call() {
  zkvm::Fail("std::bad_function_call", nullptr, zkvm::kExitBadFunctionCall);
}

}  // namespace std
