#include "testing/program_generator.h"

#include <random>

#include "testing/elf_builder.h"
#include "testing/encoder.h"

namespace zkvm::testing {
namespace {

using executor::Opcode;

constexpr unsigned kLoopReg = 29, kScratchReg = 30, kDataReg = 31;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  GeneratedProgram Run(const GeneratorOptions& options) {
    GeneratedProgram p;
    p.data.resize(GeneratedProgram::kDataSize + GeneratedProgram::kDumpSize);
    for (size_t i = 0; i < GeneratedProgram::kDataSize; ++i) p.data[i] = Byte();
    for (unsigned r = 1; r < 32; ++r) Li(r, Interesting());
    Li(kDataReg, GeneratedProgram::kDataBase + 2048);
    for (int i = 0; i < options.num_items; ++i) Item();
    Epilogue();
    p.code = code_;
    ElfSpec spec;
    spec.entry = GeneratedProgram::kTextBase;
    spec.segments.push_back({GeneratedProgram::kTextBase, WordBytes(code_), 0, 5});
    spec.segments.push_back({GeneratedProgram::kDataBase, p.data, 0, 6});
    p.elf = BuildElf(spec);
    return p;
  }

 private:
  uint32_t Rand(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }
  uint8_t Byte() { return static_cast<uint8_t>(rng_()); }
  bool Chance(unsigned percent) { return Rand(100) < percent; }

  uint32_t Interesting() {
    static constexpr uint32_t kValues[] = {
        0,          1,    0xffffffff, 2,          0x80000000, 0x7fffffff, 0x80000001,
        0xfffffffe, 0x7f, 0x80,       0xff,       0x7fff,     0x8000,     0xffff,
        0x10000,    31,   32,         0xffff8000, 0xffffff80, 3};
    if (Chance(50)) return kValues[Rand(std::size(kValues))];
    return static_cast<uint32_t>(rng_());
  }
  int32_t Imm12() {
    static constexpr int32_t kValues[] = {0, 1, -1, 2047, -2048, 31, 255, -256, 0x7ff, 2};
    if (Chance(40)) return kValues[Rand(std::size(kValues))];
    return static_cast<int32_t>(Rand(4096)) - 2048;
  }
  // x0..x28 but sp: the executor traps sp moving below the stack (a diagnostic beyond the
  // RISC-V semantics, docs/executor.md), which qemu does not, and random arithmetic on sp
  // would hit it.
  unsigned Rd() {
    if (Chance(5)) return 0;
    const unsigned r = Rand(28);
    return r >= 2 ? r + 1 : r;
  }
  unsigned Rs() { return Rand(32); }

  void Emit(uint32_t word) { code_.push_back(word); }
  void Li(unsigned rd, uint32_t value) {
    const uint32_t lo = value & 0xfff;
    const int32_t lo_signed =
        lo >= 0x800 ? static_cast<int32_t>(lo) - 4096 : static_cast<int32_t>(lo);
    const uint32_t hi = (value - static_cast<uint32_t>(lo_signed)) >> 12;
    Emit(U(Opcode::kLui, rd, hi));
    Emit(I(Opcode::kAddi, rd, rd, lo_signed));
  }

  void AluR() {
    static constexpr Opcode kOps[] = {
        Opcode::kAdd,    Opcode::kSub,   Opcode::kSll, Opcode::kSlt,  Opcode::kSltu, Opcode::kXor,
        Opcode::kSrl,    Opcode::kSra,   Opcode::kOr,  Opcode::kAnd,  Opcode::kMul,  Opcode::kMulh,
        Opcode::kMulhsu, Opcode::kMulhu, Opcode::kDiv, Opcode::kDivu, Opcode::kRem,  Opcode::kRemu};
    Emit(R(kOps[Rand(std::size(kOps))], Rd(), Rs(), Rs()));
  }
  void AluI() {
    static constexpr Opcode kOps[] = {Opcode::kAddi, Opcode::kSlti, Opcode::kSltiu,
                                      Opcode::kXori, Opcode::kOri,  Opcode::kAndi};
    Emit(I(kOps[Rand(std::size(kOps))], Rd(), Rs(), Imm12()));
  }
  void ShiftI() {
    static constexpr Opcode kOps[] = {Opcode::kSlli, Opcode::kSrli, Opcode::kSrai};
    const int32_t shamt = Chance(30) ? (Chance(50) ? 0 : 31) : static_cast<int32_t>(Rand(32));
    Emit(I(kOps[Rand(std::size(kOps))], Rd(), Rs(), shamt));
  }
  void Simple() {
    switch (Rand(3)) {
      case 0:
        AluR();
        break;
      case 1:
        AluI();
        break;
      default:
        ShiftI();
        break;
    }
  }
  // Aligned offset from x31 (data + 2048) that stays inside the data segment.
  int32_t MemOffset(unsigned width) {
    const int32_t slots = static_cast<int32_t>(GeneratedProgram::kDataSize / width);
    return static_cast<int32_t>(Rand(slots)) * static_cast<int32_t>(width) - 2048;
  }
  void Load() {
    static constexpr Opcode kOps[] = {Opcode::kLb, Opcode::kLh, Opcode::kLw, Opcode::kLbu,
                                      Opcode::kLhu};
    static constexpr unsigned kWidth[] = {1, 2, 4, 1, 2};
    const unsigned k = Rand(5);
    Emit(I(kOps[k], Rd(), kDataReg, MemOffset(kWidth[k])));
  }
  void Store() {
    static constexpr Opcode kOps[] = {Opcode::kSb, Opcode::kSh, Opcode::kSw};
    static constexpr unsigned kWidth[] = {1, 2, 4};
    const unsigned k = Rand(3);
    Emit(S(kOps[k], Rs(), kDataReg, MemOffset(kWidth[k])));
  }
  void Branch() {
    static constexpr Opcode kOps[] = {Opcode::kBeq, Opcode::kBne,  Opcode::kBlt,
                                      Opcode::kBge, Opcode::kBltu, Opcode::kBgeu};
    const int skip = 1 + static_cast<int>(Rand(4));
    // Equal operands make beq/bge/bgeu taken and the others not: cover both.
    const unsigned rs1 = Rs(), rs2 = Chance(25) ? rs1 : Rs();
    Emit(B(kOps[Rand(std::size(kOps))], rs1, rs2, 4 * (skip + 1)));
    for (int i = 0; i < skip; ++i) Simple();
  }
  void Jal() {
    const int skip = 1 + static_cast<int>(Rand(3));
    Emit(J(Rd(), 4 * (skip + 1)));
    for (int i = 0; i < skip; ++i) Simple();
  }
  void Jalr() {
    // auipc x30, 0 ; jalr rd, off(x30) lands after `skip` simple instructions. An odd offset
    // checks that jalr clears bit 0 of the target.
    const int skip = 1 + static_cast<int>(Rand(3));
    Emit(U(Opcode::kAuipc, kScratchReg, 0));
    Emit(I(Opcode::kJalr, Rd(), kScratchReg, 4 * (skip + 2) + (Chance(30) ? 1 : 0)));
    for (int i = 0; i < skip; ++i) Simple();
  }
  void Loop() {
    const int iterations = 1 + static_cast<int>(Rand(4));
    const int body = 1 + static_cast<int>(Rand(5));
    Emit(I(Opcode::kAddi, kLoopReg, 0, iterations));
    for (int i = 0; i < body; ++i) {
      switch (Rand(4)) {
        case 0:
          Load();
          break;
        case 1:
          Store();
          break;
        default:
          Simple();
          break;
      }
    }
    Emit(I(Opcode::kAddi, kLoopReg, kLoopReg, -1));
    Emit(B(Opcode::kBne, kLoopReg, 0, -4 * (body + 1)));
  }
  void Item() {
    const uint32_t r = Rand(100);
    if (r < 30) return AluR();
    if (r < 45) return AluI();
    if (r < 50) return ShiftI();
    if (r < 55) {
      Emit(
          U(Chance(50) ? Opcode::kLui : Opcode::kAuipc, Rd(), static_cast<uint32_t>(rng_()) >> 12));
      return;
    }
    if (r < 67) return Load();
    if (r < 79) return Store();
    if (r < 87) return Branch();
    if (r < 91) return Jal();
    if (r < 95) return Jalr();
    if (r < 98) return Loop();
    if (Chance(50)) {
      Emit(Encode(Opcode::kFence, 0, 0, 0, 0x0ff));
    } else {
      Emit(I(Opcode::kAddi, 0, 0, 1 + static_cast<int32_t>(Rand(100))));  // step marker
    }
  }
  void Epilogue() {
    Li(kScratchReg, GeneratedProgram::kDataBase + GeneratedProgram::kDataSize);
    for (unsigned r = 1; r < 32; ++r) {
      if (r != kScratchReg) Emit(S(Opcode::kSw, r, kScratchReg, static_cast<int32_t>(4 * r)));
    }
    Li(17, 64);  // a7 = WRITE
    Li(10, 1);   // a0 = fd 1
    Li(11, GeneratedProgram::kDataBase);
    Li(12, GeneratedProgram::kDataSize + GeneratedProgram::kDumpSize);
    Emit(Ecall());
    Emit(I(Opcode::kAndi, 10, 5, 0xff));  // exit code from x5
    Li(17, 93);                           // a7 = HALT
    Emit(Ecall());
  }

  std::mt19937_64 rng_;
  std::vector<uint32_t> code_;
};

}  // namespace

GeneratedProgram GenerateProgram(uint64_t seed, const GeneratorOptions& options) {
  return Generator(seed).Run(options);
}

}  // namespace zkvm::testing
