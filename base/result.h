// Error values for untrusted input on the host (STYLE.md item 11): a function that can fail on
// bad input returns Result<T>, which holds either a T or an Error whose message names what is
// wrong and where ("segment 2: p_offset + p_filesz exceeds the file size (...)"). No exceptions.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "base/check.h"

namespace zkvm {

struct Error {
  std::string message;
};

// Builds an Error from a fmt format string.
template <typename... Args>
Error MakeError(fmt::format_string<Args...> format, Args&&... args) {
  return Error{fmt::format(format, std::forward<Args>(args)...)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    ZKVM_CHECK(ok(), "value() on an error Result");
    return std::get<T>(data_);
  }
  const T& value() const& {
    ZKVM_CHECK(ok(), "value() on an error Result");
    return std::get<T>(data_);
  }
  T&& value() && {
    ZKVM_CHECK(ok(), "value() on an error Result");
    return std::get<T>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    ZKVM_CHECK(!ok(), "error() on an ok Result");
    return std::get<Error>(data_);
  }

 private:
  std::variant<T, Error> data_;
};

// Result<void> analogue.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error.message)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const std::string& message() const { return error_; }

 private:
  std::string error_;
  bool ok_ = true;
};

}  // namespace zkvm
