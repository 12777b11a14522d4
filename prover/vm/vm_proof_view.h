// A VM proof file read in place, and its STARK statement, freestanding: the host verifier
// (vm_statement.cc, prove.cc) and the verifier inside the VM (the recursion guest) share this
// code, so they parse, shape-check and rebuild the statement the same way.
//
// The proof file (vm_statement.h has the full layout): magic "ZKVM", u32 version, vk_digest,
// the key's proof options, exit code, cycles, output length n, log2 segment cycles, segment
// count S, chunk count C, the run's query count, the output, C (table id, log2 height) pairs, zero
// padding to 16, S segment entries (chunk range, proof offset and size), the S segments' STARK
// proofs.
//
// The verifying-key fields the statement needs are read from its 96-byte encoding
// (verifying_key.h) by DecodeVkFields.
//
// The STARK statement of a segment (VmStarkStatement): the chunks' AIRs (VmStarkAir, one static
// adapter per table class) and heights; public values (table_list.h's PublicValues: REGISTER,
// the vk_digest as 8 u32 words; PAGE_ZERO, PAGE_INPUT, their word-index bounds from the vk;
// REFRESH, the timestamp of its tokens, from the segment index);
// the public interactions Send EXEC (entry, 1), Receive HALT (exit_code, cycles, n) and
// Receive OUT (i, output[i]) for each output byte, in the caller's storage, for the last
// segment; the preprocessed root from the vk. The segments are the instances of one STARK run
// (stark_protocol.h, docs/continuations.md). vm_verifier.h runs the whole verification on top.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "prover/tables/air_common.h"
#include "prover/tables/memory_airs.h"
#include "prover/tables/vm_airs.h"
#include "stark/protocol/stark_protocol.h"
#include "stark/security/proof_options.h"
#include "syscalls/abi.h"

namespace zkvm::prover {

inline constexpr uint32_t kVmProofVersion = 7;
inline constexpr size_t kVmProofHeaderBytes = 104;
// The largest public output a statement may carry (one public bus interaction per byte).
inline constexpr uint32_t kMaxPublicOutput = 1u << 20;

inline constexpr size_t kVkBytes = 96;
inline constexpr uint32_t kVkVersion = 2;

namespace detail {
constexpr uint32_t LoadU32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
constexpr uint64_t LoadU64(const uint8_t* p) { return LoadU32(p) | uint64_t{LoadU32(p + 4)} << 32; }
}  // namespace detail

// ---- The verifying key's fields ----------------------------------------------------------------

struct VkFields {
  stark::ProofOptions options;
  uint32_t entry = 0;
  uint32_t text_begin = 0;
  uint32_t text_end = 0;
  uint32_t image_end = 0;
  uint32_t decode_log_rows = 0;
  uint32_t page_elf_log_rows = 0;
  crypto::MerkleDigest preprocessed_root;
};

enum class VkError : uint8_t { kOk = 0, kSize, kMagic, kVersion, kOptions, kRange };

constexpr const char* VkErrorName(VkError e) {
  switch (e) {
    case VkError::kOk:
      return "ok";
    case VkError::kSize:
      return "wrong size";
    case VkError::kMagic:
      return "bad magic";
    case VkError::kVersion:
      return "unknown version";
    case VkError::kOptions:
      return "invalid proof options";
    case VkError::kRange:
      return "table heights or image bounds out of range";
  }
  return "?";
}

// Decodes the 96-byte verifying-key encoding.
constexpr VkError DecodeVkFields(const uint8_t* bytes, size_t size, VkFields* out) {
  using detail::LoadU32;
  if (size != kVkBytes) return VkError::kSize;
  if (bytes[0] != 'Z' || bytes[1] != 'K' || bytes[2] != 'V' || bytes[3] != 'K') {
    return VkError::kMagic;
  }
  if (LoadU32(&bytes[4]) != kVkVersion) return VkError::kVersion;
  VkFields vk;
  if (!stark::ProofOptions::Decode(&bytes[8], &vk.options).ok()) return VkError::kOptions;
  vk.entry = LoadU32(&bytes[40]);
  vk.text_begin = LoadU32(&bytes[44]);
  vk.text_end = LoadU32(&bytes[48]);
  vk.image_end = LoadU32(&bytes[52]);
  vk.decode_log_rows = LoadU32(&bytes[56]);
  vk.page_elf_log_rows = LoadU32(&bytes[60]);
  for (size_t i = 0; i < 32; ++i) vk.preprocessed_root.bytes[i] = bytes[64 + i];
  if (vk.decode_log_rows < 1 || vk.decode_log_rows > 26 || vk.page_elf_log_rows < 1 ||
      vk.page_elf_log_rows > 26 || vk.image_end < abi::kImageBase || vk.image_end % 4 != 0 ||
      vk.image_end > 0xBF00'0000) {
    return VkError::kRange;
  }
  *out = vk;
  return VkError::kOk;
}

// ---- The proof file ----------------------------------------------------------------------------

enum class VmProofError : uint8_t {
  kOk = 0,
  kTooShort,        // shorter than the header: detail = size
  kMagic,           // not "ZKVM"
  kVersion,         // detail = the version found
  kOptions,         // invalid options at byte 40
  kOutputTooLarge,  // detail = n
  kTooManyChunks,   // detail = C
  kTruncated,       // detail = the bytes the statement needs
  kUnknownTable,    // detail = chunk index, detail2 = the id
  kPadding,         // detail = the offset of a non-zero padding byte
  kQueries,         // the run's query count is 0 or above stark::kMaxNumQueries: detail
  kSegments,        // segment count outside [1, kMaxSegments]: detail = S
  kSegmentEntry,    // segment detail's entry is not canonical (chunk range, proof offset or size)
  // Shape (CheckVmProofShape), against the verifying key:
  kCycles,         // detail = cycles
  kSegmentCycles,  // log2 segment cycles outside the allowed range: detail = k
  kSegmentCount,   // detail = S, detail2 = the count cycles and k imply
  kNoChunks,       // a segment without chunks or with more than kStarkMaxTables: detail = segment
  kChunkOrder,     // detail = chunk index
  kChunkHeight,    // detail = chunk index, detail2 = its log height
  kTableCount,     // detail = table id, detail2 = how often it appears
  kFixedHeight,    // detail = table id, detail2 = its log height, detail3 = the vk's
  kClosingTable,   // detail = chunk index: a run table outside the last segment
};

struct VmProofCheck {
  VmProofError error = VmProofError::kOk;
  uint64_t detail = 0, detail2 = 0, detail3 = 0;
  constexpr bool ok() const { return error == VmProofError::kOk; }
};

// The most segments one proof holds (the run verifier's bound).
inline constexpr uint32_t kMaxSegments = stark::kStarkMaxInstances;
// The segment sizes a statement may name: 2^k cycles, k in this range.
inline constexpr uint32_t kMinLogSegmentCycles = 10;
inline constexpr uint32_t kMaxLogSegmentCycles = 26;
inline constexpr size_t kVmSegmentEntryBytes = 32;

// A proof file's statement fields and segment table, pointing into the file's bytes.
struct VmProofView {
  const uint8_t* vk_digest = nullptr;  // 32 bytes
  stark::ProofOptions options;         // the verifying key's
  uint32_t num_queries = 0;            // the run's query count (RunOptions)
  uint32_t exit_code = 0;
  uint64_t cycles = 0;
  const uint8_t* output = nullptr;
  uint32_t output_size = 0;
  uint32_t log_segment_cycles = 0;
  uint32_t num_segments = 0;
  const uint8_t* chunk_bytes = nullptr;      // num_chunks (table id, log2 height) pairs
  uint32_t num_chunks = 0;                   // over all segments
  const uint8_t* segment_entries = nullptr;  // num_segments x kVmSegmentEntryBytes
  const uint8_t* file = nullptr;

  constexpr TableId chunk_table(size_t i) const { return static_cast<TableId>(chunk_bytes[2 * i]); }
  constexpr uint32_t chunk_log_height(size_t i) const { return chunk_bytes[2 * i + 1]; }
  // Segment s: its chunks are [first_chunk(s), first_chunk(s) + segment_chunks(s)), its STARK
  // proof segment_proof_size(s) bytes at segment_proof(s) (16-aligned in the file).
  constexpr uint32_t first_chunk(uint32_t s) const {
    return detail::LoadU32(&segment_entries[kVmSegmentEntryBytes * s]);
  }
  constexpr uint32_t segment_chunks(uint32_t s) const {
    return detail::LoadU32(&segment_entries[kVmSegmentEntryBytes * s + 4]);
  }
  constexpr const uint8_t* segment_proof(uint32_t s) const {
    return file + detail::LoadU64(&segment_entries[kVmSegmentEntryBytes * s + 8]);
  }
  constexpr size_t segment_proof_size(uint32_t s) const {
    return static_cast<size_t>(detail::LoadU64(&segment_entries[kVmSegmentEntryBytes * s + 16]));
  }
  constexpr bool is_last(uint32_t s) const { return s + 1 == num_segments; }
};

// Parses the statement part and the segment table of a proof file (no allocation; the view
// points into `bytes`).
constexpr VmProofCheck ParseVmProof(const uint8_t* bytes, size_t size, VmProofView* out) {
  using detail::LoadU32;
  using detail::LoadU64;
  if (size < kVmProofHeaderBytes) return {VmProofError::kTooShort, size};
  if (bytes[0] != 'Z' || bytes[1] != 'K' || bytes[2] != 'V' || bytes[3] != 'M') {
    return {VmProofError::kMagic};
  }
  if (LoadU32(&bytes[4]) != kVmProofVersion) return {VmProofError::kVersion, LoadU32(&bytes[4])};
  VmProofView v;
  v.file = bytes;
  v.vk_digest = &bytes[8];
  if (!stark::ProofOptions::Decode(&bytes[40], &v.options).ok()) return {VmProofError::kOptions};
  v.exit_code = LoadU32(&bytes[72]);
  v.cycles = LoadU64(&bytes[76]);
  v.output_size = LoadU32(&bytes[84]);
  v.log_segment_cycles = LoadU32(&bytes[88]);
  v.num_segments = LoadU32(&bytes[92]);
  v.num_chunks = LoadU32(&bytes[96]);
  v.num_queries = LoadU32(&bytes[100]);
  if (v.num_queries < 1 || v.num_queries > stark::kMaxNumQueries) {
    return {VmProofError::kQueries, v.num_queries};
  }
  if (v.output_size > kMaxPublicOutput) return {VmProofError::kOutputTooLarge, v.output_size};
  if (v.num_segments < 1 || v.num_segments > kMaxSegments) {
    return {VmProofError::kSegments, v.num_segments};
  }
  if (v.num_chunks > uint64_t{stark::kStarkMaxTables} * v.num_segments) {
    return {VmProofError::kTooManyChunks, v.num_chunks};
  }
  const size_t end = kVmProofHeaderBytes + size_t{v.output_size} + 2 * size_t{v.num_chunks};
  const size_t padded = (end + 15) & ~size_t{15};
  const size_t table_end = padded + kVmSegmentEntryBytes * size_t{v.num_segments};
  if (size < table_end) return {VmProofError::kTruncated, table_end};
  v.output = &bytes[kVmProofHeaderBytes];
  v.chunk_bytes = &bytes[kVmProofHeaderBytes + v.output_size];
  for (uint32_t i = 0; i < v.num_chunks; ++i) {
    if (v.chunk_bytes[2 * i] >= kNumTables) {
      return {VmProofError::kUnknownTable, i, v.chunk_bytes[2 * i]};
    }
  }
  for (size_t i = end; i < padded; ++i) {
    if (bytes[i] != 0) return {VmProofError::kPadding, i};
  }
  v.segment_entries = &bytes[padded];
  // The entries must describe the one canonical layout: chunk ranges consecutive and
  // non-empty, proofs in order, each at the next 16-aligned offset, zero padding between, the
  // last ending at the end of the file.
  uint64_t chunk = 0, at = table_end;
  for (uint32_t s = 0; s < v.num_segments; ++s) {
    const uint8_t* e = &v.segment_entries[kVmSegmentEntryBytes * s];
    const uint64_t offset = LoadU64(e + 8), length = LoadU64(e + 16);
    if (LoadU32(e) != chunk || LoadU32(e + 4) < 1 || LoadU32(e + 4) > stark::kStarkMaxTables ||
        LoadU64(e + 24) != 0 || offset != at || length == 0 || length > size - at) {
      return {VmProofError::kSegmentEntry, s};
    }
    chunk += LoadU32(e + 4);
    at = offset + length;
    const uint64_t next = (at + 15) & ~uint64_t{15};
    if (s + 1 < v.num_segments) {
      if (next > size) return {VmProofError::kSegmentEntry, s};
      for (uint64_t i = at; i < next; ++i) {
        if (bytes[i] != 0) return {VmProofError::kPadding, i};
      }
      at = next;
    }
  }
  if (chunk != v.num_chunks || at != size) return {VmProofError::kSegmentEntry, v.num_segments - 1};
  *out = v;
  return {};
}

// How many segments a run of `cycles` cycles has at 2^log_segment_cycles cycles per segment.
constexpr uint64_t SegmentCount(uint64_t cycles, uint32_t log_segment_cycles) {
  return (cycles + (uint64_t{1} << log_segment_cycles) - 1) >> log_segment_cycles;
}

// The statement against the verifying key: cycles in [1, kMaxCycles]; the segment size in
// range and the segment count the one it implies; per segment, 1 to kStarkMaxTables chunks in
// table order with heights in [1, 26]; the closing tables (IsClosingTable) only in the last
// segment, where Chunking::kFixed tables (DECODE, REGISTER, PAGE_ELF, BYTE, POW, KECCAK_RC,
// HALT) appear exactly once at their fixed heights and Chunking::kOne tables (PAGE_ZERO,
// PAGE_INPUT) at most once.
constexpr VmProofCheck CheckVmProofShape(const VmProofView& v, const VkFields& vk) {
  if (v.cycles < 1 || v.cycles > kMaxCycles) return {VmProofError::kCycles, v.cycles};
  if (v.log_segment_cycles < kMinLogSegmentCycles || v.log_segment_cycles > kMaxLogSegmentCycles) {
    return {VmProofError::kSegmentCycles, v.log_segment_cycles};
  }
  const uint64_t segments = SegmentCount(v.cycles, v.log_segment_cycles);
  if (v.num_segments != segments) return {VmProofError::kSegmentCount, v.num_segments, segments};
  for (uint32_t s = 0; s < v.num_segments; ++s) {
    const uint32_t first = v.first_chunk(s), n = v.segment_chunks(s);
    if (n == 0 || n > stark::kStarkMaxTables) return {VmProofError::kNoChunks, s};
    uint32_t count[kNumTables] = {};
    for (uint32_t i = first; i < first + n; ++i) {
      if (i > first && v.chunk_table(i) < v.chunk_table(i - 1)) {
        return {VmProofError::kChunkOrder, i};
      }
      const uint32_t h = v.chunk_log_height(i);
      if (h < 1 || h > stark::kStarkMaxLogHeight) return {VmProofError::kChunkHeight, i, h};
      if (!v.is_last(s) && IsClosingTable(v.chunk_table(i))) {
        return {VmProofError::kClosingTable, i};
      }
      ++count[static_cast<size_t>(v.chunk_table(i))];
    }
    if (!v.is_last(s)) continue;
    // Chunking (table_list.h): kFixed tables exactly once at their fixed height, kOne at most
    // once.
    for (size_t t = 0; t < kNumTables; ++t) {
      const Chunking chunking = ChunkingOf(static_cast<TableId>(t));
      if ((chunking == Chunking::kFixed && count[t] != 1) ||
          (chunking == Chunking::kOne && count[t] > 1)) {
        return {VmProofError::kTableCount, t, count[t]};
      }
    }
    for (uint32_t i = first; i < first + n; ++i) {
      const TableId t = v.chunk_table(i);
      if (ChunkingOf(t) != Chunking::kFixed) continue;
      const uint32_t h = FixedLogRows(t, vk.decode_log_rows, vk.page_elf_log_rows);
      if (v.chunk_log_height(i) != h) {
        return {VmProofError::kFixedHeight, static_cast<uint64_t>(t), v.chunk_log_height(i), h};
      }
    }
  }
  return {};
}

// ---- The STARK statement -----------------------------------------------------------------------

inline constexpr uint32_t kMaxVmPublicValues = 8;

// The first clock of segment `segment` (clocks count from 1).
constexpr uint64_t SegmentFirstClock(uint32_t segment, uint32_t log_segment_cycles) {
  return (uint64_t{segment} << log_segment_cycles) + 1;
}

// The public values of a chunk of table t in a segment whose first clock is `first_clk` (at
// most kMaxVmPublicValues); returns their count.
constexpr uint32_t VmChunkPublicValues(TableId t, const uint8_t* vk_digest, const VkFields& vk,
                                       uint64_t first_clk, Felt* out) {
  uint32_t n = 0;
  switch (PublicValuesOf(t)) {
    case PublicValues::kNone:
      break;
    case PublicValues::kVkDigest:
      for (uint32_t w = 0; w < NumPublicValues(PublicValues::kVkDigest); ++w) {
        out[n++] = Felt::FromU64(detail::LoadU32(&vk_digest[4 * w]));
      }
      break;
    case PublicValues::kPageZeroBounds:
    case PublicValues::kPageInputBounds: {
      const PageBounds b = PublicValuesOf(t) == PublicValues::kPageZeroBounds
                               ? PageZeroBounds(vk.image_end)
                               : PageInputBounds();
      out[n++] = Felt::FromU64(b.lo);
      out[n++] = Felt::FromU64(b.hi);
      break;
    }
    case PublicValues::kRefreshTimestamp:
      out[n++] = Felt::FromU64(RefreshTimestamp(first_clk));
      break;
  }
  return n;
}

// The public interactions of a statement: 2 + output_size of them, written to `out`.
constexpr void VmPublicInteractions(const VkFields& vk, uint32_t exit_code, uint64_t cycles,
                                    const uint8_t* output, uint32_t output_size,
                                    stark::StarkPublicInteraction* out) {
  const Felt exec[] = {Felt::FromU64(vk.entry), Felt::One()};
  out[0] = stark::MakePublicInteraction(kExecBus, true, Felt::One(), exec, 2);
  const Felt halt[] = {Felt::FromU64(exit_code), Felt::FromU64(cycles), Felt::FromU64(output_size)};
  out[1] = stark::MakePublicInteraction(kHaltBus, false, Felt::One(), halt, 3);
  for (uint32_t i = 0; i < output_size; ++i) {
    const Felt byte[] = {Felt::FromU64(i), Felt::FromU64(output[i])};
    out[2 + i] = stark::MakePublicInteraction(kOutBus, false, Felt::One(), byte, 2);
  }
}

// The STARK statement of segment `segment` of a parsed, shape-checked proof: the one builder the
// prover (through the encoded statement, vm_statement.h) and every verifier use. Only the last
// segment carries the public interactions (it holds HALT and the output's tables); they live
// in the caller's storage (a guest's static array, the host's vector).
class VmStarkStatement {
 public:
  // `interactions` holds `capacity` entries; false when the statement needs more
  // (2 + the output's length, for the last segment).
  constexpr bool Build(const VmProofView& v, const VkFields& vk, uint32_t segment,
                       stark::StarkPublicInteraction* interactions, uint32_t capacity) {
    const bool last = v.is_last(segment);
    if (last && (capacity < 2 || v.output_size > capacity - 2)) return false;
    const uint32_t first = v.first_chunk(segment), n = v.segment_chunks(segment);
    for (uint32_t i = 0; i < n; ++i) {
      const TableId t = v.chunk_table(first + i);
      tables_[i] = {.air = &VmStarkAir(t),
                    .log_height = v.chunk_log_height(first + i),
                    .public_values = public_values_[i],
                    .num_public_values = VmChunkPublicValues(
                        t, v.vk_digest, vk, SegmentFirstClock(segment, v.log_segment_cycles),
                        public_values_[i])};
    }
    statement_ = stark::StarkStatement();
    statement_.tables = tables_;
    statement_.num_tables = n;
    statement_.options = stark::WithNumQueries(v.options, static_cast<uint16_t>(v.num_queries));
    statement_.preprocessed_root = vk.preprocessed_root;
    if (last) {
      VmPublicInteractions(vk, v.exit_code, v.cycles, v.output, v.output_size, interactions);
      statement_.public_interactions = interactions;
      statement_.num_public_interactions = 2 + v.output_size;
    }
    return true;
  }

  const stark::StarkStatement& statement() const { return statement_; }
  // The public values of the segment's chunk i.
  const Felt* public_values(size_t i) const { return public_values_[i]; }

 private:
  stark::StarkTable tables_[stark::kStarkMaxTables] = {};
  Felt public_values_[stark::kStarkMaxTables][kMaxVmPublicValues] = {};
  stark::StarkStatement statement_;
};

}  // namespace zkvm::prover
