#include "crypto/ntt/twiddles.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <array>
#include <memory>
#include <mutex>

#include "base/check.h"
#include "crypto/ntt/ntt_kernels.h"

namespace zkvm::crypto::detail {
namespace {

constexpr int kMaxLayers = Felt::kTwoAdicity;

struct LayerCache {
  std::array<std::once_flag, kMaxLayers> once[2];
  std::array<std::unique_ptr<Felt[]>, kMaxLayers> tables[2];
};

LayerCache& Layers() {
  static LayerCache cache;
  return cache;
}

LayerCache& Cubes() {
  static LayerCache cache;
  return cache;
}

// root^j for j < 2^k.
std::unique_ptr<Felt[]> BuildPowers(int k, Felt root) {
  const size_t size = size_t{1} << k;
  auto table = std::make_unique_for_overwrite<Felt[]>(size);
  constexpr size_t kChunk = 4096;
  // Isolated: while waiting for its chunks this thread must not pick up a task that asks for
  // the same layer and blocks on the once_flag it holds.
  tbb::this_task_arena::isolate([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, size, kChunk), [&](const auto& range) {
      Felt power = root.Pow(range.begin());
      for (size_t j = range.begin(); j < range.end(); ++j, power *= root) table[j] = power;
    });
  });
  return table;
}

// Runs the interleaves of ntt_kernels.h on element indices to find which element each lane
// holds at every in-register layer.
struct SmallTables {
  // [log2 width][inverse][k][lane]
  Felt twiddles[kMaxLogWidth + 1][2][kMaxLogWidth][size_t{1} << kMaxLogWidth];
};

void Interleave(size_t width, size_t block, size_t* a, size_t* b) {
  size_t new_a[8], new_b[8];
  for (size_t t = 0; t < width / block; t += 2) {
    for (size_t l = 0; l < block; ++l) {
      new_a[t * block + l] = a[t * block + l];
      new_a[(t + 1) * block + l] = b[t * block + l];
      new_b[t * block + l] = a[(t + 1) * block + l];
      new_b[(t + 1) * block + l] = b[(t + 1) * block + l];
    }
  }
  for (size_t l = 0; l < width; ++l) {
    a[l] = new_a[l];
    b[l] = new_b[l];
  }
}

void RecordLayer(size_t width, size_t h, bool inverse, const size_t* a, const size_t* b,
                 Felt* out) {
  Felt root = Felt::TwoAdicRoot(__builtin_ctzll(2 * h));
  if (inverse) root = root.Inverse();
  for (size_t l = 0; l < width; ++l) {
    ZKVM_CHECK(b[l] == a[l] + h && (a[l] & h) == 0, "interleaves misplace butterfly partners");
    if (out != nullptr) out[l] = root.Pow(a[l] % h);
  }
}

SmallTables BuildSmallTables() {
  SmallTables tables{};
  for (int log_width = 1; log_width <= kMaxLogWidth; ++log_width) {
    const size_t width = size_t{1} << log_width;
    for (bool inverse : {false, true}) {
      size_t a[8], b[8];
      for (size_t l = 0; l < width; ++l) {
        a[l] = l;
        b[l] = width + l;
      }
      // DIF: h = width/2 down to 1; DIT: h = 1 up to width/2.
      for (int step = 0; step < log_width; ++step) {
        const int k = inverse ? step : log_width - 1 - step;
        const size_t h = size_t{1} << k;
        Interleave(width, h, a, b);
        RecordLayer(width, h, inverse, a, b,
                    k >= 1 ? tables.twiddles[log_width][inverse][k] : nullptr);
      }
    }
  }
  return tables;
}

}  // namespace

const Felt* TwiddleLayer(int k, bool inverse) {
  ZKVM_CHECK(k >= 0 && k < kMaxLayers, "NTT larger than the field's two-adicity");
  LayerCache& cache = Layers();
  std::call_once(cache.once[inverse][k], [&] {
    const Felt root = Felt::TwoAdicRoot(k + 1);
    cache.tables[inverse][k] = BuildPowers(k, inverse ? root.Inverse() : root);
  });
  return cache.tables[inverse][k].get();
}

const Felt* TwiddleCubeLayer(int k, bool inverse) {
  ZKVM_CHECK(k >= 0 && k + 2 <= kMaxLayers, "NTT larger than the field's two-adicity");
  LayerCache& cache = Cubes();
  std::call_once(cache.once[inverse][k], [&] {
    const Felt root = Felt::TwoAdicRoot(k + 2).Pow(3);
    cache.tables[inverse][k] = BuildPowers(k, inverse ? root.Inverse() : root);
  });
  return cache.tables[inverse][k].get();
}

const Felt* SmallLayerTwiddles(size_t width, int k, bool inverse) {
  static const SmallTables tables = BuildSmallTables();
  const int log_width = __builtin_ctzll(width);
  ZKVM_CHECK(width >= 2 && width <= (size_t{1} << kMaxLogWidth) && (width & (width - 1)) == 0,
             "unsupported vector width");
  ZKVM_CHECK(k >= 1 && k < log_width, "not an in-register layer");
  return tables.twiddles[log_width][inverse][k];
}

}  // namespace zkvm::crypto::detail
