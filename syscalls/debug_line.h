// A fixed-size line builder for the runtime's own error messages (out of memory, failed
// assertions, ...), which must not allocate or pull in printf. Internal to the runtime.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <string_view>

#include "syscalls/zkvm.h"

namespace zkvm::detail {

class DebugLine {
 public:
  DebugLine& Append(std::string_view text) {
    for (const char c : text) {
      if (size_ < sizeof(buffer_)) buffer_[size_++] = c;
    }
    return *this;
  }

  // Appends a C string; null prints as "?".
  DebugLine& AppendCString(const char* text) {
    if (text == nullptr) return Append("?");
    size_t length = 0;
    while (text[length] != '\0') ++length;
    return Append(std::string_view(text, length));
  }

  DebugLine& AppendDecimal(uint32_t value) {
    char digits[10];
    size_t count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) Append(std::string_view(&digits[--count], 1));
    return *this;
  }

  // Prints the line (with a trailing newline) to the debug stream.
  void Print() {
    if (size_ == sizeof(buffer_)) size_--;
    buffer_[size_++] = '\n';
    DebugPrint(std::string_view(buffer_, size_));
  }

 private:
  char buffer_[256];
  size_t size_ = 0;
};

}  // namespace zkvm::detail
