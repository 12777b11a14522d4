// The representative statement the presets' query counts are pinned for (security.h,
// RepresentativeParameters), as freestanding constants: the recursion guest refuses inner
// statements beyond them, because the security bound is monotone in every statement parameter
// (security_test MonotoneInStatement), so a statement within all of them reaches at least the
// bits the preset reaches on the representative one.
#pragma once

#include <stdint.h>

namespace zkvm::stark {

inline constexpr uint32_t kRepresentativeLogMaxHeight = 22;
inline constexpr uint32_t kRepresentativeColumns = 8192;
inline constexpr uint32_t kRepresentativeOpenings = 2;
inline constexpr uint32_t kRepresentativeDegree = 3;
inline constexpr uint32_t kRepresentativeConstraints = 8192;
inline constexpr uint64_t kRepresentativeBusFractions = uint64_t{1} << 30;
inline constexpr uint32_t kRepresentativeTupleWidth = 8;
inline constexpr uint32_t kRepresentativeHeightClasses = 13;

}  // namespace zkvm::stark
