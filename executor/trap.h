// Guest faults as typed values (DESIGN.md section 2): the executor stops and reports the kind,
// the pc and the offending value. Nothing is proved for a trapped run.
#pragma once

#include <cstdint>
#include <string>

namespace zkvm::executor {

enum class TrapKind : uint8_t {
  kIllegalInstruction,        // value = the instruction word
  kEbreak,                    // value = 0
  kFetchOutOfText,            // pc left the executable range; value = pc
  kMisalignedJump,            // a taken jump/branch to a non-4-aligned target; value = target
  kMisalignedLoad,            // value = address
  kMisalignedStore,           // value = address
  kLoadAccessFault,           // load from the guard or reserved region; value = address
  kStoreAccessFault,          // store to the guard or reserved region; value = address
  kStoreToText,               // store into the executable range; value = address
  kUnknownSyscall,            // value = a7
  kBadSyscallArgument,        // a WRITE buffer outside readable memory; value = its address
  kMisalignedKeccakState,     // KECCAK_F1600 with a0 not a multiple of 8; value = a0
  kKeccakStateOutOfRange,     // KECCAK_F1600's 200 bytes at a0 leave writable memory; value = a0
  kStackOverflow,             // sp moved from the stack to below abi::kStackBottom; value = new sp
  kBadFileDescriptor,         // WRITE to an fd other than 1 and 2; value = the fd
  kMisalignedPoseidon2State,  // POSEIDON2 with a0 not a multiple of 8; value = a0
  kPoseidon2StateOutOfRange,  // POSEIDON2's 96 bytes at a0 leave writable memory; value = a0
  kPoseidon2NonCanonical,     // a POSEIDON2 input element is >= p; value = a0, index = which
};
// The last kind (snapshots check the kinds they read against it).
inline constexpr TrapKind kLastTrapKind = TrapKind::kPoseidon2NonCanonical;

struct Trap {
  TrapKind kind = TrapKind::kIllegalInstruction;
  uint32_t pc = 0;
  uint32_t value = 0;
  uint32_t index = 0;  // kPoseidon2NonCanonical: the element's index (0..11); else 0
};

// "illegal instruction 0xffffffff at pc 0x10074", "unknown syscall 7 at pc 0x10080", ...
std::string DescribeTrap(const Trap& trap);
const char* TrapKindName(TrapKind kind);

}  // namespace zkvm::executor
