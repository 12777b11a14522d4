// The zkvm guest API (syscalls/zkvm.h and its C form syscalls/zkvm_c.h) over the raw ecalls.
// Shared by both runtime flavours (freestanding and picolibc) and both link variants (zkvm and
// qemu); only KeccakF1600 and Poseidon2Permute are defined elsewhere (keccak_ecall.cc,
// poseidon2_ecall.cc / keccak_software.cc, poseidon2_software.cc).

#include <stddef.h>
#include <stdint.h>

#include <span>
#include <string_view>

#include "syscalls/abi.h"
#include "syscalls/ecall.h"
#include "syscalls/exit_codes.h"
#include "syscalls/zkvm.h"
#include "syscalls/zkvm_c.h"

// Defined by the picolibc runtime (flushes buffered stdio lines); absent otherwise.
extern "C" void zkvm_runtime_before_halt() __attribute__((weak));

namespace zkvm {
namespace {

void WriteAll(uint32_t fd, const uint8_t* data, size_t size) {
  while (size > 0) {
    const int32_t written = detail::WriteEcall(fd, data, size);
    if (written <= 0) return;  // only under qemu: the host side is gone
    data += written;
    size -= static_cast<size_t>(written);
  }
}

[[noreturn]] void Fail(std::string_view message, uint32_t code) {
  DebugPrint(message);
  Halt(code);
}

}  // namespace

void Halt(uint32_t code) {
  if (zkvm_runtime_before_halt != nullptr) zkvm_runtime_before_halt();
  detail::HaltEcall(code);
}

void Commit(std::span<const uint8_t> bytes) {
  WriteAll(abi::kFdPublicOutput, bytes.data(), bytes.size());
}

void Commit(const void* data, size_t size) {
  WriteAll(abi::kFdPublicOutput, static_cast<const uint8_t*>(data), size);
}

void DebugPrint(std::string_view text) {
  WriteAll(abi::kFdDebug, reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

std::span<const uint8_t> PrivateInput() {
  // The header is plain memory at a fixed address (mapped by the executor, or linked into the
  // qemu variant); the empty asm hides the constant address from gcc's bounds warnings.
  const uint32_t* header = reinterpret_cast<const uint32_t*>(uintptr_t{abi::kInputBase});
  asm("" : "+r"(header));
  const uint32_t size = header[0];
  if ((header[1] | header[2] | header[3]) != 0) {
    Fail("zkvm runtime: private input header: reserved bytes are not zero\n", kExitBadInputHeader);
  }
  if (size > abi::kMaxInputPayload) {
    Fail("zkvm runtime: private input header: length exceeds the input region\n",
         kExitInputTooLarge);
  }
  const uint8_t* payload = reinterpret_cast<const uint8_t*>(uintptr_t{abi::kInputPayload});
  asm("" : "+r"(payload));
  return {payload, size};
}

}  // namespace zkvm

extern "C" {

void zkvm_halt(uint32_t code) { zkvm::Halt(code); }

void zkvm_commit(const void* data, size_t size) { zkvm::Commit(data, size); }

void zkvm_debug_print(const char* text, size_t size) {
  zkvm::DebugPrint(std::string_view(text, size));
}

const uint8_t* zkvm_private_input(size_t* size) {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  *size = input.size();
  return input.data();
}

void zkvm_keccak_f1600(uint64_t state[25]) { zkvm::KeccakF1600(state); }
void zkvm_poseidon2_permute(uint64_t state[12]) { zkvm::Poseidon2Permute(state); }

}  // extern "C"
