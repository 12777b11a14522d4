// The C string functions that compiled C++ calls without a libc: memcpy, memmove, memset,
// memcmp, memchr, strlen, strcmp (gcc emits calls to the mem* functions for large copies and
// clears; libstdc++'s char_traits uses the rest).
//
// Built with -fno-builtin -fno-tree-loop-distribute-patterns, so gcc does not turn these loops
// back into calls to themselves. The zkvm traps on misaligned loads and stores, so words are
// used only where both pointers are word-aligned; other copies go byte by byte.

#include <stddef.h>
#include <stdint.h>

namespace {

// A word that may alias any object, for the word-at-a-time loops.
typedef uint32_t __attribute__((may_alias)) Word;

constexpr uintptr_t kWordMask = sizeof(Word) - 1;

bool BothWordAligned(const void* a, const void* b) {
  return ((reinterpret_cast<uintptr_t>(a) | reinterpret_cast<uintptr_t>(b)) & kWordMask) == 0;
}

bool SameWordOffset(const void* a, const void* b) {
  return ((reinterpret_cast<uintptr_t>(a) ^ reinterpret_cast<uintptr_t>(b)) & kWordMask) == 0;
}

// Copies low to high; safe for overlapping ranges with destination <= source.
void CopyForward(uint8_t* destination, const uint8_t* source, size_t size) {
  if (SameWordOffset(destination, source)) {
    while (size > 0 && (reinterpret_cast<uintptr_t>(destination) & kWordMask) != 0) {
      *destination++ = *source++;
      --size;
    }
    Word* d = reinterpret_cast<Word*>(destination);
    const Word* s = reinterpret_cast<const Word*>(source);
    while (size >= 4 * sizeof(Word)) {
      const Word w0 = s[0], w1 = s[1], w2 = s[2], w3 = s[3];
      d[0] = w0;
      d[1] = w1;
      d[2] = w2;
      d[3] = w3;
      d += 4;
      s += 4;
      size -= 4 * sizeof(Word);
    }
    while (size >= sizeof(Word)) {
      *d++ = *s++;
      size -= sizeof(Word);
    }
    destination = reinterpret_cast<uint8_t*>(d);
    source = reinterpret_cast<const uint8_t*>(s);
  }
  while (size > 0) {
    *destination++ = *source++;
    --size;
  }
}

// Copies high to low; safe for overlapping ranges with destination > source.
void CopyBackward(uint8_t* destination, const uint8_t* source, size_t size) {
  uint8_t* d = destination + size;
  const uint8_t* s = source + size;
  if (SameWordOffset(d, s)) {
    while (size > 0 && (reinterpret_cast<uintptr_t>(d) & kWordMask) != 0) {
      *--d = *--s;
      --size;
    }
    while (size >= sizeof(Word)) {
      d -= sizeof(Word);
      s -= sizeof(Word);
      *reinterpret_cast<Word*>(d) = *reinterpret_cast<const Word*>(s);
      size -= sizeof(Word);
    }
  }
  while (size > 0) {
    *--d = *--s;
    --size;
  }
}

}  // namespace

extern "C" {

void* memcpy(void* destination, const void* source, size_t size) {
  CopyForward(static_cast<uint8_t*>(destination), static_cast<const uint8_t*>(source), size);
  return destination;
}

void* memmove(void* destination, const void* source, size_t size) {
  uint8_t* d = static_cast<uint8_t*>(destination);
  const uint8_t* s = static_cast<const uint8_t*>(source);
  if (d <= s || d >= s + size) {
    CopyForward(d, s, size);
  } else {
    CopyBackward(d, s, size);
  }
  return destination;
}

void* memset(void* destination, int value, size_t size) {
  uint8_t* d = static_cast<uint8_t*>(destination);
  const uint8_t byte = static_cast<uint8_t>(value);
  while (size > 0 && (reinterpret_cast<uintptr_t>(d) & kWordMask) != 0) {
    *d++ = byte;
    --size;
  }
  const Word word = 0x01010101u * byte;
  Word* w = reinterpret_cast<Word*>(d);
  while (size >= 4 * sizeof(Word)) {
    w[0] = word;
    w[1] = word;
    w[2] = word;
    w[3] = word;
    w += 4;
    size -= 4 * sizeof(Word);
  }
  while (size >= sizeof(Word)) {
    *w++ = word;
    size -= sizeof(Word);
  }
  d = reinterpret_cast<uint8_t*>(w);
  while (size > 0) {
    *d++ = byte;
    --size;
  }
  return destination;
}

int memcmp(const void* a, const void* b, size_t size) {
  const uint8_t* x = static_cast<const uint8_t*>(a);
  const uint8_t* y = static_cast<const uint8_t*>(b);
  if (BothWordAligned(x, y)) {
    while (size >= sizeof(Word) &&
           *reinterpret_cast<const Word*>(x) == *reinterpret_cast<const Word*>(y)) {
      x += sizeof(Word);
      y += sizeof(Word);
      size -= sizeof(Word);
    }
  }
  for (; size > 0; ++x, ++y, --size) {
    if (*x != *y) return *x < *y ? -1 : 1;
  }
  return 0;
}

void* memchr(const void* data, int value, size_t size) {
  const uint8_t* p = static_cast<const uint8_t*>(data);
  const uint8_t byte = static_cast<uint8_t>(value);
  for (; size > 0; ++p, --size) {
    if (*p == byte) return const_cast<uint8_t*>(p);
  }
  return nullptr;
}

size_t strlen(const char* text) {
  const char* end = text;
  while (*end != '\0') ++end;
  return static_cast<size_t>(end - text);
}

int strcmp(const char* a, const char* b) {
  const uint8_t* x = reinterpret_cast<const uint8_t*>(a);
  const uint8_t* y = reinterpret_cast<const uint8_t*>(b);
  while (*x != 0 && *x == *y) {
    ++x;
    ++y;
  }
  return *x < *y ? -1 : (*x > *y ? 1 : 0);
}

}  // extern "C"
