// The butterfly kernels behind ntt.h, one table per SimdPath, and the template each table
// instantiates over its packed type (crypto/field/packed_*.h). Internal.
//
// A transform of size n = 2^L is L layers of radix-2 butterflies. The layer of half-size h
// pairs x[i] and x[i + h] inside each block of 2h elements, with j = i mod h and twiddle
// w = omega_{2h}^j (omega_{2h} = Felt::TwoAdicRoot(log 2h)):
//   DIF (Gentleman-Sande, forward): (x, y) -> (x + y, (x - y) w),  h = n/2, ..., 2, 1;
//   DIT (Cooley-Tukey, inverse):    (x, y) -> (x + w y, x - w y),  h = 1, 2, ..., n/2,
// the inverse using w^-1; the DIT pass undoes the DIF pass up to the factor n. Because the
// roots are consistent (TwoAdicRoot(k + 1)^2 = TwoAdicRoot(k)), the twiddles of a layer depend
// on h only, not on n, so one table per h serves every size.
//
// Layers with h >= width are vector loops, two layers at a time where possible: the radix-4
// step (DifRadix4 below) needs three general multiplications and one by omega_4 = 2^48 (two
// shifts and a reduction) where two radix-2 layers need four general ones. The last
// log2(width) layers pair lanes of the same vector; the kernels take two vectors a, b
// (2 * width consecutive elements) and apply P::Interleave<h> before the layer of half-size h,
// which brings the partners of a's lanes into the same lanes of b. The interleaves compose:
// the DIF applies them for h = width/2, ..., 1 and the DIT for h = 1, ..., width/2, each
// followed by its butterflies, then both undo them in reverse order before storing. The lane
// order this leaves at each layer is simulated once by SmallLayerTwiddles (twiddles.cc), which
// lays out the twiddles to match.
//
// Large transforms are split (ntt.cc): the top layers run in a "strided" pass over chunks of
// kStridedChunk columns of the (n / stride) x stride row-major view. A chunk's rows are
// gathered by the first layer into a contiguous buffer and scattered back by the last (rows a
// power of two apart share cache sets), the next chunk is prefetched meanwhile, and the
// twiddle omega_{2h}^(r stride + c) is formed as omega_{2^(s+1)}^r * omega_{2h}^c from two
// cached tables instead of read from a strided table. The remaining layers run on contiguous
// blocks that fit in a core's L2 cache.
#pragma once

#include <stddef.h>

#include "crypto/field/felt.h"
#include "crypto/field/simd_path.h"

namespace zkvm::crypto::detail {

// The largest log2 of the lane count of any packed type.
inline constexpr int kMaxLogWidth = 3;
// The strided pass works on chunks of kStridedChunk columns (two cache lines per row) and at
// most 2^kMaxStridedLayers rows.
inline constexpr size_t kStridedChunk = 16;
inline constexpr int kMaxStridedLayers = 9;
inline constexpr size_t kStridedBufferElements = kStridedChunk << kMaxStridedLayers;

struct NttTwiddles {
  // layers[k][j] = omega_{2^(k+1)}^(+-j), j < 2^k: the twiddles of the layer of half-size 2^k.
  const Felt* const* layers;
  // cubes[k][j] = omega_{2^(k+2)}^(+-3j), j < 2^k: the third twiddle of the radix-4 step that
  // fuses the layers of half-sizes 2^(k+1) and 2^k (set for k + 2 <= log_n of a block).
  const Felt* const* cubes;
  // small[k] (1 <= k < log2(width)): the twiddles of the layer of half-size 2^k, one per lane
  // of the first vector in the interleaved order of that layer.
  const Felt* small[kMaxLogWidth];
};

struct NttKernels {
  SimdPath path;
  size_t width;
  // All layers of one DIF (DIT) transform of size 2^log_n >= 2 * width in place.
  void (*dif_block)(Felt* x, int log_n, const NttTwiddles& tw);
  void (*dit_block)(Felt* x, int log_n, const NttTwiddles& tw);
  // The top num_layers layers of a DIF (or the last num_layers of a DIT) transform of size
  // 2^log_n, restricted to the columns [c_begin, c_end) of the row-major view with rows of
  // stride = 2^(log_n - num_layers) elements, taken kStridedChunk columns at a time (all
  // layers on one chunk, then the next); c_begin, c_end and stride are multiples of
  // kStridedChunk, and num_layers <= kMaxStridedLayers.
  void (*dif_strided)(Felt* x, int log_n, int num_layers, size_t c_begin, size_t c_end,
                      const NttTwiddles& tw);
  void (*dit_strided)(Felt* x, int log_n, int num_layers, size_t c_begin, size_t c_end,
                      const NttTwiddles& tw);
};

const NttKernels& ScalarNttKernels();
#if defined(ZKVM_HAVE_X86_SIMD)
const NttKernels& Avx2NttKernels();
const NttKernels& Avx512NttKernels();
#endif

// The table for `path`, which must be supported (ZKVM_CHECK).
const NttKernels& NttKernelsFor(SimdPath path);

#if defined(ZKVM_NTT_KERNELS_IMPL)

template <typename P>
struct NttKernelsImpl {
  static constexpr size_t W = P::kWidth;

  static void DifButterfly(P& a, P& b, P w) {
    const P sum = a + b;
    b = (a - b) * w;
    a = sum;
  }
  static void DitButterfly(P& a, P& b, P w) {
    const P t = b * w;
    b = a - t;
    a = a + t;
  }
  static void PlainButterfly(P& a, P& b) {
    const P sum = a + b;
    b = a - b;
    a = sum;
  }

  // One layer of half-size h >= W over the n elements at x; DIF or DIT butterflies.
  template <bool kDif>
  static void Layer(Felt* x, size_t n, size_t h, const Felt* tw) {
    for (size_t block = 0; block < n; block += 2 * h) {
      Felt* lo = x + block;
      Felt* hi = lo + h;
      size_t j = 0;
      if constexpr (W == 1) {
        // The twiddle of j = 0 is 1 (and h = 1 has no other).
        P a = P::Load(lo), b = P::Load(hi);
        PlainButterfly(a, b);
        a.Store(lo);
        b.Store(hi);
        j = 1;
      }
      for (; j < h; j += W) {
        P a = P::Load(lo + j), b = P::Load(hi + j);
        if constexpr (kDif) {
          DifButterfly(a, b, P::Load(tw + j));
        } else {
          DitButterfly(a, b, P::Load(tw + j));
        }
        a.Store(lo + j);
        b.Store(hi + j);
      }
    }
  }

  static constexpr int Log2(size_t v) { return v <= 1 ? 0 : 1 + Log2(v / 2); }

  // The in-register layers h, h/2, ..., 1 of a DIF on the 2W elements in (a, b).
  template <size_t h>
  static void DifSmall(P& a, P& b, const P* small) {
    P::template Interleave<h>(a, b);
    if constexpr (h == 1) {
      PlainButterfly(a, b);
    } else {
      DifButterfly(a, b, small[Log2(h)]);
      DifSmall<h / 2>(a, b, small);
    }
    P::template Interleave<h>(a, b);
  }

  // The in-register layers h, 2h, ..., W/2 of a DIT on the 2W elements in (a, b).
  template <size_t h>
  static void DitSmall(P& a, P& b, const P* small) {
    P::template Interleave<h>(a, b);
    if constexpr (h == 1) {
      PlainButterfly(a, b);
    } else {
      DitButterfly(a, b, small[Log2(h)]);
    }
    if constexpr (2 * h < W) DitSmall<2 * h>(a, b, small);
    P::template Interleave<h>(a, b);
  }

  template <bool kDif>
  static void SmallLayers(Felt* x, size_t n, const NttTwiddles& tw) {
    P small[kMaxLogWidth];
    for (int k = 1; (size_t{1} << k) < W; ++k) small[k] = P::Load(tw.small[k]);
    for (size_t i = 0; i < n; i += 2 * W) {
      P a = P::Load(x + i), b = P::Load(x + i + W);
      if constexpr (kDif) {
        DifSmall<W / 2>(a, b, small);
      } else {
        DitSmall<1>(a, b, small);
      }
      a.Store(x + i);
      b.Store(x + i + W);
    }
  }

  // Two layers at once, half-sizes 2q and q (q >= W), per group of four x_k = x[j + k q]:
  // with w = omega_{4q}^j and omega_4 = 2^48 (so omega_{4q}^(j+q) = w omega_4, omega_{2q}^j =
  // w^2), the two DIF layers give
  //   t0 = x0 + x2, t1 = x1 + x3, t2 = x0 - x2, t3 = omega_4 (x1 - x3),
  //   z0 = t0 + t1, z1 = (t0 - t1) w^2, z2 = (t2 + t3) w, z3 = (t2 - t3) w^3,
  // three general multiplications and one by 2^48 instead of four general ones.
  static void DifRadix4(Felt* x, size_t n, size_t q, const Felt* w1, const Felt* w2,
                        const Felt* w3) {
    for (size_t block = 0; block < n; block += 4 * q) {
      Felt* p0 = x + block;
      Felt* p1 = p0 + q;
      Felt* p2 = p1 + q;
      Felt* p3 = p2 + q;
      for (size_t j = 0; j < q; j += W) {
        const P x0 = P::Load(p0 + j), x1 = P::Load(p1 + j);
        const P x2 = P::Load(p2 + j), x3 = P::Load(p3 + j);
        const P t0 = x0 + x2, t1 = x1 + x3, t2 = x0 - x2;
        const P t3 = (x1 - x3).MulByTwoPow48();
        (t0 + t1).Store(p0 + j);
        ((t0 - t1) * P::Load(w2 + j)).Store(p1 + j);
        ((t2 + t3) * P::Load(w1 + j)).Store(p2 + j);
        ((t2 - t3) * P::Load(w3 + j)).Store(p3 + j);
      }
    }
  }

  // The inverse pair, half-sizes q then 2q, with v = omega_{4q}^-j and omega_4^-1 = -2^48:
  //   a = v^2 x1, b = v x2, c = v^3 x3, s0 = x0 + a, s1 = x0 - a, u0 = b + c,
  //   u1 = omega_4^-1 (b - c) = 2^48 (c - b),
  //   z0 = s0 + u0, z1 = s1 + u1, z2 = s0 - u0, z3 = s1 - u1.
  static void DitRadix4(Felt* x, size_t n, size_t q, const Felt* v1, const Felt* v2,
                        const Felt* v3) {
    for (size_t block = 0; block < n; block += 4 * q) {
      Felt* p0 = x + block;
      Felt* p1 = p0 + q;
      Felt* p2 = p1 + q;
      Felt* p3 = p2 + q;
      for (size_t j = 0; j < q; j += W) {
        const P x0 = P::Load(p0 + j);
        const P a = P::Load(p1 + j) * P::Load(v2 + j);
        const P b = P::Load(p2 + j) * P::Load(v1 + j);
        const P c = P::Load(p3 + j) * P::Load(v3 + j);
        const P s0 = x0 + a, s1 = x0 - a, u0 = b + c;
        const P u1 = (c - b).MulByTwoPow48();
        (s0 + u0).Store(p0 + j);
        (s1 + u1).Store(p1 + j);
        (s0 - u0).Store(p2 + j);
        (s1 - u1).Store(p3 + j);
      }
    }
  }

  static void DifBlock(Felt* x, int log_n, const NttTwiddles& tw) {
    const size_t n = size_t{1} << log_n;
    // Vector layers k = log_n - 1 down to log2(W), two at a time, an odd one last.
    int k = log_n - 1;
    for (; k - 1 >= Log2(W); k -= 2) {
      DifRadix4(x, n, size_t{1} << (k - 1), tw.layers[k], tw.layers[k - 1], tw.cubes[k - 1]);
    }
    if (k >= Log2(W)) Layer<true>(x, n, size_t{1} << k, tw.layers[k]);
    if constexpr (W > 1) SmallLayers<true>(x, n, tw);
  }

  static void DitBlock(Felt* x, int log_n, const NttTwiddles& tw) {
    const size_t n = size_t{1} << log_n;
    if constexpr (W > 1) SmallLayers<false>(x, n, tw);
    // Vector layers k = log2(W) up to log_n - 1: an odd one first, then two at a time.
    int k = Log2(W);
    if ((log_n - k) % 2 == 1) {
      Layer<false>(x, n, size_t{1} << k, tw.layers[k]);
      ++k;
    }
    for (; k + 1 < log_n; k += 2) {
      DitRadix4(x, n, size_t{1} << k, tw.layers[k + 1], tw.layers[k], tw.cubes[k]);
    }
  }

  // Layer `s` (half-size 2^s rows) of the strided view on one chunk of kStridedChunk columns:
  // rows are read from src and written to dst (row r at src + r * src_stride, and likewise),
  // which lets the first layer gather from x and the last scatter back to it. With
  // h = 2^s * stride, the twiddle of row r, column c is
  //   omega_{2h}^(r stride + c) = omega_{2^(s+1)}^r * omega_{2h}^c = row_tw[r] * col_tw[c],
  // one multiplication per row and vector instead of a strided table read. When `prefetch` is
  // set, the same rows of the next chunk are requested from memory.
  template <bool kDif>
  static void ChunkLayer(const Felt* src, size_t src_stride, Felt* dst, size_t dst_stride,
                         size_t num_rows, int s, const Felt* row_tw, const Felt* col_tw,
                         bool prefetch) {
    constexpr size_t kVectors = kStridedChunk / W;
    const size_t half_rows = size_t{1} << s;
    for (size_t r = 0; r < half_rows; ++r) {
      P w[kVectors];
      for (size_t v = 0; v < kVectors; ++v) w[v] = P::Load(col_tw + v * W);
      if (r != 0) {
        const P row = P::Broadcast(row_tw[r]);
        for (size_t v = 0; v < kVectors; ++v) w[v] = w[v] * row;
      }
      for (size_t block = 0; block < num_rows; block += 2 * half_rows) {
        const Felt* src_lo = src + (block + r) * src_stride;
        const Felt* src_hi = src_lo + half_rows * src_stride;
        Felt* dst_lo = dst + (block + r) * dst_stride;
        Felt* dst_hi = dst_lo + half_rows * dst_stride;
        if (prefetch) {
          for (size_t c = 0; c < kStridedChunk; c += 8) {
            __builtin_prefetch(src_lo + kStridedChunk + c);
            __builtin_prefetch(src_hi + kStridedChunk + c);
          }
        }
        for (size_t v = 0; v < kVectors; ++v) {
          P a = P::Load(src_lo + v * W), b = P::Load(src_hi + v * W);
          if constexpr (kDif) {
            DifButterfly(a, b, w[v]);
          } else {
            DitButterfly(a, b, w[v]);
          }
          a.Store(dst_lo + v * W);
          b.Store(dst_hi + v * W);
        }
      }
    }
  }

  template <bool kDif>
  static void Strided(Felt* x, int log_n, int num_layers, size_t c_begin, size_t c_end,
                      const NttTwiddles& tw) {
    // The chunk's rows, contiguous: x's rows lie 2^log_stride elements apart, which maps them
    // all to the same few cache sets.
    alignas(64) unsigned char storage[kStridedBufferElements * sizeof(Felt)];
    Felt* buf = reinterpret_cast<Felt*>(storage);
    const int log_stride = log_n - num_layers;
    const size_t num_rows = size_t{1} << num_layers, stride = size_t{1} << log_stride;
    for (size_t c0 = c_begin; c0 < c_end; c0 += kStridedChunk) {
      for (int step = 0; step < num_layers; ++step) {
        const int s = kDif ? num_layers - 1 - step : step;
        const bool first = step == 0, last = step == num_layers - 1;
        ChunkLayer<kDif>(first ? x + c0 : buf, first ? stride : kStridedChunk, last ? x + c0 : buf,
                         last ? stride : kStridedChunk, num_rows, s, tw.layers[s],
                         tw.layers[s + log_stride] + c0, first && c0 + kStridedChunk < c_end);
      }
    }
  }

  static constexpr NttKernels Table(SimdPath path) {
    return {path, W, &DifBlock, &DitBlock, &Strided<true>, &Strided<false>};
  }
};

#endif  // ZKVM_NTT_KERNELS_IMPL

}  // namespace zkvm::crypto::detail
