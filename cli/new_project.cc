#include "cli/new_project.h"

#include <stdint.h>

#include <span>
#include <string>
#include <system_error>
#include <utility>

#include "base/file_io.h"

namespace zkvm::cli {
namespace {

// The project's files. @NAME@ is the guest's name, @PREFIX@ the SDK's install prefix.

constexpr std::string_view kCMakeLists =
    R"zkvm(# @NAME@: a guest program for the zkvm, built with its installed guest SDK (README.md).
cmake_minimum_required(VERSION 3.25)
find_package(zkvm REQUIRED)  # before project(): selects the zkvm's rv32im toolchain
project(@NAME@ LANGUAGES C CXX ASM)

# build/@NAME@/@NAME@.elf. Add PICOLIBC for a C library (printf, malloc, string.h, ...).
zkvm_add_guest(@NAME@ SOURCES main.cc)
)zkvm";

constexpr std::string_view kMainCc =
    R"zkvm(// @NAME@: a zkvm guest. It reads its private input, prints a debug line and commits its
// public output: the input's length (u32) and the sum of its bytes (u64), little-endian. A proof
// of this run shows that the prover knew bytes with that length and sum without revealing them.
#include <stdint.h>

#include <charconv>
#include <span>
#include <string_view>

#include "syscalls/zkvm.h"

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  uint64_t sum = 0;
  for (const uint8_t byte : input) sum += byte;

  // Debug text: shown by `zkvm execute`, not part of what a proof states.
  char digits[20];
  const char* end = std::to_chars(digits, digits + sizeof(digits), input.size()).ptr;
  zkvm::DebugPrint("@NAME@: read ");
  zkvm::DebugPrint(std::string_view(digits, static_cast<size_t>(end - digits)));
  zkvm::DebugPrint(" bytes of private input\n");

  // The public output, which a proof binds byte by byte.
  const uint32_t length = static_cast<uint32_t>(input.size());
  zkvm::Commit(&length, sizeof(length));
  zkvm::Commit(&sum, sizeof(sum));
  return 0;  // the exit code, also proved: 0 is success
}
)zkvm";

constexpr std::string_view kInput = "hello, zkvm";

constexpr std::string_view kGitignore = R"zkvm(/build/
/proof.bin
)zkvm";

constexpr std::string_view kReadme = R"zkvm(# @NAME@

A guest program for the zkvm, a RISC-V (RV32IM) zero-knowledge virtual machine. `main.cc`
reads its private input, prints a debug line and commits its public output: the input's length
(u32) and the sum of its bytes (u64), little-endian. `input.bin` is an example input.

Build (the zkvm guest SDK is installed under `@PREFIX@`):

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=@PREFIX@
cmake --build build
```

Run, prove and verify:

```sh
zkvm execute build/@NAME@/@NAME@.elf --input input.bin
zkvm prove build/@NAME@/@NAME@.elf --input input.bin -o proof.bin
zkvm verify proof.bin build/@NAME@/@NAME@.elf
```

`zkvm execute` prints the exit code, the public output and the cycle count; `zkvm verify`
checks the proof against the ELF and prints the proved exit code and output, never the input.
For `printf`, `malloc` and the rest of a C library, add `PICOLIBC` to `zkvm_add_guest` in
`CMakeLists.txt`.
)zkvm";

// Replaces every @NAME@ and @PREFIX@ in `text`.
std::string Substitute(std::string_view text, std::string_view name, std::string_view prefix) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t at = text.find('@');
    out.append(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at);
    if (text.starts_with("@NAME@")) {
      out.append(name);
      text.remove_prefix(6);
    } else if (text.starts_with("@PREFIX@")) {
      out.append(prefix);
      text.remove_prefix(8);
    } else {
      out.push_back('@');
      text.remove_prefix(1);
    }
  }
  return out;
}

bool IsValidName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  for (const char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// The prefix as the README's command line shows it: quoted when the shell would split it.
std::string ShellWord(std::string_view word) {
  if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                             "/._+-:=,@%") == std::string_view::npos) {
    return std::string(word);
  }
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted.push_back(c);
    }
  }
  return quoted + "'";
}

}  // namespace

Status WriteNewProject(const std::filesystem::path& dir, std::string_view name,
                       std::string_view sdk_prefix) {
  if (!IsValidName(name)) {
    return MakeError(
        "invalid project name '{}': use letters, digits and underscores, not starting with a "
        "digit (it names the CMake target and the ELF)",
        name);
  }
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(dir, ec);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(status)) {
      return MakeError("{} exists and is not a folder", dir.string());
    }
    if (!std::filesystem::is_empty(dir, ec) || ec) {
      return MakeError("{} exists and is not empty; choose a new folder", dir.string());
    }
  } else if (!std::filesystem::create_directories(dir, ec) && ec) {
    return MakeError("cannot create {}: {}", dir.string(), ec.message());
  }

  const std::string prefix =
      sdk_prefix.empty() ? std::string("<zkvm install prefix>") : ShellWord(sdk_prefix);
  const std::pair<const char*, std::string_view> files[] = {
      {"CMakeLists.txt", kCMakeLists}, {"main.cc", kMainCc},   {"input.bin", kInput},
      {".gitignore", kGitignore},      {"README.md", kReadme},
  };
  for (const auto& [file_name, text] : files) {
    const std::string content = Substitute(text, name, prefix);
    const std::string path = (dir / file_name).string();
    const Status written = WriteFile(
        path, std::span(reinterpret_cast<const uint8_t*>(content.data()), content.size()));
    if (!written.ok()) return written;
  }
  return Status();
}

}  // namespace zkvm::cli
