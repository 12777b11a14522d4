// Twiddle tables for the NTT kernels (ntt_kernels.h), built on first use and kept for the life
// of the process (they depend only on the layer, never on the transform size).
#pragma once

#include <stddef.h>

#include "crypto/field/felt.h"

namespace zkvm::crypto::detail {

// omega^j for j < 2^k with omega = Felt::TwoAdicRoot(k + 1) (its inverse when `inverse`): the
// twiddles of the butterfly layer of half-size 2^k; k < Felt::kTwoAdicity. The first call for
// a layer builds it (2^k elements, in parallel); later calls return the same table.
const Felt* TwiddleLayer(int k, bool inverse);

// omega^(3j) for j < 2^k with omega = Felt::TwoAdicRoot(k + 2) (its inverse when `inverse`):
// the third twiddle of the radix-4 step over the layers of half-sizes 2^(k+1) and 2^k;
// k + 2 <= Felt::kTwoAdicity. Cached like TwiddleLayer.
const Felt* TwiddleCubeLayer(int k, bool inverse);

// The twiddles of the in-register layer of half-size 2^k (1 <= k < log2(width)), one per lane
// of the first vector in the lane order the interleaves of ntt_kernels.h leave at that layer
// (DIF order when !inverse, DIT order when inverse); width is 2, 4 or 8.
const Felt* SmallLayerTwiddles(size_t width, int k, bool inverse);

}  // namespace zkvm::crypto::detail
