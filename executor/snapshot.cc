// Snapshot wire format (little-endian; documented in executor/README.md):
//   "ZKVS" u32 version | elf_digest[32] | pc u32 | regs u32[32] | cycle u64 | status u8
//   | pad u8[3] | exit_code u32 | trap kind u32, pc u32, value u32, index u32
//   | syscall counts u64[7]
//   | public output: u64 length, bytes | pages: u32 count, u32 index[count] ascending,
//   then count * 4096 bytes.
#include <cstring>

#include "executor/executor.h"

namespace zkvm::executor {
namespace {

constexpr uint32_t kSnapshotMagic = 0x53564b5a;  // "ZKVS"
constexpr uint32_t kSnapshotVersion = 2;

class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}
  template <typename T>
  void Put(T v) {
    const size_t at = out_.size();
    out_.resize(at + sizeof(T));
    std::memcpy(out_.data() + at, &v, sizeof(T));
  }
  void Bytes(std::span<const uint8_t> b) {
    if (b.empty()) return;
    const size_t at = out_.size();
    out_.resize(at + b.size());
    std::memcpy(out_.data() + at, b.data(), b.size());
  }

 private:
  std::vector<uint8_t>& out_;
};

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> in) : in_(in) {}
  template <typename T>
  bool Get(T& v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Bytes(size_t n, std::span<const uint8_t>& out) {
    if (in_.size() - pos_ < n) return false;
    out = in_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  size_t remaining() const { return in_.size() - pos_; }
  size_t position() const { return pos_; }

 private:
  std::span<const uint8_t> in_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<uint8_t> Snapshot::Serialize() const {
  std::vector<uint8_t> out;
  out.reserve(256 + state.public_output.size() + page_indices.size() * (4 + kPageSize));
  Writer w(out);
  w.Put(kSnapshotMagic);
  w.Put(kSnapshotVersion);
  w.Bytes(elf_digest);
  w.Put(state.pc);
  for (uint32_t r : state.regs) w.Put(r);
  w.Put(state.cycle);
  w.Put(static_cast<uint8_t>(state.status));
  for (int i = 0; i < 3; ++i) w.Put(uint8_t{0});
  w.Put(state.exit_code);
  w.Put(static_cast<uint32_t>(state.trap.kind));
  w.Put(state.trap.pc);
  w.Put(state.trap.value);
  w.Put(state.trap.index);
  const SyscallCounts& c = state.syscalls;
  for (uint64_t v : {c.halt, c.write, c.keccak_f1600, c.poseidon2, c.public_output_bytes,
                     c.debug_bytes, c.log_data_bytes}) {
    w.Put(v);
  }
  w.Put(static_cast<uint64_t>(state.public_output.size()));
  w.Bytes(state.public_output);
  w.Put(static_cast<uint32_t>(page_indices.size()));
  for (uint32_t p : page_indices) w.Put(p);
  w.Bytes(page_data);
  return out;
}

Result<Snapshot> Snapshot::Deserialize(std::span<const uint8_t> bytes) {
  Reader r(bytes);
  auto truncated = [&](const char* what) {
    return MakeError("snapshot truncated at byte {} while reading {}", r.position(), what);
  };
  uint32_t magic = 0, version = 0;
  if (!r.Get(magic) || !r.Get(version)) return truncated("the header");
  if (magic != kSnapshotMagic) return MakeError("not a zkvm snapshot (bad magic)");
  if (version != kSnapshotVersion) {
    return MakeError("snapshot format version {} is not supported (expected {})", version,
                     kSnapshotVersion);
  }
  Snapshot s;
  std::span<const uint8_t> digest;
  if (!r.Bytes(32, digest)) return truncated("the ELF digest");
  std::memcpy(s.elf_digest.data(), digest.data(), 32);
  MachineState& st = s.state;
  if (!r.Get(st.pc)) return truncated("pc");
  for (uint32_t& reg : st.regs) {
    if (!r.Get(reg)) return truncated("registers");
  }
  if (st.regs[0] != 0) return MakeError("snapshot register x0 is {:#x}, not 0", st.regs[0]);
  uint8_t status = 0, pad = 0;
  if (!r.Get(st.cycle) || !r.Get(status)) return truncated("cycle and status");
  if (status > static_cast<uint8_t>(RunStatus::kCycleLimit)) {
    return MakeError("snapshot has invalid run status {}", status);
  }
  st.status = static_cast<RunStatus>(status);
  for (int i = 0; i < 3; ++i) {
    if (!r.Get(pad)) return truncated("padding");
    if (pad != 0) return MakeError("snapshot padding byte is non-zero");
  }
  uint32_t trap_kind = 0;
  if (!r.Get(st.exit_code) || !r.Get(trap_kind) || !r.Get(st.trap.pc) || !r.Get(st.trap.value) ||
      !r.Get(st.trap.index)) {
    return truncated("exit code and trap");
  }
  if (trap_kind > static_cast<uint32_t>(kLastTrapKind)) {
    return MakeError("snapshot has invalid trap kind {}", trap_kind);
  }
  st.trap.kind = static_cast<TrapKind>(trap_kind);
  SyscallCounts& c = st.syscalls;
  for (uint64_t* v : {&c.halt, &c.write, &c.keccak_f1600, &c.poseidon2, &c.public_output_bytes,
                      &c.debug_bytes, &c.log_data_bytes}) {
    if (!r.Get(*v)) return truncated("syscall counts");
  }
  uint64_t output_size = 0;
  std::span<const uint8_t> output;
  if (!r.Get(output_size)) return truncated("the public output length");
  if (output_size > r.remaining() || !r.Bytes(output_size, output)) {
    return truncated("the public output");
  }
  st.public_output.assign(output.begin(), output.end());
  uint32_t num_pages = 0;
  if (!r.Get(num_pages)) return truncated("the page count");
  if (num_pages > kNumPages || uint64_t{num_pages} * (4 + kPageSize) != r.remaining()) {
    return MakeError("snapshot declares {} pages but {} bytes follow", num_pages, r.remaining());
  }
  s.page_indices.resize(num_pages);
  for (uint32_t i = 0; i < num_pages; ++i) {
    if (!r.Get(s.page_indices[i])) return truncated("page indices");
    if (s.page_indices[i] >= kNumPages || (i > 0 && s.page_indices[i] <= s.page_indices[i - 1])) {
      return MakeError("snapshot page index {} (entry {}) is out of range or not ascending",
                       s.page_indices[i], i);
    }
  }
  std::span<const uint8_t> data;
  if (!r.Bytes(size_t{num_pages} * kPageSize, data)) return truncated("page data");
  s.page_data.assign(data.begin(), data.end());
  return s;
}

}  // namespace zkvm::executor
