#include "testing/guests.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/check.h"
#include "base/file_io.h"

namespace zkvm::testing {

std::vector<GuestInfo> ListGuests(const std::string& guest_dir) {
  std::vector<GuestInfo> guests;
  std::ifstream in(guest_dir + "/guests.txt");
  if (!in) {
    std::fprintf(stderr, "cannot read %s/guests.txt (run make compile-programs)\n",
                 guest_dir.c_str());
    return guests;
  }
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    GuestInfo g;
    if (fields >> g.name >> g.elf >> g.qemu_elf >> g.input) guests.push_back(g);
  }
  return guests;
}

GuestInfo FindGuest(const std::string& guest_dir, const std::string& name) {
  for (const GuestInfo& g : ListGuests(guest_dir)) {
    if (g.name == name) return g;
  }
  ZKVM_CHECK(false, "guest not found in the manifest");
}

LoadedGuest LoadGuest(const std::string& guest_dir, const std::string& name) {
  const GuestInfo g = FindGuest(guest_dir, name);
  Result<executor::Program> program = executor::LoadElfFile(g.elf);
  ZKVM_CHECK(program.ok(), "guest ELF loads");
  Result<std::vector<uint8_t>> input = ReadFile(g.input, 1u << 26);
  ZKVM_CHECK(input.ok(), "guest input loads");
  return {std::move(*program), std::move(*input)};
}

executor::MachineState RunGuest(const LoadedGuest& guest) {
  Result<executor::Executor> ex = executor::Executor::Create(guest.program, guest.input);
  ZKVM_CHECK(ex.ok(), "the executor starts");
  ex->set_debug_sink([](std::string_view) {});
  return ex->Run({});
}

}  // namespace zkvm::testing
