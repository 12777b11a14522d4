// The smallest guest: a debug line and a fixed public output.

#include <string_view>

#include "syscalls/zkvm.h"

int main() {
  zkvm::DebugPrint("hello from the zkvm guest\n");
  constexpr std::string_view kOutput = "hello, zkvm";
  zkvm::Commit(kOutput.data(), kOutput.size());
  return 0;
}
