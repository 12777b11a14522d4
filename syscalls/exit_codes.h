// Exit codes with which the guest runtime halts a program that cannot go on (DESIGN.md
// section 2: the exit code is part of the proved statement, and a non-zero code marks a failed
// program). They sit in 200..239, below 256 so that they survive as a Linux exit status under
// qemu-riscv32, and away from the small codes guests use for their own errors (1..199 are
// free for guests). C and C++: the picolibc runtime and C guests include it too.
#pragma once

#ifdef __cplusplus
namespace zkvm {
#endif

enum RuntimeExitCode {
  kExitAbort = 200,                     // abort()
  kExitAssert = 201,                    // a failed assert()
  kExitPureVirtual = 202,               // __cxa_pure_virtual / __cxa_deleted_virtual
  kExitOutOfMemory = 203,               // the heap is exhausted
  kExitBadInputHeader = 204,            // private input: reserved header bytes are not zero
  kExitInputTooLarge = 205,             // private input: length exceeds the input region
  kExitMisalignedKeccakState = 206,     // KeccakF1600: state not 8-byte aligned
  kExitTerminate = 207,                 // std::terminate()
  kExitStackSmashed = 208,              // __stack_chk_fail()
  kExitSignal = 209,                    // picolibc: raise() of a signal other than SIGABRT
  kExitBadAlloc = 210,                  // std::__throw_bad_alloc
  kExitBadArrayNewLength = 211,         // std::__throw_bad_array_new_length, new T[huge]
  kExitLengthError = 212,               // std::__throw_length_error
  kExitOutOfRange = 213,                // std::__throw_out_of_range, std::__throw_out_of_range_fmt
  kExitLogicError = 214,                // std::__throw_logic_error
  kExitInvalidArgument = 215,           // std::__throw_invalid_argument
  kExitDomainError = 216,               // std::__throw_domain_error
  kExitRuntimeError = 217,              // std::__throw_runtime_error
  kExitRangeError = 218,                // std::__throw_range_error
  kExitOverflowError = 219,             // std::__throw_overflow_error
  kExitUnderflowError = 220,            // std::__throw_underflow_error
  kExitBadFunctionCall = 221,           // std::__throw_bad_function_call (empty std::function)
  kExitBadCast = 222,                   // std::__throw_bad_cast
  kExitBadTypeid = 223,                 // std::__throw_bad_typeid
  kExitBadException = 224,              // std::__throw_bad_exception
  kExitSystemError = 225,               // std::__throw_system_error
  kExitIosFailure = 226,                // std::__throw_ios_failure
  kExitFutureError = 227,               // std::__throw_future_error
  kExitMisalignedPoseidon2State = 228,  // Poseidon2Permute: state not 8-byte aligned
  kExitNonCanonicalPoseidon2State = 229,  // Poseidon2Permute (qemu variant): element >= p
};

#ifdef __cplusplus
}  // namespace zkvm
#endif
