// An open-addressing hash map u32 -> u32 written in the guest: linear probing, tombstones for
// erase, growth by rehashing into a table twice the size. Its slot arrays use all the access
// widths: u32 keys and values (lw/sw), u16 key fingerprints (lhu/sh), u8 slot states (lbu/sb),
// and a signed i8/i16 probe-length histogram (lb/lh sign extension).
//
// Payload: u32 little-endian number of keys n (empty: 2000). The keys are n distinct xorshift32
// values. The run inserts them all, looks each up, erases every third, looks all up again plus
// n absent keys, and re-inserts the erased ones with new values, checking every answer.
// Public output: a 64-bit digest of all lookups (u64 LE), then the final size (u32 LE) and the
// final capacity (u32 LE). Exit codes: 1 malformed payload, 2 a lookup gave a wrong answer.

#include <stddef.h>
#include <stdint.h>

#include <span>

#include "syscalls/zkvm.h"

namespace {

constexpr uint32_t kExitBadInput = 1;
constexpr uint32_t kExitWrongAnswer = 2;
constexpr uint32_t kDefaultKeys = 2000;
constexpr uint32_t kSeed = 0x9E3779B9;

uint32_t XorShift32(uint32_t& state) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

uint32_t Hash(uint32_t key) {
  // murmur3's 32-bit finalizer
  key ^= key >> 16;
  key *= 0x85EBCA6B;
  key ^= key >> 13;
  key *= 0xC2B2AE35;
  key ^= key >> 16;
  return key;
}

class HashMap {
 public:
  explicit HashMap(uint32_t capacity) { Allocate(capacity); }
  HashMap(const HashMap&) = delete;
  HashMap& operator=(const HashMap&) = delete;
  ~HashMap() { Free(); }

  uint32_t size() const { return size_; }
  uint32_t capacity() const { return capacity_; }

  // Inserts or overwrites. Returns true if the key was new.
  bool Insert(uint32_t key, uint32_t value) {
    if ((size_ + tombstones_ + 1) * 4 > capacity_ * 3) Rehash();
    const uint32_t hash = Hash(key);
    uint32_t index = hash & (capacity_ - 1);
    uint32_t reusable = kNone;
    int16_t probes = 0;
    while (states_[index] != kEmpty) {
      if (states_[index] == kFull && fingerprints_[index] == Fingerprint(hash) &&
          keys_[index] == key) {
        values_[index] = value;
        return false;
      }
      if (states_[index] == kTombstone && reusable == kNone) reusable = index;
      index = (index + 1) & (capacity_ - 1);
      ++probes;
    }
    if (reusable != kNone) {
      index = reusable;
      --tombstones_;
    }
    states_[index] = kFull;
    fingerprints_[index] = Fingerprint(hash);
    keys_[index] = key;
    values_[index] = value;
    ++size_;
    RecordProbes(probes);
    return true;
  }

  // Returns a pointer to the value, or nullptr if absent.
  const uint32_t* Find(uint32_t key) const {
    const uint32_t slot = FindSlot(key);
    return slot == kNone ? nullptr : &values_[slot];
  }

  bool Erase(uint32_t key) {
    const uint32_t slot = FindSlot(key);
    if (slot == kNone) return false;
    states_[slot] = kTombstone;
    --size_;
    ++tombstones_;
    return true;
  }

  // A digest of the probe-length histogram: signed sums, so sign-extending loads matter.
  int32_t ProbeDigest() const {
    int32_t digest = 0;
    for (int i = 0; i < kHistogramSize; ++i) digest = digest * 31 + small_histogram_[i];
    for (int i = 0; i < kHistogramSize; ++i) digest = digest * 37 + wide_histogram_[i];
    return digest;
  }

 private:
  static constexpr uint8_t kEmpty = 0;
  static constexpr uint8_t kFull = 1;
  static constexpr uint8_t kTombstone = 2;
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  static constexpr int kHistogramSize = 16;

  static uint16_t Fingerprint(uint32_t hash) { return static_cast<uint16_t>(hash >> 16); }

  uint32_t FindSlot(uint32_t key) const {
    const uint32_t hash = Hash(key);
    uint32_t index = hash & (capacity_ - 1);
    while (states_[index] != kEmpty) {
      if (states_[index] == kFull && fingerprints_[index] == Fingerprint(hash) &&
          keys_[index] == key) {
        return index;
      }
      index = (index + 1) & (capacity_ - 1);
    }
    return kNone;
  }

  // Counts probe lengths in wrapping signed counters: int8 for short probes (they wrap
  // negative quickly), int16 for the total per bucket.
  void RecordProbes(int16_t probes) {
    const int bucket = probes < kHistogramSize ? probes : kHistogramSize - 1;
    small_histogram_[bucket] = static_cast<int8_t>(small_histogram_[bucket] + 1);
    wide_histogram_[bucket] = static_cast<int16_t>(wide_histogram_[bucket] - probes - 1);
  }

  void Allocate(uint32_t capacity) {
    capacity_ = capacity;
    keys_ = new uint32_t[capacity];
    values_ = new uint32_t[capacity];
    fingerprints_ = new uint16_t[capacity];
    states_ = new uint8_t[capacity]();
    size_ = 0;
    tombstones_ = 0;
  }

  void Free() {
    delete[] keys_;
    delete[] values_;
    delete[] fingerprints_;
    delete[] states_;
  }

  // Doubles the table if it is really full; otherwise rebuilds it at the same size to drop
  // the tombstones.
  void Rehash() {
    const uint32_t old_capacity = capacity_;
    uint32_t* old_keys = keys_;
    uint32_t* old_values = values_;
    uint16_t* old_fingerprints = fingerprints_;
    uint8_t* old_states = states_;
    Allocate((size_ + 1) * 2 > old_capacity ? old_capacity * 2 : old_capacity);
    for (uint32_t i = 0; i < old_capacity; ++i) {
      if (old_states[i] == kFull) Insert(old_keys[i], old_values[i]);
    }
    delete[] old_keys;
    delete[] old_values;
    delete[] old_fingerprints;
    delete[] old_states;
  }

  uint32_t* keys_ = nullptr;
  uint32_t* values_ = nullptr;
  uint16_t* fingerprints_ = nullptr;
  uint8_t* states_ = nullptr;
  uint32_t capacity_ = 0;  // a power of two
  uint32_t size_ = 0;
  uint32_t tombstones_ = 0;
  int8_t small_histogram_[kHistogramSize] = {};
  int16_t wide_histogram_[kHistogramSize] = {};
};

// FNV-1a over 32-bit words, 64-bit state.
void Mix(uint64_t& digest, uint32_t word) {
  for (int i = 0; i < 4; ++i) {
    digest ^= (word >> (8 * i)) & 0xFF;
    digest *= 0x100000001B3ull;
  }
}

uint32_t ValueFor(uint32_t key, uint32_t round) { return key * 2654435761u + round; }

[[noreturn]] void WrongAnswer(const char* what) {
  zkvm::DebugPrint("hashmap: wrong answer: ");
  zkvm::DebugPrint(what);
  zkvm::DebugPrint("\n");
  zkvm::Halt(kExitWrongAnswer);
}

}  // namespace

int main() {
  const std::span<const uint8_t> input = zkvm::PrivateInput();
  uint32_t num_keys = kDefaultKeys;
  if (!input.empty()) {
    if (input.size() != 4) {
      zkvm::DebugPrint("hashmap: the payload must be one u32 (the number of keys)\n");
      return kExitBadInput;
    }
    num_keys = *reinterpret_cast<const uint32_t*>(input.data());  // 16-aligned payload
  }

  uint32_t* keys = new uint32_t[num_keys];
  uint32_t state = kSeed;
  for (uint32_t i = 0; i < num_keys; ++i) keys[i] = XorShift32(state);  // distinct: a cycle

  HashMap map(8);
  uint64_t digest = 0xCBF29CE484222325ull;
  for (uint32_t i = 0; i < num_keys; ++i) {
    if (!map.Insert(keys[i], ValueFor(keys[i], 0))) WrongAnswer("insert of a new key");
  }
  for (uint32_t i = 0; i < num_keys; ++i) {
    const uint32_t* value = map.Find(keys[i]);
    if (value == nullptr || *value != ValueFor(keys[i], 0)) WrongAnswer("lookup after insert");
    Mix(digest, *value);
  }
  for (uint32_t i = 0; i < num_keys; i += 3) {
    if (!map.Erase(keys[i])) WrongAnswer("erase of a present key");
  }
  for (uint32_t i = 0; i < num_keys; ++i) {
    const uint32_t* value = map.Find(keys[i]);
    const bool erased = i % 3 == 0;
    if ((value == nullptr) != erased) WrongAnswer("lookup after erase");
    Mix(digest, value == nullptr ? 0xFFFFFFFF : *value);
  }
  // Keys never inserted: the xorshift cycle continues past the inserted ones.
  for (uint32_t i = 0; i < num_keys; ++i) {
    if (map.Find(XorShift32(state)) != nullptr) WrongAnswer("lookup of an absent key");
  }
  for (uint32_t i = 0; i < num_keys; i += 3) {
    if (!map.Insert(keys[i], ValueFor(keys[i], 1))) WrongAnswer("re-insert of an erased key");
  }
  for (uint32_t i = 0; i < num_keys; ++i) {
    const uint32_t* value = map.Find(keys[i]);
    if (value == nullptr || *value != ValueFor(keys[i], i % 3 == 0 ? 1 : 0)) {
      WrongAnswer("lookup after re-insert");
    }
    Mix(digest, *value);
  }
  if (map.size() != num_keys) WrongAnswer("final size");
  Mix(digest, static_cast<uint32_t>(map.ProbeDigest()));

  uint8_t output[16];
  for (int i = 0; i < 8; ++i) output[i] = static_cast<uint8_t>(digest >> (8 * i));
  for (int i = 0; i < 4; ++i) output[8 + i] = static_cast<uint8_t>(map.size() >> (8 * i));
  for (int i = 0; i < 4; ++i) output[12 + i] = static_cast<uint8_t>(map.capacity() >> (8 * i));
  zkvm::Commit(output, sizeof(output));
  delete[] keys;
  return 0;
}
