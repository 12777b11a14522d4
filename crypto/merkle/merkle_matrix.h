// MerkleMatrix: a matrix as the Merkle tree commits it: a read-only column-major view
// (crypto/field/matrix.h; traces and LDEs are column-major with power-of-two heights) plus how
// its rows are laid into tree rows (crypto/merkle/merkle_layout.h): RowPairing::kNone for
// ordinary tables, kHalves or kAdjacent to put a row and its FRI sibling in one leaf. It owns
// nothing.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "crypto/field/felt.h"
#include "crypto/field/matrix.h"
#include "crypto/merkle/merkle_layout.h"

namespace zkvm::crypto {

struct MerkleMatrix {
  ConstMatrixView view;
  RowPairing pairing = RowPairing::kNone;

  MatrixShape shape() const {
    return {static_cast<uint32_t>(view.num_rows()), static_cast<uint32_t>(view.num_cols()),
            pairing};
  }

  // Tree column j (j < TreeWidth) of tree row i is view.data()[TreeColumnBase(j) + i * stride],
  // stride = TreeRowStride().
  size_t TreeColumnBase(size_t j) const {
    const size_t n = view.num_rows();
    if (pairing == RowPairing::kNone || j < view.num_cols()) return j * n;
    const size_t c = j - view.num_cols();
    return c * n + (pairing == RowPairing::kHalves ? n / 2 : 1);
  }
  size_t TreeRowStride() const { return pairing == RowPairing::kAdjacent ? 2 : 1; }

  Felt TreeValue(size_t tree_row, size_t j) const {
    return view.data()[TreeColumnBase(j) + tree_row * TreeRowStride()];
  }
};

}  // namespace zkvm::crypto
