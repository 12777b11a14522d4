// Whole-file reads and writes for the host tools (ELFs, inputs, proofs, keys, blobs). Errors name
// the path. A write never leaves a partial file: the bytes go to a temporary file in the same
// folder, which is flushed and renamed over the destination only when complete, so a reader
// (or a later run) sees the old file or the new one, never a torn one.
#pragma once

#include <stdint.h>

#include <span>
#include <string>
#include <vector>

#include "base/result.h"

namespace zkvm {

// Reads a whole file. A regular file larger than `max_size` is refused before it is read; pipes,
// FIFOs, character devices and process substitutions (`<(...)`) are read to their end, and
// refused as soon as they pass `max_size`.
Result<std::vector<uint8_t>> ReadFile(const std::string& path, uint64_t max_size = UINT64_MAX);

// Reads an open descriptor to its end (`name` is used in messages, e.g. "standard input").
Result<std::vector<uint8_t>> ReadDescriptor(int fd, const std::string& name,
                                            uint64_t max_size = UINT64_MAX);

// Writes `bytes` to `path` atomically (temporary file, fsync, rename); on failure the
// destination is untouched and the temporary file removed.
Status WriteFile(const std::string& path, std::span<const uint8_t> bytes);

// Whether `path` can be written by WriteFile, checked without touching it: it is not a folder,
// and a file can be created in its folder. Commands call it before their work, so an
// unwritable destination is reported at once rather than after minutes of proving.
Status CheckWritable(const std::string& path);

}  // namespace zkvm
