// Executor semantics on hand-assembled programs: RV32IM edge cases, x0, loads/stores of every
// width and sign, every trap kind, the syscalls, the cycle limit, the private input region,
// logs, snapshots and the profiler's step markers.
#include "executor/executor.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstring>

#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "executor/profiler.h"
#include "syscalls/abi.h"
#include "testing/elf_builder.h"
#include "testing/encoder.h"

namespace zkvm::executor {
namespace {

using testing::B;
using testing::Ecall;
using testing::I;
using testing::J;
using testing::Li;
using testing::R;
using testing::S;
using testing::U;

constexpr uint32_t kData = 0x00100000;

void Halt(std::vector<uint32_t>& code) {
  Li(code, 17, abi::kSysHalt);
  code.push_back(Ecall());
}

struct GuestRun {
  Program program;
  MachineState state;
  std::string debug;
};

GuestRun Execute(const std::vector<uint32_t>& code, std::vector<uint8_t> data = {},
                 std::span<const uint8_t> input = {}, uint64_t max_cycles = 1'000'000) {
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes(code), 0, 5});
  if (data.empty()) data.resize(64);
  spec.segments.push_back({kData, data, 0, 6});
  auto program = LoadElf(testing::BuildElf(spec));
  EXPECT_TRUE(program.ok()) << (program.ok() ? "" : program.error().message);
  GuestRun run{std::move(program).value(), {}, {}};
  auto ex = Executor::Create(run.program, input);
  EXPECT_TRUE(ex.ok());
  run.state = ex->Run({.max_cycles = max_cycles});
  run.debug = ex->debug_output();
  return run;
}

// Computes `op rs1_value, rs2_value` into a0 and halts.
uint32_t BinaryOp(Opcode op, uint32_t a, uint32_t b) {
  std::vector<uint32_t> code;
  Li(code, 5, a);
  Li(code, 6, b);
  code.push_back(R(op, 10, 5, 6));
  Halt(code);
  GuestRun run = Execute(code);
  EXPECT_EQ(run.state.status, RunStatus::kHalted);
  return run.state.exit_code;
}

TEST(ExecutorTest, DivisionAndRemainderEdgeCases) {
  const uint32_t kMin = 0x80000000u, kMinus1 = 0xffffffffu;
  EXPECT_EQ(BinaryOp(Opcode::kDiv, 7, 0), kMinus1);
  EXPECT_EQ(BinaryOp(Opcode::kDivu, 7, 0), kMinus1);
  EXPECT_EQ(BinaryOp(Opcode::kRem, 7, 0), 7u);
  EXPECT_EQ(BinaryOp(Opcode::kRemu, 7, 0), 7u);
  EXPECT_EQ(BinaryOp(Opcode::kDiv, kMin, kMinus1), kMin);
  EXPECT_EQ(BinaryOp(Opcode::kRem, kMin, kMinus1), 0u);
  EXPECT_EQ(BinaryOp(Opcode::kDiv, static_cast<uint32_t>(-7), 2), static_cast<uint32_t>(-3));
  EXPECT_EQ(BinaryOp(Opcode::kRem, static_cast<uint32_t>(-7), 2), static_cast<uint32_t>(-1));
  EXPECT_EQ(BinaryOp(Opcode::kDivu, kMin, 2), 0x40000000u);
  EXPECT_EQ(BinaryOp(Opcode::kRemu, kMinus1, 10), 5u);
}

TEST(ExecutorTest, MultiplyHighHalves) {
  const uint32_t kMin = 0x80000000u, kMinus1 = 0xffffffffu;
  EXPECT_EQ(BinaryOp(Opcode::kMul, 0x12345678, 0x9abcdef0), 0x12345678u * 0x9abcdef0u);
  EXPECT_EQ(BinaryOp(Opcode::kMulh, kMin, kMin), 0x40000000u);
  EXPECT_EQ(BinaryOp(Opcode::kMulh, kMinus1, kMinus1), 0u);
  EXPECT_EQ(BinaryOp(Opcode::kMulhu, kMinus1, kMinus1), 0xfffffffeu);
  EXPECT_EQ(BinaryOp(Opcode::kMulhsu, kMinus1, kMinus1), kMinus1);  // -1 * (2^32-1)
  EXPECT_EQ(BinaryOp(Opcode::kMulhsu, kMin, kMinus1), 0x80000000u);
  EXPECT_EQ(BinaryOp(Opcode::kMulhsu, 1, kMinus1), 0u);
}

TEST(ExecutorTest, ShiftsUseLowFiveBitsOfRs2) {
  EXPECT_EQ(BinaryOp(Opcode::kSll, 1, 33), 2u);
  EXPECT_EQ(BinaryOp(Opcode::kSrl, 0x80000000u, 63), 1u);
  EXPECT_EQ(BinaryOp(Opcode::kSra, 0x80000000u, 31 + 32), 0xffffffffu);
  EXPECT_EQ(BinaryOp(Opcode::kSra, 0x80000000u, 0), 0x80000000u);
  EXPECT_EQ(BinaryOp(Opcode::kSlt, 0xffffffffu, 0), 1u);
  EXPECT_EQ(BinaryOp(Opcode::kSltu, 0xffffffffu, 0), 0u);
}

TEST(ExecutorTest, WritesToX0AreIgnored) {
  std::vector<uint32_t> code;
  code.push_back(I(Opcode::kAddi, 0, 0, 5));
  Li(code, 0, 0x12345678);
  code.push_back(J(0, 4));  // jal x0 does not link
  code.push_back(R(Opcode::kAdd, 10, 0, 0));
  Halt(code);
  GuestRun run = Execute(code);
  EXPECT_EQ(run.state.status, RunStatus::kHalted);
  EXPECT_EQ(run.state.exit_code, 0u);
  EXPECT_EQ(run.state.regs[0], 0u);
}

TEST(ExecutorTest, LoadsSignAndZeroExtendEveryWidth) {
  std::vector<uint8_t> data = {0x81, 0xff, 0x7f, 0x80, 0, 0, 0, 0};
  struct Case {
    Opcode op;
    int32_t offset;
    uint32_t expected;
  } cases[] = {{Opcode::kLb, 0, 0xffffff81u}, {Opcode::kLbu, 0, 0x81u},
               {Opcode::kLb, 2, 0x7fu},       {Opcode::kLh, 0, 0xffffff81u},
               {Opcode::kLhu, 0, 0xff81u},    {Opcode::kLh, 2, 0xffff807fu},
               {Opcode::kLw, 0, 0x807fff81u}, {Opcode::kLhu, 2, 0x807fu}};
  for (const Case& c : cases) {
    std::vector<uint32_t> code;
    Li(code, 5, kData);
    code.push_back(I(c.op, 10, 5, c.offset));
    Halt(code);
    GuestRun run = Execute(code, data);
    EXPECT_EQ(run.state.exit_code, c.expected) << IsaInfo(c.op).mnemonic << " " << c.offset;
  }
}

TEST(ExecutorTest, StoresWriteOnlyTheirWidth) {
  std::vector<uint32_t> code;
  Li(code, 5, kData);
  Li(code, 6, 0xaabbccdd);
  code.push_back(S(Opcode::kSw, 6, 5, 0));
  Li(code, 7, 0x11223344);
  code.push_back(S(Opcode::kSb, 7, 5, 1));  // 0xaabb44dd
  code.push_back(S(Opcode::kSh, 7, 5, 2));  // 0x334444dd
  code.push_back(I(Opcode::kLw, 10, 5, 0));
  Halt(code);
  EXPECT_EQ(Execute(code).state.exit_code, 0x334444ddu);
}

Trap ExpectTrap(const std::vector<uint32_t>& code, TrapKind kind) {
  GuestRun run = Execute(code);
  EXPECT_EQ(run.state.status, RunStatus::kTrapped);
  EXPECT_EQ(run.state.trap.kind, kind) << DescribeTrap(run.state.trap);
  return run.state.trap;
}

TEST(ExecutorTest, TrapsAreTypedAndNameThePlace) {
  {
    Trap t = ExpectTrap({0xffffffffu}, TrapKind::kIllegalInstruction);
    EXPECT_EQ(t.pc, 0x10000u);
    EXPECT_EQ(DescribeTrap(t), "illegal instruction 0xffffffff at pc 0x10000");
  }
  ExpectTrap({0xc0001073u}, TrapKind::kIllegalInstruction);  // CSR access
  ExpectTrap({0x00100073u}, TrapKind::kEbreak);
  {
    std::vector<uint32_t> code;
    Li(code, 5, kData + 1);
    code.push_back(I(Opcode::kLw, 6, 5, 0));
    EXPECT_EQ(ExpectTrap(code, TrapKind::kMisalignedLoad).value, kData + 1);
  }
  {
    std::vector<uint32_t> code;
    Li(code, 5, kData + 2);
    code.push_back(S(Opcode::kSw, 6, 5, 0));
    ExpectTrap(code, TrapKind::kMisalignedStore);
    code.back() = S(Opcode::kSh, 6, 5, 1);
    ExpectTrap(code, TrapKind::kMisalignedStore);
  }
  {
    std::vector<uint32_t> code;
    code.push_back(I(Opcode::kLw, 6, 0, 0x100));  // guard region
    EXPECT_EQ(ExpectTrap(code, TrapKind::kLoadAccessFault).value, 0x100u);
  }
  {
    std::vector<uint32_t> code;
    Li(code, 5, abi::kReservedBase);
    code.push_back(S(Opcode::kSb, 6, 5, 0));
    ExpectTrap(code, TrapKind::kStoreAccessFault);
    code.back() = I(Opcode::kLbu, 6, 5, -1);  // last byte of the input region is fine
    Halt(code);
    EXPECT_EQ(Execute(code).state.status, RunStatus::kHalted);
  }
  {
    std::vector<uint32_t> code;
    Li(code, 5, 0x10000);
    code.push_back(S(Opcode::kSw, 0, 5, 0));
    EXPECT_EQ(ExpectTrap(code, TrapKind::kStoreToText).value, 0x10000u);
  }
  {
    std::vector<uint32_t> code;
    Li(code, 17, 12345);
    code.push_back(Ecall());
    Trap t = ExpectTrap(code, TrapKind::kUnknownSyscall);
    EXPECT_EQ(DescribeTrap(t), "unknown syscall 12345 at pc 0x10008");
  }
  ExpectTrap({B(Opcode::kBeq, 0, 0, 2)}, TrapKind::kMisalignedJump);
  ExpectTrap({J(0, 6)}, TrapKind::kMisalignedJump);
  ExpectTrap({J(0, 4096)}, TrapKind::kFetchOutOfText);
  ExpectTrap({I(Opcode::kJalr, 0, 0, 0)}, TrapKind::kFetchOutOfText);
  {
    std::vector<uint32_t> code;  // falls off the end of the text
    code.push_back(I(Opcode::kAddi, 5, 0, 1));
    EXPECT_EQ(ExpectTrap(code, TrapKind::kFetchOutOfText).pc, 0x10004u);
  }
}

TEST(ExecutorTest, StackOverflowIsReportedAtThePrologue) {
  // A frame that never returns: sp walks down 2 KiB per iteration until it leaves the stack.
  std::vector<uint32_t> code = {I(Opcode::kAddi, 2, 2, -2048), J(0, -4)};
  Trap t = ExpectTrap(code, TrapKind::kStackOverflow);
  EXPECT_EQ(t.pc, 0x10000u);
  EXPECT_LT(t.value, abi::kStackBottom);
  EXPECT_EQ(DescribeTrap(t).rfind("stack overflow: sp would move to 0xbefff", 0), 0u)
      << DescribeTrap(t);
  // The same through add and sub (frames larger than an addi immediate).
  code = {I(Opcode::kAddi, 5, 0, 1024), R(Opcode::kSub, 2, 2, 5), J(0, -4)};
  ExpectTrap(code, TrapKind::kStackOverflow);
  code = {I(Opcode::kAddi, 5, 0, -1024), R(Opcode::kAdd, 2, 2, 5), J(0, -4)};
  ExpectTrap(code, TrapKind::kStackOverflow);
  // A stack of the guest's own below the stack region (sp set from another register) is
  // allowed, and so is any use of sp inside the stack.
  code.clear();
  Li(code, 5, 0x01000000);
  code.push_back(I(Opcode::kAddi, 2, 5, 0));     // mv sp, t0
  code.push_back(I(Opcode::kAddi, 2, 2, -256));  // a frame on that stack
  code.push_back(S(Opcode::kSw, 2, 2, 0));
  Halt(code);
  EXPECT_EQ(Execute(code).state.status, RunStatus::kHalted);
}

TEST(ExecutorTest, WriteAppendsPublicOutputAndDebugText) {
  std::vector<uint8_t> data = {'h', 'i', '!', 0};
  std::vector<uint32_t> code;
  for (uint32_t fd : {1u, 2u, 1u}) {
    Li(code, 17, abi::kSysWrite);
    Li(code, 10, fd);
    Li(code, 11, kData);
    Li(code, 12, fd == 1 ? 3 : 2);
    code.push_back(Ecall());
  }
  code.push_back(I(Opcode::kAddi, 10, 10, 0));  // a0 = returned length (3)
  Halt(code);
  GuestRun run = Execute(code, data);
  EXPECT_EQ(run.state.status, RunStatus::kHalted);
  EXPECT_EQ(run.state.exit_code, 3u);
  EXPECT_EQ(std::string(run.state.public_output.begin(), run.state.public_output.end()), "hi!hi!");
  EXPECT_EQ(run.debug, "hi");
  EXPECT_EQ(run.state.syscalls.write, 3u);
  EXPECT_EQ(run.state.syscalls.public_output_bytes, 6u);
  EXPECT_EQ(run.state.syscalls.debug_bytes, 2u);
}

TEST(ExecutorTest, WriteRejectsBadFdAndBuffers) {
  auto write = [](uint32_t fd, uint32_t buf, uint32_t len) {
    std::vector<uint32_t> code;
    Li(code, 17, abi::kSysWrite);
    Li(code, 10, fd);
    Li(code, 11, buf);
    Li(code, 12, len);
    code.push_back(Ecall());
    Halt(code);
    return Execute(code).state;
  };
  EXPECT_EQ(write(3, kData, 1).trap.kind, TrapKind::kBadFileDescriptor);
  EXPECT_EQ(DescribeTrap(write(7, kData, 1).trap).rfind("WRITE to file descriptor 7 ", 0), 0u);
  EXPECT_EQ(write(1, 0x10, 4).trap.kind, TrapKind::kBadSyscallArgument);
  EXPECT_EQ(write(1, 0xdffffff0u, 0x20).trap.kind, TrapKind::kBadSyscallArgument);
  EXPECT_EQ(write(1, 0xfffffff0u, 0x20).trap.kind, TrapKind::kBadSyscallArgument);  // wraps
  EXPECT_EQ(write(1, 0, 0).status, RunStatus::kHalted);  // empty write is fine anywhere
}

TEST(ExecutorTest, KeccakSyscallPermutesInPlace) {
  std::vector<uint8_t> data(256);
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7 + 1);
  std::vector<uint32_t> code;
  Li(code, 17, abi::kSysKeccakF1600);
  Li(code, 10, kData + 8);
  code.push_back(Ecall());
  Li(code, 17, abi::kSysWrite);
  Li(code, 10, 1);
  Li(code, 11, kData);
  Li(code, 12, 256);
  code.push_back(Ecall());
  Li(code, 10, 0);
  Halt(code);
  GuestRun run = Execute(code, data);
  ASSERT_EQ(run.state.status, RunStatus::kHalted);
  uint64_t lanes[25];
  std::memcpy(lanes, data.data() + 8, 200);
  crypto::KeccakF1600(lanes);
  std::vector<uint8_t> expected = data;
  std::memcpy(expected.data() + 8, lanes, 200);
  EXPECT_EQ(run.state.public_output, expected);
  EXPECT_EQ(run.state.syscalls.keccak_f1600, 1u);

  const struct {
    uint32_t a0;
    TrapKind kind;
  } bad[] = {{kData + 4, TrapKind::kMisalignedKeccakState},
             {0x8u, TrapKind::kKeccakStateOutOfRange},         // guard
             {0xdfffff40u, TrapKind::kKeccakStateOutOfRange},  // runs into the reserved region
             {0xfffffff8u, TrapKind::kKeccakStateOutOfRange},  // reserved, would wrap
             {0x10000u, TrapKind::kKeccakStateOutOfRange}};    // the executable range
  for (const auto& b : bad) {
    std::vector<uint32_t> c;
    Li(c, 17, abi::kSysKeccakF1600);
    Li(c, 10, b.a0);
    c.push_back(Ecall());
    Halt(c);
    const MachineState st = Execute(c, data).state;
    EXPECT_EQ(st.trap.kind, b.kind) << std::hex << b.a0;
    EXPECT_EQ(st.trap.value, b.a0);
  }
  // The largest state that still fits below the reserved region is fine.
  {
    std::vector<uint32_t> c;
    Li(c, 17, abi::kSysKeccakF1600);
    Li(c, 10, abi::kReservedBase - abi::kKeccakStateBytes);
    c.push_back(Ecall());
    Halt(c);
    EXPECT_EQ(Execute(c, data).state.status, RunStatus::kHalted);
  }
}

std::vector<uint32_t> Poseidon2Call(uint32_t a0) {
  std::vector<uint32_t> c;
  Li(c, 17, abi::kSysPoseidon2);
  Li(c, 10, a0);
  c.push_back(Ecall());
  return c;
}

TEST(ExecutorTest, Poseidon2SyscallGivesTheReferenceKnownAnswer) {
  // The reference vector (crypto/hash/poseidon2_test.cc): the permutation of 0..11.
  static constexpr uint64_t kExpected[12] = {
      0x01EA'EF96'BDF1'C0C1ull, 0x1F0D'2CC5'25B2'540Cull, 0x6282'C1DF'E1E0'358Dull,
      0xE780'D721'F698'E1E6ull, 0x280C'0B6F'753D'833Bull, 0x1B94'2DD5'0231'56ABull,
      0x43F0'DF3F'CCCB'8398ull, 0xE8E8'1905'8548'9025ull, 0x56BD'BF72'F77A'DA22ull,
      0x7911'C32B'F9DC'D705ull, 0xEC46'7926'508F'BE67ull, 0x6A50'450D'DF85'A6EDull};
  std::vector<uint8_t> data(8 + 96 + 8, 0xAB);
  for (uint64_t i = 0; i < 12; ++i) std::memcpy(data.data() + 8 + 8 * i, &i, 8);
  std::vector<uint32_t> code = Poseidon2Call(kData + 8);
  Li(code, 17, abi::kSysWrite);
  Li(code, 10, 1);
  Li(code, 11, kData);
  Li(code, 12, static_cast<uint32_t>(data.size()));
  code.push_back(Ecall());
  Li(code, 10, 0);
  Halt(code);
  GuestRun run = Execute(code, data);
  ASSERT_EQ(run.state.status, RunStatus::kHalted) << DescribeTrap(run.state.trap);
  std::vector<uint8_t> expected = data;  // the bytes around the state are untouched
  std::memcpy(expected.data() + 8, kExpected, 96);
  EXPECT_EQ(run.state.public_output, expected);
  EXPECT_EQ(run.state.syscalls.poseidon2, 1u);
  EXPECT_EQ(run.state.syscalls.total(), 3u);
}

TEST(ExecutorTest, Poseidon2SyscallTrapsOnBadStates) {
  std::vector<uint8_t> data(128, 0);
  const struct {
    uint32_t a0;
    TrapKind kind;
    const char* says;
  } bad[] = {
      {kData + 4, TrapKind::kMisalignedPoseidon2State, "is not 8-byte aligned"},
      {0x8u, TrapKind::kPoseidon2StateOutOfRange, "is not inside writable memory"},  // guard
      {abi::kReservedBase - 88, TrapKind::kPoseidon2StateOutOfRange,
       "is not inside writable memory"},  // runs into the reserved region
      {0xfffffff8u, TrapKind::kPoseidon2StateOutOfRange, "is not inside writable memory"},
      {0x10000u, TrapKind::kPoseidon2StateOutOfRange, "is not inside writable memory"},  // text
  };
  for (const auto& b : bad) {
    std::vector<uint32_t> c = Poseidon2Call(b.a0);
    Halt(c);
    const MachineState st = Execute(c, data).state;
    ASSERT_EQ(st.status, RunStatus::kTrapped) << std::hex << b.a0;
    EXPECT_EQ(st.trap.kind, b.kind) << std::hex << b.a0;
    EXPECT_EQ(st.trap.value, b.a0);
    const std::string message = DescribeTrap(st.trap);
    EXPECT_NE(message.find(b.says), std::string::npos) << message;
    EXPECT_NE(message.find(fmt::format("{:#x}", b.a0)), std::string::npos) << message;
  }
  // The largest state that still fits below the reserved region is fine.
  {
    std::vector<uint32_t> c = Poseidon2Call(abi::kReservedBase - abi::kPoseidon2StateBytes);
    Halt(c);
    EXPECT_EQ(Execute(c, data).state.status, RunStatus::kHalted);
  }
  // A non-canonical element traps, naming its index and address; p - 1 (the largest canonical
  // value, lo = 0 and hi = 0xFFFF_FFFF) is fine, and memory is left unchanged by the trap.
  const uint64_t p = crypto::Felt::kModulus;
  for (const uint64_t v : {p, p + 1, ~uint64_t{0}, p - 1}) {
    for (const uint32_t index : {0u, 7u, 11u}) {
      std::vector<uint8_t> d(96, 0);
      std::memcpy(d.data() + 8 * index, &v, 8);
      std::vector<uint32_t> c = Poseidon2Call(kData);
      Halt(c);
      const MachineState st = Execute(c, d).state;
      if (v == p - 1) {
        EXPECT_EQ(st.status, RunStatus::kHalted) << DescribeTrap(st.trap);
        continue;
      }
      ASSERT_EQ(st.status, RunStatus::kTrapped);
      EXPECT_EQ(st.trap.kind, TrapKind::kPoseidon2NonCanonical);
      EXPECT_EQ(st.trap.index, index);
      const std::string message = DescribeTrap(st.trap);
      EXPECT_NE(message.find(fmt::format("input element {} at {:#x}", index, kData + 8 * index)),
                std::string::npos)
          << message;
      EXPECT_NE(message.find("not a canonical Goldilocks element"), std::string::npos) << message;
      EXPECT_EQ(st.syscalls.poseidon2, 0u);
    }
  }
}

TEST(ExecutorTest, CycleLimitStopsInfiniteLoops) {
  GuestRun run = Execute({J(0, 0)}, {}, {}, 1000);
  EXPECT_EQ(run.state.status, RunStatus::kCycleLimit);
  EXPECT_EQ(run.state.cycle, 1000u);
}

TEST(ExecutorTest, PrivateInputHasHeaderAndAlignedPayload) {
  std::vector<uint8_t> input = {1, 2, 3, 4, 5};
  std::vector<uint32_t> code;
  Li(code, 5, abi::kInputBase);
  code.push_back(I(Opcode::kLw, 6, 5, 0));    // length
  code.push_back(I(Opcode::kLw, 7, 5, 4));    // reserved, zero
  code.push_back(I(Opcode::kLw, 8, 5, 16));   // payload word 0
  code.push_back(I(Opcode::kLbu, 9, 5, 20));  // payload byte 4
  code.push_back(R(Opcode::kAdd, 10, 6, 7));
  code.push_back(R(Opcode::kAdd, 10, 10, 9));
  code.push_back(R(Opcode::kXor, 10, 10, 8));
  Halt(code);
  GuestRun run = Execute(code, {}, input);
  EXPECT_EQ(run.state.exit_code, (5u + 5u) ^ 0x04030201u);
  EXPECT_EQ(run.state.regs[2], abi::kStackTop);
}

TEST(ExecutorTest, OversizedPrivateInputIsRejected) {
  Memory memory;
  std::vector<uint8_t> too_big(abi::kMaxInputPayload + size_t{1});
  Status s = LoadPrivateInput(memory, too_big);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("private input is 536870897 bytes"), std::string::npos) << s.message();
}

std::vector<uint32_t> CountingLoop() {
  // Sums 1..100 into a0 with loads and stores on the way, writes it, halts.
  std::vector<uint32_t> code;
  Li(code, 5, 100);
  Li(code, 6, kData);
  code.push_back(I(Opcode::kAddi, 0, 0, 7));  // step marker 7
  code.push_back(R(Opcode::kAdd, 10, 10, 5));
  code.push_back(S(Opcode::kSw, 10, 6, 0));
  code.push_back(I(Opcode::kLhu, 7, 6, 2));
  code.push_back(I(Opcode::kAddi, 5, 5, -1));
  code.push_back(B(Opcode::kBne, 5, 0, -16));
  code.push_back(I(Opcode::kAddi, 0, 0, 9));  // step marker 9
  Li(code, 17, abi::kSysWrite);
  Li(code, 11, kData);
  Li(code, 12, 4);
  code.push_back(I(Opcode::kAddi, 10, 0, 1));
  code.push_back(Ecall());
  code.push_back(I(Opcode::kLw, 10, 6, 0));
  Halt(code);
  return code;
}

TEST(ExecutorTest, LogsRecordEveryStep) {
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes(CountingLoop()), 0, 5});
  spec.segments.push_back({kData, std::vector<uint8_t>(16), 0, 6});
  auto program = LoadElf(testing::BuildElf(spec));
  ASSERT_TRUE(program.ok());
  auto ex = Executor::Create(*program, {});
  ExecutionLog log;
  const MachineState& st = ex->Run({.log = &log});
  ASSERT_EQ(st.status, RunStatus::kHalted);
  EXPECT_EQ(st.exit_code, 5050u);
  ASSERT_EQ(log.steps.size(), st.cycle);
  for (size_t i = 0; i + 1 < log.steps.size(); ++i) {
    ASSERT_EQ(log.steps[i].next_pc, log.steps[i + 1].pc) << i;
  }
  // The first store: sw a0 (=100) to kData.
  const StepRecord& store = log.steps[6];
  EXPECT_EQ(store.pc, 0x10000u + 4 * 6);
  EXPECT_EQ(store.mem_addr, kData);
  EXPECT_EQ(store.mem_before, 0u);
  EXPECT_EQ(store.mem_after, 100u);
  EXPECT_EQ(store.rd_value, 0u);
  ASSERT_EQ(log.syscalls.size(), 2u);
  EXPECT_EQ(log.syscalls[0].number, abi::kSysWrite);
  EXPECT_EQ(log.syscalls[0].data_size, 4u);
  EXPECT_EQ(log.syscalls[1].number, abi::kSysHalt);
  EXPECT_EQ(log.syscalls[1].result, 5050u);
  EXPECT_EQ(log.steps.back().mem_addr, 1u);  // index of the HALT record
}

TEST(ExecutorTest, SnapshotResumeReproducesLogsAtEveryStep) {
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes(CountingLoop()), 0, 5});
  spec.segments.push_back({kData, std::vector<uint8_t>(16), 0, 6});
  auto program = LoadElf(testing::BuildElf(spec));
  ASSERT_TRUE(program.ok());
  ExecutionLog full;
  auto reference = Executor::Create(*program, {});
  const uint64_t total = reference->Run({.log = &full}).cycle;
  for (uint64_t at = 0; at <= total; ++at) {
    auto ex = Executor::Create(*program, {});
    ex->Run({.stop_at_cycle = at});
    ASSERT_EQ(ex->state().cycle, at);
    auto bytes = ex->TakeSnapshot().Serialize();
    auto snapshot = Snapshot::Deserialize(bytes);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    auto resumed = Executor::Resume(*program, *snapshot);
    ASSERT_TRUE(resumed.ok());
    ExecutionLog tail;
    const MachineState& st = resumed->Run({.log = &tail});
    EXPECT_EQ(st.status, RunStatus::kHalted);
    EXPECT_EQ(st.exit_code, 5050u);
    EXPECT_EQ(tail.first_cycle, at);
    const size_t skip = at * sizeof(StepRecord);
    ASSERT_EQ(tail.StepBytes().size(), full.StepBytes().size() - skip);
    EXPECT_TRUE(std::equal(tail.StepBytes().begin(), tail.StepBytes().end(),
                           full.StepBytes().begin() + static_cast<std::ptrdiff_t>(skip)))
        << "at cycle " << at;
    const size_t skip_sys = tail.first_syscall * sizeof(SyscallRecord);
    ASSERT_EQ(tail.SyscallBytes().size(), full.SyscallBytes().size() - skip_sys);
    EXPECT_TRUE(std::equal(tail.SyscallBytes().begin(), tail.SyscallBytes().end(),
                           full.SyscallBytes().begin() + static_cast<std::ptrdiff_t>(skip_sys)));
  }
  EXPECT_EQ(full.syscalls.size(), 2u);
}

TEST(ExecutorTest, SnapshotDeserializeRejectsCorruption) {
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes(CountingLoop()), 0, 5});
  auto program = LoadElf(testing::BuildElf(spec));
  ASSERT_TRUE(program.ok());
  auto ex = Executor::Create(*program, {});
  ex->Run({.stop_at_cycle = 10});
  const std::vector<uint8_t> good = ex->TakeSnapshot().Serialize();
  ASSERT_TRUE(Snapshot::Deserialize(good).ok());
  for (size_t cut = 0; cut < good.size(); cut += 97) {
    auto r = Snapshot::Deserialize(std::span(good).first(cut));
    EXPECT_FALSE(r.ok()) << "truncated at " << cut;
  }
  std::vector<uint8_t> extra = good;
  extra.push_back(0);
  EXPECT_FALSE(Snapshot::Deserialize(extra).ok());
  std::vector<uint8_t> bad_magic = good;
  bad_magic[0] ^= 1;
  EXPECT_EQ(Snapshot::Deserialize(bad_magic).error().message, "not a zkvm snapshot (bad magic)");
  // A snapshot of another program is refused.
  auto other = LoadElf(testing::BuildCodeElf({0x00000013, 0x00000013}));
  auto snap = Snapshot::Deserialize(good);
  EXPECT_FALSE(Executor::Resume(*other, *snap).ok());
}

TEST(ProfilerTest, CyclesAreAttributedToTheLatestMarker) {
  testing::ElfSpec spec;
  spec.segments.push_back({0x10000, testing::WordBytes(CountingLoop()), 0, 5});
  spec.segments.push_back({kData, std::vector<uint8_t>(16), 0, 6});
  auto program = LoadElf(testing::BuildElf(spec));
  ASSERT_TRUE(program.ok());
  auto ex = Executor::Create(*program, {});
  Profile profile(*program);
  const MachineState& st = ex->Run({.profile = &profile});
  ASSERT_EQ(st.status, RunStatus::kHalted);
  const Profile::Report report = profile.Summarize(25);
  EXPECT_EQ(report.total_cycles, st.cycle);
  ASSERT_EQ(report.steps.size(), 3u);
  EXPECT_EQ(report.steps[0].marker, 0);
  EXPECT_EQ(report.steps[0].cycles, 4u);  // the two li before marker 7
  EXPECT_EQ(report.steps[1].marker, 7);
  EXPECT_EQ(report.steps[1].cycles, 1u + 5 * 100);
  EXPECT_EQ(report.steps[2].marker, 9);
  ASSERT_EQ(report.transitions.size(), 2u);
  EXPECT_EQ(report.transitions[0], std::make_pair(7, uint64_t{4}));
}

}  // namespace
}  // namespace zkvm::executor
