#include "base/file_io.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace zkvm {
namespace {

namespace fs = std::filesystem;

class FileIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("zkvm_file_io_test_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const char* name) const { return (dir_ / name).string(); }
  size_t NumFiles() const {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }

  fs::path dir_;
};

TEST_F(FileIoTest, WritesAndReadsBack) {
  const std::vector<uint8_t> bytes = {1, 2, 3, 0, 255};
  ASSERT_TRUE(WriteFile(Path("a.bin"), bytes).ok());
  Result<std::vector<uint8_t>> back = ReadFile(Path("a.bin"));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, bytes);
  EXPECT_EQ(NumFiles(), 1u);  // no temporary file left behind
}

TEST_F(FileIoTest, OverwritesAnExistingFile) {
  ASSERT_TRUE(WriteFile(Path("a.bin"), std::vector<uint8_t>(1000, 7)).ok());
  ASSERT_TRUE(WriteFile(Path("a.bin"), std::vector<uint8_t>{9}).ok());
  EXPECT_EQ(*ReadFile(Path("a.bin")), std::vector<uint8_t>{9});
  EXPECT_EQ(NumFiles(), 1u);
}

TEST_F(FileIoTest, AFailedWriteLeavesNothing) {
  // The destination is a folder: the rename fails, and neither it nor a temporary file changes.
  fs::create_directory(Path("taken"));
  Status s = WriteFile(Path("taken"), std::vector<uint8_t>{1, 2});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(Path("taken")), std::string::npos) << s.message();
  EXPECT_TRUE(fs::is_directory(Path("taken")));
  EXPECT_EQ(NumFiles(), 1u);
  // A missing folder: refused up front, named.
  s = WriteFile(Path("missing/a.bin"), std::vector<uint8_t>{1});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("missing/a.bin"), std::string::npos) << s.message();
}

TEST_F(FileIoTest, CheckWritableTouchesNothing) {
  EXPECT_TRUE(CheckWritable(Path("new.bin")).ok());
  EXPECT_FALSE(fs::exists(Path("new.bin")));
  ASSERT_TRUE(WriteFile(Path("old.bin"), std::vector<uint8_t>{5}).ok());
  EXPECT_TRUE(CheckWritable(Path("old.bin")).ok());
  EXPECT_EQ(*ReadFile(Path("old.bin")), std::vector<uint8_t>{5});
  EXPECT_EQ(NumFiles(), 1u);
  fs::create_directory(Path("dir"));
  Status s = CheckWritable(Path("dir"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cannot write " + Path("dir") + ": Is a directory");
  s = CheckWritable(Path("missing/a.bin"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cannot write " + Path("missing/a.bin") + ": No such file or directory");
}

TEST_F(FileIoTest, ReadNamesTheMissingPathAndRefusesLargeFiles) {
  Result<std::vector<uint8_t>> r = ReadFile(Path("none"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "cannot open " + Path("none") + ": No such file or directory");
  ASSERT_TRUE(WriteFile(Path("big"), std::vector<uint8_t>(100, 0)).ok());
  r = ReadFile(Path("big"), 99);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, Path("big") + " is 100 bytes, more than the 99 bytes allowed");
  EXPECT_TRUE(ReadFile(Path("big"), 100).ok());
  r = ReadFile(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "cannot read " + dir_.string() + ": Is a directory");
}

// Pipes (and so `<(...)` and /dev/stdin) have no size up front: they are read to their end.
TEST_F(FileIoTest, ReadsPipesToTheirEnd) {
  for (size_t size : {size_t{0}, size_t{5}, size_t{200000}}) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const std::vector<uint8_t> bytes(size, 0xab);
    // A writer thread, since 200000 bytes do not fit in the pipe's buffer.
    std::thread writer([&] {
      size_t done = 0;
      while (done < bytes.size()) {
        const ssize_t n = write(fds[1], bytes.data() + done, bytes.size() - done);
        if (n <= 0) break;
        done += static_cast<size_t>(n);
      }
      close(fds[1]);
    });
    Result<std::vector<uint8_t>> r = ReadFile("/proc/self/fd/" + std::to_string(fds[0]));
    writer.join();
    close(fds[0]);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, bytes);
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "0123456789", 10), 10);
  close(fds[1]);
  Result<std::vector<uint8_t>> r = ReadDescriptor(fds[0], "standard input", 9);
  close(fds[0]);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "standard input is more than the 9 bytes allowed");
}

}  // namespace
}  // namespace zkvm
