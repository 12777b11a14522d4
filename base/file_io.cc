#include "base/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace zkvm {

namespace {

std::string TooLarge(const std::string& name, uint64_t size, uint64_t max_size) {
  return fmt::format("{} is {} bytes, more than the {} bytes allowed", name, size, max_size);
}

}  // namespace

Result<std::vector<uint8_t>> ReadDescriptor(int fd, const std::string& name, uint64_t max_size) {
  std::vector<uint8_t> bytes;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<uint64_t>(st.st_size) > max_size) {
      return Error{TooLarge(name, static_cast<uint64_t>(st.st_size), max_size)};
    }
    bytes.reserve(static_cast<size_t>(st.st_size));
  }
  uint8_t buffer[1 << 16];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return MakeError("cannot read {}: {}", name, std::strerror(errno));
    if (n == 0) break;
    if (bytes.size() + static_cast<uint64_t>(n) > max_size) {
      return MakeError("{} is more than the {} bytes allowed", name, max_size);
    }
    bytes.insert(bytes.end(), buffer, buffer + n);
  }
  return bytes;
}

Result<std::vector<uint8_t>> ReadFile(const std::string& path, uint64_t max_size) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return MakeError("cannot open {}: {}", path, std::strerror(errno));
  // A folder opens, and its read fails with EISDIR: "cannot read <path>: Is a directory".
  Result<std::vector<uint8_t>> bytes = ReadDescriptor(fd, path, max_size);
  close(fd);
  return bytes;
}

Status WriteFile(const std::string& path, std::span<const uint8_t> bytes) {
  // The temporary file sits beside the destination, so the rename stays on one file system.
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) return MakeError("cannot write {}: {}", path, std::strerror(errno));
  auto fail = [&](const char* what) {
    const int err = errno;
    close(fd);
    unlink(temp.c_str());
    return MakeError("cannot write {}: {}: {}", path, what, std::strerror(err));
  };
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("write");
    done += static_cast<size_t>(n);
  }
  // mkstemp creates the file 0600; give it the permissions a plain create would (umask applies).
  const mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) return fail("chmod");
  if (fsync(fd) != 0) return fail("fsync");
  if (close(fd) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return MakeError("cannot write {}: close: {}", path, std::strerror(err));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(temp.c_str());
    return MakeError("cannot write {}: {}", path, std::strerror(err));
  }
  return {};
}

Status CheckWritable(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return MakeError("cannot write {}: Is a directory", path);
  }
  std::string probe = path + ".tmp.XXXXXX";
  const int fd = mkstemp(probe.data());
  if (fd < 0) return MakeError("cannot write {}: {}", path, std::strerror(errno));
  close(fd);
  unlink(probe.c_str());
  return {};
}

}  // namespace zkvm
