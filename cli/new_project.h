// `zkvm new`: writes a ready-to-build guest project that uses the installed guest SDK
// (toolchain/README.md): a CMakeLists.txt that calls find_package(zkvm) before project() and
// zkvm_add_guest(), a main.cc that reads its private input, prints a debug line and commits a
// result, an example input.bin, a .gitignore, and a README.md with the commands to build,
// execute, prove and verify it.
#pragma once

#include <filesystem>
#include <string_view>

#include "base/result.h"

namespace zkvm::cli {

// Writes the project for guest `name` (letters, digits and underscores, not starting with a
// digit: it names the CMake target and the ELF) into `dir`, which is created; a `dir` that
// exists and is not an empty folder is refused. `sdk_prefix` is the install prefix shown in the
// README's -DCMAKE_PREFIX_PATH (empty: a placeholder). Each file is written atomically.
Status WriteNewProject(const std::filesystem::path& dir, std::string_view name,
                       std::string_view sdk_prefix);

}  // namespace zkvm::cli
