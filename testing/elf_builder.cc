#include "testing/elf_builder.h"

#include <sys/stat.h>
#include <cstring>

#include <fstream>

namespace zkvm::testing {
namespace {

template <typename T>
void Put(std::vector<uint8_t>& out, size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof(T));
}

}  // namespace

std::vector<uint8_t> WordBytes(const std::vector<uint32_t>& words) {
  std::vector<uint8_t> bytes(words.size() * 4);
  std::memcpy(bytes.data(), words.data(), bytes.size());
  return bytes;
}

std::vector<uint8_t> BuildElf(const ElfSpec& spec) {
  constexpr size_t kEhdrSize = 52, kPhdrSize = 32, kAlign = 4096;
  const size_t num = spec.segments.size();
  // Segment file offsets congruent to their vaddr modulo the page size (as loaders expect).
  std::vector<size_t> offsets(num);
  size_t cursor = kEhdrSize + num * kPhdrSize;
  for (size_t i = 0; i < num; ++i) {
    const size_t want = spec.segments[i].vaddr % kAlign;
    size_t off = (cursor / kAlign) * kAlign + want;
    if (off < cursor) off += kAlign;
    offsets[i] = off;
    cursor = off + spec.segments[i].data.size();
  }
  std::vector<uint8_t> out(cursor, 0);
  const uint8_t ident[16] = {0x7f, 'E', 'L', 'F', spec.elf_class, spec.data_encoding, 1, 0};
  std::memcpy(out.data(), ident, 16);
  Put<uint16_t>(out, 16, spec.type);
  Put<uint16_t>(out, 18, spec.machine);
  Put<uint32_t>(out, 20, 1);  // e_version
  Put<uint32_t>(out, 24, spec.entry);
  Put<uint32_t>(out, 28, num ? kEhdrSize : 0);  // e_phoff
  Put<uint32_t>(out, 32, 0);                    // e_shoff
  Put<uint32_t>(out, 36, spec.flags);
  Put<uint16_t>(out, 40, kEhdrSize);
  Put<uint16_t>(out, 42, kPhdrSize);
  Put<uint16_t>(out, 44, static_cast<uint16_t>(num));
  Put<uint16_t>(out, 46, 40);  // e_shentsize
  Put<uint16_t>(out, 48, 0);
  Put<uint16_t>(out, 50, 0);
  for (size_t i = 0; i < num; ++i) {
    const ElfSegment& s = spec.segments[i];
    const size_t ph = kEhdrSize + i * kPhdrSize;
    Put<uint32_t>(out, ph + 0, 1);  // PT_LOAD
    Put<uint32_t>(out, ph + 4, static_cast<uint32_t>(offsets[i]));
    Put<uint32_t>(out, ph + 8, s.vaddr);
    Put<uint32_t>(out, ph + 12, s.vaddr);
    Put<uint32_t>(out, ph + 16, static_cast<uint32_t>(s.data.size()));
    Put<uint32_t>(out, ph + 20, s.mem_size ? s.mem_size : static_cast<uint32_t>(s.data.size()));
    Put<uint32_t>(out, ph + 24, s.flags);
    Put<uint32_t>(out, ph + 28, kAlign);
    if (!s.data.empty()) std::memcpy(out.data() + offsets[i], s.data.data(), s.data.size());
  }
  return out;
}

std::vector<uint8_t> BuildCodeElf(const std::vector<uint32_t>& code) {
  ElfSpec spec;
  spec.segments.push_back({0x10000, WordBytes(code), 0, 5});
  return BuildElf(spec);
}

bool WriteFileBytes(const std::string& path, const std::vector<uint8_t>& bytes, bool executable) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out) return false;
  }
  return !executable || chmod(path.c_str(), 0755) == 0;
}

}  // namespace zkvm::testing
