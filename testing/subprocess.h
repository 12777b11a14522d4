// Runs a shell command for tests and captures its standard output and exit status.
#pragma once

#include <string>

namespace zkvm::testing {

struct CommandResult {
  std::string out;
  int exit_status = -1;  // -1 when the command did not exit normally
};

CommandResult RunCommand(const std::string& command);

// Single-quotes a string for /bin/sh.
std::string ShellQuote(const std::string& s);

}  // namespace zkvm::testing
