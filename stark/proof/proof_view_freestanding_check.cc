// Compiled for the rv32im guest by the proof_view_rv32_compile test (see CMakeLists.txt):
// instantiates the proof reader the way the recursion guest uses it, so the whole header is
// checked to be freestanding (no heap, exceptions, RTTI or standard library) and warning-free
// with a 32-bit size_t.
#include "stark/proof/proof_view.h"

namespace {

using zkvm::stark::ElementKind;

constexpr zkvm::stark::ProofSectionSpec kSpecs[] = {
    {1, ElementKind::kFelt, 4},
    {2, ElementKind::kExt3, zkvm::stark::kAnyCount},
    {3, ElementKind::kDigest, 2},
};

}  // namespace

extern "C" int zkvm_proof_view_check(const uint8_t* data, size_t size, const uint8_t* options,
                                     uint64_t* out) {
  const zkvm::stark::ProofShape shape{kSpecs, 3};
  zkvm::stark::ProofView view;
  zkvm::stark::ProofStatus status = zkvm::stark::ProofView::Parse(data, size, &view, &shape);
  if (!status.ok()) return static_cast<int>(status.error);
  if (!view.OptionsEqual(options) || view.insecure_test_preset()) return -1;

  zkvm::stark::SectionReader felts, ext3s, digests;
  status = view.RequireSection(1, ElementKind::kFelt, 4, &felts);
  if (!status.ok()) return static_cast<int>(status.error);
  status = view.RequireSection(2, ElementKind::kExt3, zkvm::stark::kAnyCount, &ext3s);
  if (!status.ok()) return static_cast<int>(status.error);
  status = view.RequireSection(3, ElementKind::kDigest, 2, &digests);
  if (!status.ok()) return static_cast<int>(status.error);

  zkvm::crypto::Felt sum;
  const zkvm::crypto::Felt* values = felts.Felts();
  for (uint32_t i = 0; i < felts.count(); ++i) sum += values[i];
  zkvm::crypto::Ext3 product = zkvm::crypto::Ext3::One();
  for (uint32_t i = 0; i < ext3s.count(); ++i) product *= ext3s.Ext3s()[i];
  zkvm::crypto::Felt last;
  status = felts.ReadFelt(3, &last);
  if (!status.ok()) return static_cast<int>(status.error);
  zkvm::crypto::MerkleDigest root;
  status = digests.ReadDigest(1, &root);
  if (!status.ok()) return static_cast<int>(status.error);
  *out = (sum + product[0] + last).value() ^ root.bytes[0];
  return 0;
}
