#include "crypto/ntt/ntt.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "crypto/field/felt_array.h"
#include "crypto/ntt/ntt_kernels.h"
#include "crypto/ntt/twiddles.h"

namespace zkvm::crypto {
namespace detail {

const NttKernels& NttKernelsFor(SimdPath path) {
  ZKVM_CHECK(SimdPathSupported(path), "SIMD path not supported by this CPU or build");
  switch (path) {
#if defined(ZKVM_HAVE_X86_SIMD)
    case SimdPath::kAvx2:
      return Avx2NttKernels();
    case SimdPath::kAvx512:
      return Avx512NttKernels();
#endif
    default:
      return ScalarNttKernels();
  }
}

namespace {

struct Context {
  const NttKernels* kernels;
  NttTwiddles twiddles;
  NttPlan plan;
};

// A transform larger than a block runs its top layers in one strided pass (at most
// plan.max_strided_layers of them, leaving blocks of at least 2^plan.block_log elements), then
// transforms each block of what is left, recursively; the inverse mirrors it.
void Dif(Felt* x, int log_n, const Context& ctx) {
  if (log_n <= ctx.plan.block_log) {
    ctx.kernels->dif_block(x, log_n, ctx.twiddles);
    return;
  }
  const int top = std::min(log_n - ctx.plan.block_log, ctx.plan.max_strided_layers);
  const size_t stride = size_t{1} << (log_n - top);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, stride / kStridedChunk),
                    [&](const tbb::blocked_range<size_t>& r) {
                      ctx.kernels->dif_strided(x, log_n, top, r.begin() * kStridedChunk,
                                               r.end() * kStridedChunk, ctx.twiddles);
                    });
  tbb::parallel_for(size_t{0}, size_t{1} << top,
                    [&](size_t b) { Dif(x + b * stride, log_n - top, ctx); });
}

void Dit(Felt* x, int log_n, const Context& ctx) {
  if (log_n <= ctx.plan.block_log) {
    ctx.kernels->dit_block(x, log_n, ctx.twiddles);
    return;
  }
  const int top = std::min(log_n - ctx.plan.block_log, ctx.plan.max_strided_layers);
  const size_t stride = size_t{1} << (log_n - top);
  tbb::parallel_for(size_t{0}, size_t{1} << top,
                    [&](size_t b) { Dit(x + b * stride, log_n - top, ctx); });
  tbb::parallel_for(tbb::blocked_range<size_t>(0, stride / kStridedChunk),
                    [&](const tbb::blocked_range<size_t>& r) {
                      ctx.kernels->dit_strided(x, log_n, top, r.begin() * kStridedChunk,
                                               r.end() * kStridedChunk, ctx.twiddles);
                    });
}

void Transform(Felt* x, int log_n, bool inverse, SimdPath path, const NttPlan& plan) {
  // Blocks hold at least two vectors, and the strided pass at least one chunk per row.
  ZKVM_CHECK(plan.block_log >= 4 && (size_t{1} << plan.block_log) >= kStridedChunk,
             "NTT blocks too small");
  ZKVM_CHECK(plan.max_strided_layers >= 1 && plan.max_strided_layers <= kMaxStridedLayers,
             "too many strided layers for the kernels' buffer");
  if (log_n == 0) return;
  ZKVM_CHECK(log_n <= Felt::kTwoAdicity, "NTT larger than the field's two-adicity");
  Context ctx;
  ctx.plan = plan;
  ctx.kernels = &NttKernelsFor(path);
  // Transforms shorter than two vectors run on the scalar kernels.
  if ((size_t{1} << log_n) < 2 * ctx.kernels->width) ctx.kernels = &ScalarNttKernels();
  const Felt* layers[Felt::kTwoAdicity];
  const Felt* cubes[Felt::kTwoAdicity] = {};
  for (int k = 0; k < log_n; ++k) layers[k] = TwiddleLayer(k, inverse);
  // The block kernels' radix-4 steps need the cube tables up to a block's size.
  for (int k = 0; k + 2 <= std::min(log_n, plan.block_log); ++k) {
    cubes[k] = TwiddleCubeLayer(k, inverse);
  }
  ctx.twiddles.layers = layers;
  ctx.twiddles.cubes = cubes;
  for (int k = 1; (size_t{1} << k) < ctx.kernels->width; ++k) {
    ctx.twiddles.small[k] = SmallLayerTwiddles(ctx.kernels->width, k, inverse);
  }
  if (inverse) {
    Dit(x, log_n, ctx);
  } else {
    Dif(x, log_n, ctx);
  }
}

int Log2Size(size_t n) {
  ZKVM_CHECK(n != 0 && (n & (n - 1)) == 0, "NTT size must be a power of two");
  return __builtin_ctzll(n);
}

// x[i] *= s for n elements, in parallel.
void ScaleInPlace(Felt* x, size_t n, Felt s, SimdPath path) {
  constexpr size_t kGrain = size_t{1} << 14;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, kGrain), [&](const auto& r) {
    std::span<Felt> part(x + r.begin(), r.size());
    ArrayScale(part, part, s, path);
  });
}

// Bit reversal works on tiles of 2^kTileLog x 2^kTileLog elements whose rows are contiguous
// runs of 2^kTileLog elements (four cache lines), instead of one element per line.
constexpr int kTileLog = 5;
constexpr size_t kTile = size_t{1} << kTileLog;

}  // namespace

void ForwardNttInPlace(Felt* x, int log_n, SimdPath path, const NttPlan& plan) {
  Transform(x, log_n, false, path, plan);
}
void InverseNttUnscaledInPlace(Felt* x, int log_n, SimdPath path, const NttPlan& plan) {
  Transform(x, log_n, true, path, plan);
}

}  // namespace detail

void ForwardNtt(std::span<Felt> values, SimdPath path) {
  detail::ForwardNttInPlace(values.data(), detail::Log2Size(values.size()), path);
}

void InverseNtt(std::span<Felt> values, SimdPath path) {
  const int log_n = detail::Log2Size(values.size());
  detail::InverseNttUnscaledInPlace(values.data(), log_n, path);
  detail::ScaleInPlace(values.data(), values.size(), Felt::FromU64(values.size()).Inverse(), path);
}

void ForwardNttColumns(MatrixView columns, SimdPath path) {
  tbb::parallel_for(size_t{0}, columns.num_cols(),
                    [&](size_t c) { ForwardNtt(columns.column(c), path); });
}

void InverseNttColumns(MatrixView columns, SimdPath path) {
  tbb::parallel_for(size_t{0}, columns.num_cols(),
                    [&](size_t c) { InverseNtt(columns.column(c), path); });
}

namespace {

// The tile (mid, mid') pair exchange shared by BitReverseCopy and BitReversePermute: index
// j = (hi, mid, lo) with kTileLog-bit hi and lo goes to (rev lo, rev mid, rev hi). A tile
// (fixed mid) is gathered row by row (rows of 2^kTileLog contiguous elements, 2^shift apart),
// transposed in a local buffer, and written out row by row, so no cache line has to stay
// resident while its neighbours at the same power-of-two stride come and go.
struct Tiles {
  int log_n, log_mid, shift;
  size_t rev_tile[detail::kTile];

  explicit Tiles(int log_n_in)
      : log_n(log_n_in),
        log_mid(log_n_in - 2 * detail::kTileLog),
        shift(log_n_in - detail::kTileLog) {
    for (size_t t = 0; t < detail::kTile; ++t) rev_tile[t] = BitReverse(t, detail::kTileLog);
  }
  // tile[rev lo][rev hi] = src[(hi, mid, lo)].
  void Gather(const Felt* src, size_t mid, Felt* tile) const {
    const Felt* base = src + (mid << detail::kTileLog);
    for (size_t hi = 0; hi < detail::kTile; ++hi) {
      const Felt* row = base + (hi << shift);
      for (size_t lo = 0; lo < detail::kTile; ++lo) {
        tile[rev_tile[lo] * detail::kTile + rev_tile[hi]] = row[lo];
      }
    }
  }
  // dst[(r, rev mid, c)] = tile[r][c], for the tile gathered from `mid`.
  void Scatter(const Felt* tile, size_t mid, Felt* dst) const {
    Felt* base = dst + (BitReverse(mid, log_mid) << detail::kTileLog);
    for (size_t r = 0; r < detail::kTile; ++r) {
      std::copy_n(tile + r * detail::kTile, detail::kTile, base + (r << shift));
    }
  }
  // The same with non-temporal stores (dst 16-byte aligned): the destination lines are never
  // read, so this skips fetching them, and they would only be evicted again by the other rows
  // at the same power-of-two stride (6x faster at 2^22 elements).
  void ScatterStreaming(const Felt* tile, size_t mid, Felt* dst) const {
#if defined(__SSE2__)
    Felt* base = dst + (BitReverse(mid, log_mid) << detail::kTileLog);
    for (size_t r = 0; r < detail::kTile; ++r) {
      auto* out = reinterpret_cast<__m128i*>(base + (r << shift));
      const auto* in = reinterpret_cast<const __m128i*>(tile + r * detail::kTile);
      for (size_t c = 0; c < detail::kTile / 2; ++c)
        _mm_stream_si128(out + c, _mm_load_si128(in + c));
    }
#else
    Scatter(tile, mid, dst);
#endif
  }
};

// Sizes from which the bit-reversed copy bypasses the cache (larger than a core's L2).
constexpr int kStreamingLog = 18;

}  // namespace

void BitReverseCopy(std::span<const Felt> in, std::span<Felt> out) {
  ZKVM_CHECK(in.size() == out.size(), "bit-reversal sizes differ");
  const int log_n = detail::Log2Size(in.size());
  if (log_n < 2 * detail::kTileLog) {
    for (size_t j = 0; j < in.size(); ++j) out[BitReverse(j, log_n)] = in[j];
    return;
  }
  const Tiles tiles(log_n);
  const bool streaming =
      log_n >= kStreamingLog && reinterpret_cast<uintptr_t>(out.data()) % 16 == 0;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, size_t{1} << tiles.log_mid, 64),
                    [&](const auto& r) {
                      alignas(64) Felt tile[detail::kTile * detail::kTile];
                      for (size_t mid = r.begin(); mid < r.end(); ++mid) {
                        tiles.Gather(in.data(), mid, tile);
                        if (streaming) {
                          tiles.ScatterStreaming(tile, mid, out.data());
                        } else {
                          tiles.Scatter(tile, mid, out.data());
                        }
                      }
#if defined(__SSE2__)
                      if (streaming) _mm_sfence();  // order the streaming stores
#endif
                    });
}

void BitReversePermute(std::span<Felt> values) {
  const int log_n = detail::Log2Size(values.size());
  Felt* x = values.data();
  if (log_n < 2 * detail::kTileLog) {
    for (size_t j = 0; j < values.size(); ++j) {
      const size_t r = BitReverse(j, log_n);
      if (j < r) std::swap(x[j], x[r]);
    }
    return;
  }
  // Tiles mid and rev(mid) trade places; each pair is handled once, by its smaller index.
  const Tiles tiles(log_n);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, size_t{1} << tiles.log_mid, 64),
                    [&](const auto& r) {
                      alignas(64) Felt a[detail::kTile * detail::kTile];
                      alignas(64) Felt b[detail::kTile * detail::kTile];
                      for (size_t mid = r.begin(); mid < r.end(); ++mid) {
                        const size_t rev_mid = BitReverse(mid, tiles.log_mid);
                        if (rev_mid < mid) continue;
                        tiles.Gather(x, mid, a);
                        tiles.Gather(x, rev_mid, b);
                        tiles.Scatter(a, mid, x);
                        tiles.Scatter(b, rev_mid, x);
                      }
                    });
}

}  // namespace zkvm::crypto
