#include "executor/program.h"

#include <cxxabi.h>
#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "base/file_io.h"
#include "crypto/hash/sha3.h"
#include "syscalls/abi.h"

namespace zkvm::executor {
namespace {

// RISC-V e_flags (psABI): bit 0 = uses the C extension, bits 1-2 = float ABI, bit 3 = RVE.
constexpr uint32_t kEfRiscvRvc = 0x1;
constexpr uint32_t kEfRiscvFloatAbi = 0x6;
constexpr uint32_t kEfRiscvRve = 0x8;

struct ElfCloser {
  void operator()(Elf* elf) const { elf_end(elf); }
};

std::string Hex(uint64_t v) { return fmt::format("{:#x}", v); }

}  // namespace

const Symbol* Program::FunctionAt(uint32_t pc) const {
  auto it = std::upper_bound(functions.begin(), functions.end(), pc,
                             [](uint32_t a, const Symbol& s) { return a < s.address; });
  if (it == functions.begin()) return nullptr;
  const Symbol& s = *std::prev(it);
  if (s.size != 0 && pc - s.address >= s.size) return nullptr;
  return &s;
}

std::string Program::SymbolizeAddress(uint32_t address) const {
  // Like objdump: the nearest symbol at or below the address, whatever its size.
  auto it = std::upper_bound(functions.begin(), functions.end(), address,
                             [](uint32_t a, const Symbol& s) { return a < s.address; });
  if (it == functions.begin()) return "";
  const Symbol& s = *std::prev(it);
  if (address == s.address) return s.name;
  return fmt::format("{}+{:#x}", s.name, address - s.address);
}

std::string Program::WhereIs(uint32_t pc) const {
  const Symbol* s = FunctionAt(pc);
  if (s == nullptr) return "";
  const std::string name = ShortFunctionName(Demangle(s->name));
  if (pc == s->address) return "in " + name;
  return fmt::format("in {}+{:#x}", name, pc - s->address);
}

std::string Demangle(const std::string& name) {
  int status = 0;
  char* demangled = ::abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
  if (status != 0 || demangled == nullptr) return name;
  std::string out(demangled);
  std::free(demangled);
  return out;
}

std::string ShortFunctionName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  int depth = 0;  // template argument nesting
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    // operator<, operator<<, operator<=, operator>, operator>>, operator->: part of the name.
    if ((c == '<' || c == '>') && depth == 0 && out.size() >= 8 &&
        std::string_view(out).substr(out.size() - 8) == "operator") {
      out += c;
      while (i + 1 < name.size() &&
             (name[i + 1] == '<' || name[i + 1] == '>' || name[i + 1] == '=')) {
        out += name[++i];
      }
      continue;
    }
    if (c == '-' && depth == 0 && i + 1 < name.size() && name[i + 1] == '>') {
      out += "->";
      ++i;
      continue;
    }
    if (c == '<') {
      if (depth++ == 0) out += "<...>";
      continue;
    }
    if (c == '>' && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out += c;
  }
  // A long parameter list (of the outermost function) becomes "(...)".
  if (out.ends_with(")") || out.ends_with(") const")) {
    const size_t close = out.rfind(')');
    int parens = 0;
    for (size_t j = close + 1; j-- > 0;) {
      if (out[j] == ')') ++parens;
      if (out[j] == '(' && --parens == 0) {
        if (close - j > 60) out.replace(j, close - j + 1, "(...)");
        break;
      }
    }
  }
  return out;
}

Result<Program> LoadElfFile(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes) return bytes.error();
  return LoadElf(*bytes, path);
}

Result<Program> LoadElf(std::span<const uint8_t> bytes, std::string_view name) {
  if (elf_version(EV_CURRENT) == EV_NONE) return MakeError("libelf initialization failed");
  if (bytes.size() < 4 || std::memcmp(bytes.data(),
                                      "\x7f"
                                      "ELF",
                                      4) != 0) {
    return MakeError("{}: not an ELF file (bad magic)", name);
  }
  if (bytes.size() < sizeof(Elf32_Ehdr)) {
    return MakeError("{}: truncated ELF header ({} bytes)", name, bytes.size());
  }
  if (bytes[EI_CLASS] != ELFCLASS32) {
    return MakeError(
        "{}: ELF class {} is not ELFCLASS32: zkvm runs 32-bit RV32IM programs", name,
        bytes[EI_CLASS] == ELFCLASS64 ? "ELFCLASS64" : std::to_string(bytes[EI_CLASS]));
  }
  if (bytes[EI_DATA] != ELFDATA2LSB) return MakeError("{}: not a little-endian ELF", name);

  // libelf may write into the buffer it parses; give it a private copy.
  std::vector<char> image(bytes.begin(), bytes.end());
  std::unique_ptr<Elf, ElfCloser> elf(elf_memory(image.data(), image.size()));
  if (!elf || elf_kind(elf.get()) != ELF_K_ELF) {
    return MakeError("{}: libelf cannot parse the file: {}", name, elf_errmsg(-1));
  }
  GElf_Ehdr ehdr;
  if (gelf_getehdr(elf.get(), &ehdr) == nullptr) {
    return MakeError("{}: bad ELF header: {}", name, elf_errmsg(-1));
  }
  if (ehdr.e_machine != EM_RISCV) {
    return MakeError("{}: e_machine is {}, not EM_RISCV ({})", name, ehdr.e_machine, EM_RISCV);
  }
  if (ehdr.e_type != ET_EXEC) {
    return MakeError("{}: e_type is {}, not ET_EXEC: link a static executable", name, ehdr.e_type);
  }
  if (ehdr.e_flags & kEfRiscvRvc) {
    return MakeError("{}: built with the C extension (e_flags {}); zkvm runs RV32IM only", name,
                     Hex(ehdr.e_flags));
  }
  if (ehdr.e_flags & kEfRiscvFloatAbi) {
    return MakeError("{}: hard-float ABI (e_flags {}); build with -mabi=ilp32", name,
                     Hex(ehdr.e_flags));
  }
  if (ehdr.e_flags & kEfRiscvRve) return MakeError("{}: RVE binaries are not supported", name);

  size_t num_phdrs = 0;
  if (elf_getphdrnum(elf.get(), &num_phdrs) != 0) {
    return MakeError("{}: bad program header table: {}", name, elf_errmsg(-1));
  }
  const uint64_t file_size = bytes.size();
  if (num_phdrs != ehdr.e_phnum || (num_phdrs > 0 && ehdr.e_phentsize != sizeof(Elf32_Phdr))) {
    return MakeError("{}: bad program header table (e_phnum {}, e_phentsize {})", name,
                     ehdr.e_phnum, ehdr.e_phentsize);
  }
  if (num_phdrs > 0 && (ehdr.e_phoff > file_size ||
                        num_phdrs * uint64_t{sizeof(Elf32_Phdr)} > file_size - ehdr.e_phoff)) {
    return MakeError("{}: program header table (offset {}, {} entries) exceeds the file ({} bytes)",
                     name, ehdr.e_phoff, num_phdrs, file_size);
  }

  Program program;
  for (size_t i = 0; i < num_phdrs; ++i) {
    GElf_Phdr ph;
    if (gelf_getphdr(elf.get(), static_cast<int>(i), &ph) == nullptr) {
      return MakeError("{}: segment {}: unreadable program header: {}", name, i, elf_errmsg(-1));
    }
    if (ph.p_type == PT_DYNAMIC || ph.p_type == PT_INTERP) {
      return MakeError("{}: segment {}: dynamic linking is not supported; link with -static", name,
                       i);
    }
    if (ph.p_type == PT_TLS) return MakeError("{}: segment {}: TLS is not supported", name, i);
    if (ph.p_type != PT_LOAD || ph.p_memsz == 0) continue;
    const std::string where = fmt::format("{}: segment {} (vaddr {}, memsz {})", name, i,
                                          Hex(ph.p_vaddr), Hex(ph.p_memsz));
    if (ph.p_filesz > ph.p_memsz) {
      return MakeError("{}: p_filesz {} exceeds p_memsz", where, Hex(ph.p_filesz));
    }
    if (ph.p_offset > file_size || ph.p_filesz > file_size - ph.p_offset) {
      return MakeError("{}: file range [{}, +{}) exceeds the file size ({} bytes)", where,
                       Hex(ph.p_offset), Hex(ph.p_filesz), file_size);
    }
    const uint64_t begin = ph.p_vaddr;
    const uint64_t end = begin + ph.p_memsz;
    if (begin < abi::kImageBase) {
      return MakeError("{}: lies in the unmapped guard region below {}", where,
                       Hex(abi::kImageBase));
    }
    if (end > abi::kImageLimit) {
      const char* region = end > abi::kReservedBase ? "the reserved region"
                           : end > abi::kInputBase  ? "the private input region"
                                                    : "the stack";
      return MakeError("{}: ends at {}, past {} where {} begins", where, Hex(end),
                       Hex(end > abi::kReservedBase ? abi::kReservedBase
                           : end > abi::kInputBase  ? abi::kInputBase
                                                    : abi::kImageLimit),
                       region);
    }
    Segment seg;
    seg.vaddr = static_cast<uint32_t>(begin);
    seg.mem_size = static_cast<uint32_t>(ph.p_memsz);
    seg.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(ph.p_offset),
                    bytes.begin() + static_cast<std::ptrdiff_t>(ph.p_offset + ph.p_filesz));
    seg.executable = (ph.p_flags & PF_X) != 0;
    seg.writable = (ph.p_flags & PF_W) != 0;
    if (seg.executable && (seg.vaddr % 4 != 0)) {
      return MakeError("{}: executable segment is not 4-byte aligned", where);
    }
    program.segments.push_back(std::move(seg));
  }
  if (program.segments.empty()) return MakeError("{}: no loadable segments", name);
  std::sort(program.segments.begin(), program.segments.end(),
            [](const Segment& a, const Segment& b) { return a.vaddr < b.vaddr; });
  for (size_t i = 1; i < program.segments.size(); ++i) {
    const Segment& prev = program.segments[i - 1];
    const Segment& cur = program.segments[i];
    if (uint64_t{prev.vaddr} + prev.mem_size > cur.vaddr) {
      return MakeError("{}: segments at {} (memsz {}) and {} overlap", name, Hex(prev.vaddr),
                       Hex(prev.mem_size), Hex(cur.vaddr));
    }
  }

  // The executable range and its pre-decoding.
  uint64_t text_begin = UINT64_MAX, text_end = 0;
  for (const Segment& seg : program.segments) {
    if (!seg.executable) continue;
    text_begin = std::min<uint64_t>(text_begin, seg.vaddr);
    text_end = std::max<uint64_t>(text_end, (uint64_t{seg.vaddr} + seg.mem_size + 3) & ~3ull);
  }
  if (text_end == 0) return MakeError("{}: no executable segment", name);
  if (text_end - text_begin > kMaxTextBytes) {
    return MakeError("{}: executable range [{}, {}) is larger than {} MiB", name, Hex(text_begin),
                     Hex(text_end), kMaxTextBytes >> 20);
  }
  for (const Segment& seg : program.segments) {
    if (!seg.executable && seg.vaddr < text_end &&
        uint64_t{seg.vaddr} + seg.mem_size > text_begin) {
      return MakeError("{}: data segment at {} lies inside the executable range [{}, {})", name,
                       Hex(seg.vaddr), Hex(text_begin), Hex(text_end));
    }
  }
  program.text_begin = static_cast<uint32_t>(text_begin);
  program.text_end = static_cast<uint32_t>(text_end);
  const size_t num_words = (text_end - text_begin) / 4;
  program.words.assign(num_words, 0);
  for (const Segment& seg : program.segments) {
    if (!seg.executable) continue;
    const size_t first = (seg.vaddr - text_begin) / 4;
    for (size_t b = 0; b < seg.data.size(); ++b) {
      program.words[first + b / 4] |= uint32_t{seg.data[b]} << (8 * (b % 4));
    }
  }
  program.decoded.resize(num_words);
  for (size_t i = 0; i < num_words; ++i) program.decoded[i] = Decode(program.words[i]);

  if (ehdr.e_entry % 4 != 0 || ehdr.e_entry < text_begin || ehdr.e_entry >= text_end) {
    return MakeError(
        "{}: entry point {} is not a 4-aligned address in the executable range "
        "[{}, {})",
        name, Hex(ehdr.e_entry), Hex(text_begin), Hex(text_end));
  }
  program.entry = static_cast<uint32_t>(ehdr.e_entry);

  // Function symbols, for profiles and disassembly. A broken symbol table is not fatal.
  for (Elf_Scn* scn = elf_nextscn(elf.get(), nullptr); scn != nullptr;
       scn = elf_nextscn(elf.get(), scn)) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type != SHT_SYMTAB) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr || shdr.sh_entsize == 0) continue;
    const size_t count = shdr.sh_size / shdr.sh_entsize;
    for (size_t i = 0; i < count; ++i) {
      GElf_Sym sym;
      if (gelf_getsym(data, static_cast<int>(i), &sym) == nullptr) break;
      const int type = GELF_ST_TYPE(sym.st_info);
      if (type != STT_FUNC && type != STT_NOTYPE) continue;
      if (sym.st_shndx == SHN_UNDEF || sym.st_value < text_begin || sym.st_value >= text_end) {
        continue;
      }
      const char* sym_name = elf_strptr(elf.get(), shdr.sh_link, sym.st_name);
      if (sym_name == nullptr || sym_name[0] == '\0' || sym_name[0] == '$' ||
          std::strncmp(sym_name, ".L", 2) == 0) {
        continue;
      }
      program.functions.push_back(Symbol{static_cast<uint32_t>(sym.st_value),
                                         static_cast<uint32_t>(sym.st_size), sym_name});
    }
  }
  // Sort by address; at equal addresses prefer sized (FUNC) symbols, then by name, so the
  // order never depends on the symbol table order.
  std::sort(program.functions.begin(), program.functions.end(),
            [](const Symbol& a, const Symbol& b) {
              if (a.address != b.address) return a.address < b.address;
              if ((a.size != 0) != (b.size != 0)) return a.size != 0;
              return a.name < b.name;
            });
  program.functions.erase(
      std::unique(program.functions.begin(), program.functions.end(),
                  [](const Symbol& a, const Symbol& b) { return a.address == b.address; }),
      program.functions.end());

  crypto::Sha3_256Digest(bytes.data(), bytes.size(), program.elf_digest.data());
  return program;
}

}  // namespace zkvm::executor
