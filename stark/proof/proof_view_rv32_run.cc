// Runs the proof reader as an rv32im program (32-bit size_t and pointers) under qemu-riscv32:
// the proof_view_rv32_run test (see CMakeLists.txt). It builds a small proof by hand in a
// static buffer and checks that the counts whose byte size wraps in 32-bit arithmetic, huge
// offsets and section counts, every truncation and a misaligned buffer are rejected with the
// right error, and that the valid proof is read correctly. Freestanding: no libc, no libgcc;
// the exit code is 0 on success, else the number of the failed check.
#include "stark/proof/proof_view.h"

namespace {

using zkvm::crypto::Felt;
using zkvm::stark::ElementKind;
using zkvm::stark::ProofError;
using zkvm::stark::ProofView;

[[noreturn]] void Exit(int code) {
  register long a0 asm("a0") = code;
  register long a7 asm("a7") = 93;  // Linux exit
  asm volatile("ecall" : : "r"(a0), "r"(a7));
  __builtin_unreachable();
}

constexpr size_t kSize = 144;  // header, two entries, 2 Felts, 1 digest
alignas(16) uint8_t g_proof[kSize + 16];
alignas(16) uint8_t g_work[kSize + 16];

void Put32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

void Put64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

void BuildProof() {
  for (uint8_t& b : g_proof) b = 0;
  g_proof[0] = 'Z';
  g_proof[1] = 'K';
  g_proof[2] = 'V';
  g_proof[3] = 'P';
  Put32(g_proof + 4, zkvm::stark::kProofFormatVersion);
  Put32(g_proof + 12, 2);
  Put32(g_proof + 16, kSize);
  const uint32_t entries[2][4] = {{1, static_cast<uint32_t>(ElementKind::kFelt), 2, 96},
                                  {2, static_cast<uint32_t>(ElementKind::kDigest), 1, 112}};
  for (int e = 0; e < 2; ++e) {
    for (int f = 0; f < 4; ++f) Put32(g_proof + 64 + 16 * e + 4 * f, entries[e][f]);
  }
  Put64(g_proof + 96, 5);
  Put64(g_proof + 104, Felt::kModulus - 1);
  for (int i = 0; i < 32; ++i) g_proof[112 + i] = static_cast<uint8_t>(i + 1);
}

void Reset() {
  for (size_t i = 0; i < sizeof(g_work); ++i) g_work[i] = g_proof[i];
}

ProofError Parse(size_t size, const uint8_t* data = g_work) {
  ProofView view;
  return ProofView::Parse(data, size, &view).error;
}

void Expect(bool condition, int code) {
  if (!condition) Exit(code);
}

int Run() {
  BuildProof();
  Reset();
  ProofView view;
  Expect(ProofView::Parse(g_work, kSize, &view).ok(), 1);
  zkvm::stark::SectionReader felts;
  Expect(view.RequireSection(1, ElementKind::kFelt, 2, &felts).ok(), 2);
  Expect(felts.Felts()[1].value() == Felt::kModulus - 1, 3);
  Felt f;
  Expect(felts.ReadFelt(0, &f).ok() && f.value() == 5, 4);
  Expect(felts.ReadFelt(2, &f).error == ProofError::kIndexOutOfRange, 5);
  zkvm::crypto::MerkleDigest digest;
  zkvm::stark::SectionReader digests;
  Expect(view.RequireSection(2, ElementKind::kDigest, 1, &digests).ok(), 6);
  Expect(digests.ReadDigest(0, &digest).ok() && digest.bytes[31] == 32, 7);

  // Counts whose byte size is 2^32 (+ small) and wraps to a small number in 32 bits.
  const uint32_t wrapping[][2] = {
      {0, 0x2000'0000},  // 2^29 Felts = 2^32 bytes
      {1, 0x0800'0000},  // 2^27 digests = 2^32 bytes
      {1, 0x0800'0001},
      {0, 0xFFFF'FFFF},
  };
  int code = 10;
  for (const auto& c : wrapping) {
    Reset();
    Put32(g_work + 64 + 16 * c[0] + 8, c[1]);
    Expect(Parse(kSize) == ProofError::kTruncatedSection, code++);
  }
  Reset();
  Put32(g_work + 64 + 4, static_cast<uint32_t>(ElementKind::kExt3));
  Put32(g_work + 64 + 8, 0x0AAA'AAAB);  // 24 * count = 2^32 + 8
  Expect(Parse(kSize) == ProofError::kTruncatedSection, code++);
  Reset();
  Put32(g_work + 64 + 16 + 12, 0xFFFF'FFF0);
  Expect(Parse(kSize) == ProofError::kBadOffset, code++);
  Reset();
  Put32(g_work + 12, 0xFFFF'FFFF);
  Expect(Parse(kSize) == ProofError::kTooManySections, code++);
  Reset();
  Put32(g_work + 12, 0x1000'0000);  // 16 * n wraps to 0 in 32 bits
  Expect(Parse(kSize) == ProofError::kTooManySections, code++);
  Reset();
  Put64(g_work + 96, Felt::kModulus);
  Expect(Parse(kSize) == ProofError::kNonCanonicalFelt, code++);
  Reset();
  Expect(Parse(kSize + 16) == ProofError::kTrailingBytes, code++);
  Expect(Parse(kSize, g_work + 8) == ProofError::kMisaligned, code++);
  Expect(Parse(~size_t{0}) == ProofError::kTrailingBytes, code++);

  // Every truncation.
  for (size_t size = 0; size < kSize; ++size) {
    const ProofError error = Parse(size);
    Expect(error == ProofError::kTruncatedHeader || error == ProofError::kTruncatedTable ||
               error == ProofError::kTruncatedSection,
           40);
  }
  return 0;
}

}  // namespace

extern "C" [[noreturn]] void _start() { Exit(Run()); }
