#include "executor/executor.h"

#include <cstring>

#include "crypto/hash/keccak.h"
#include "crypto/hash/poseidon2.h"
#include "executor/profiler.h"
#include "syscalls/abi.h"

namespace zkvm::executor {
namespace {

// True when [address, address + size) touches the guard or reserved region (or wraps).
inline bool OutsideRam(uint32_t address, uint32_t size) {
  return address < abi::kGuardEnd || uint64_t{address} + size > abi::kReservedBase;
}

inline uint32_t Load32(const uint8_t* base, uint32_t address) {
  uint32_t v;
  std::memcpy(&v, base + address, 4);
  return v;
}

inline uint16_t Load16(const uint8_t* base, uint32_t address) {
  uint16_t v;
  std::memcpy(&v, base + address, 2);
  return v;
}

inline uint32_t LoadAligned(const uint8_t* base, uint32_t address) {
  return Load32(base, address & ~3u);
}

}  // namespace

Status LoadPrivateInput(Memory& memory, std::span<const uint8_t> input) {
  if (input.size() > abi::kMaxInputPayload) {
    return MakeError("private input is {} bytes; the region holds at most {} bytes", input.size(),
                     abi::kMaxInputPayload);
  }
  uint8_t header[abi::kInputHeaderSize] = {};
  const uint32_t length = static_cast<uint32_t>(input.size());
  std::memcpy(header, &length, 4);
  memory.Write(abi::kInputBase, header);
  memory.Write(abi::kInputPayload, input);
  return {};
}

Executor::Executor(const Program& program) : program_(&program), code_(BuildCode(program)) {}

Result<Executor> Executor::Create(const Program& program, std::span<const uint8_t> input) {
  Executor ex(program);
  for (const Segment& seg : program.segments) {
    ex.memory_.Write(seg.vaddr, seg.data);
    ex.memory_.MarkTouched(seg.vaddr, seg.mem_size);
  }
  if (Status s = LoadPrivateInput(ex.memory_, input); !s) return Error{s.message()};
  ex.state_.pc = program.entry;
  ex.state_.regs[2] = abi::kStackTop;
  return ex;
}

Result<Executor> Executor::Resume(const Program& program, const Snapshot& snapshot) {
  if (snapshot.elf_digest != program.elf_digest) {
    return MakeError("snapshot was taken from a different program (ELF digest mismatch)");
  }
  if (snapshot.page_data.size() != snapshot.page_indices.size() * kPageSize) {
    return MakeError("snapshot page data has {} bytes for {} pages", snapshot.page_data.size(),
                     snapshot.page_indices.size());
  }
  Executor ex(program);
  for (size_t i = 0; i < snapshot.page_indices.size(); ++i) {
    if (snapshot.page_indices[i] >= kNumPages) {
      return MakeError("snapshot page index {} out of range", snapshot.page_indices[i]);
    }
    ex.memory_.Write(snapshot.page_indices[i] << kPageBits,
                     std::span(snapshot.page_data).subspan(i * kPageSize, kPageSize));
  }
  ex.state_ = snapshot.state;
  ex.state_.regs[0] = 0;
  return ex;
}

Snapshot Executor::TakeSnapshot() const {
  Snapshot snap;
  snap.elf_digest = program_->elf_digest;
  snap.state = state_;
  const auto& touched = memory_.touched_pages();
  for (uint32_t p = 0; p < kNumPages; ++p) {
    if (!touched[p]) continue;
    snap.page_indices.push_back(p);
    const uint8_t* page = memory_.base() + (size_t{p} << kPageBits);
    snap.page_data.insert(snap.page_data.end(), page, page + kPageSize);
  }
  return snap;
}

void Executor::DebugWrite(std::string_view text) {
  if (debug_sink_) {
    debug_sink_(text);
  } else {
    debug_output_.append(text);
  }
}

bool Executor::CheckRange(uint32_t address, uint64_t size, bool write) const {
  if (size == 0) return true;
  if (address < abi::kGuardEnd || uint64_t{address} + size > abi::kReservedBase) return false;
  if (write && address < program_->text_end && uint64_t{address} + size > program_->text_begin) {
    return false;
  }
  return true;
}

template <bool kLog>
bool Executor::Syscall(ExecutionLog* log, StepRecord* record) {
  uint32_t* x = state_.regs.data();
  const uint32_t number = x[17];
  const uint32_t a0 = x[10], a1 = x[11], a2 = x[12];
  SyscallRecord sys{};
  if constexpr (kLog) {
    sys.cycle = state_.cycle;
    sys.number = number;
    sys.args[0] = a0;
    sys.args[1] = a1;
    sys.args[2] = a2;
    sys.data_offset = state_.syscalls.log_data_bytes;
    record->rs1_value = number;
    record->rs2_value = a0;
    record->mem_addr = static_cast<uint32_t>(state_.syscalls.total());
  }
  auto trap = [&](TrapKind kind, uint32_t value) {
    state_.status = RunStatus::kTrapped;
    state_.trap = Trap{kind, state_.pc, value};
    return false;
  };
  uint8_t* mem = memory_.base();
  bool keep_running = true;
  switch (number) {
    case abi::kSysHalt:
      state_.syscalls.halt++;
      state_.status = RunStatus::kHalted;
      state_.exit_code = a0;
      sys.result = a0;
      keep_running = false;
      break;
    case abi::kSysWrite: {
      if (a0 != abi::kFdPublicOutput && a0 != abi::kFdDebug) {
        return trap(TrapKind::kBadFileDescriptor, a0);
      }
      if (!CheckRange(a1, a2, /*write=*/false)) return trap(TrapKind::kBadSyscallArgument, a1);
      std::span<const uint8_t> bytes(mem + a1, a2);
      state_.syscalls.write++;
      if (a0 == abi::kFdPublicOutput) {
        state_.public_output.insert(state_.public_output.end(), bytes.begin(), bytes.end());
        state_.syscalls.public_output_bytes += a2;
      } else {
        state_.syscalls.debug_bytes += a2;
        DebugWrite(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      }
      if constexpr (kLog) {
        log->syscall_data.insert(log->syscall_data.end(), bytes.begin(), bytes.end());
        sys.data_size = a2;
      }
      state_.syscalls.log_data_bytes += a2;
      x[10] = a2;
      sys.result = a2;
      break;
    }
    case abi::kSysKeccakF1600: {
      if (a0 % 8 != 0) return trap(TrapKind::kMisalignedKeccakState, a0);
      if (!CheckRange(a0, abi::kKeccakStateBytes, /*write=*/true)) {
        return trap(TrapKind::kKeccakStateOutOfRange, a0);
      }
      uint64_t lanes[25];
      std::memcpy(lanes, mem + a0, sizeof(lanes));
      if constexpr (kLog) {
        log->syscall_data.insert(log->syscall_data.end(), mem + a0, mem + a0 + sizeof(lanes));
      }
      crypto::KeccakF1600(lanes);
      std::memcpy(mem + a0, lanes, sizeof(lanes));
      memory_.MarkTouched(a0, sizeof(lanes));
      if constexpr (kLog) {
        log->syscall_data.insert(log->syscall_data.end(), mem + a0, mem + a0 + sizeof(lanes));
        sys.data_size = 2 * sizeof(lanes);
      }
      state_.syscalls.log_data_bytes += 2 * sizeof(lanes);
      state_.syscalls.keccak_f1600++;
      sys.result = a0;
      break;
    }
    case abi::kSysPoseidon2: {
      if (a0 % 8 != 0) return trap(TrapKind::kMisalignedPoseidon2State, a0);
      if (!CheckRange(a0, abi::kPoseidon2StateBytes, /*write=*/true)) {
        return trap(TrapKind::kPoseidon2StateOutOfRange, a0);
      }
      crypto::Felt elements[abi::kPoseidon2StateElements];
      for (uint32_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
        uint64_t v;
        std::memcpy(&v, mem + a0 + 8 * i, 8);
        if (v >= crypto::Felt::kModulus) {
          trap(TrapKind::kPoseidon2NonCanonical, a0);
          state_.trap.index = i;
          return false;
        }
        elements[i] = crypto::Felt::FromCanonical(v);
      }
      if constexpr (kLog) {
        log->syscall_data.insert(log->syscall_data.end(), mem + a0,
                                 mem + a0 + abi::kPoseidon2StateBytes);
      }
      crypto::Poseidon2Permute(elements);
      for (uint32_t i = 0; i < abi::kPoseidon2StateElements; ++i) {
        const uint64_t v = elements[i].value();
        std::memcpy(mem + a0 + 8 * i, &v, 8);
      }
      memory_.MarkTouched(a0, abi::kPoseidon2StateBytes);
      if constexpr (kLog) {
        log->syscall_data.insert(log->syscall_data.end(), mem + a0,
                                 mem + a0 + abi::kPoseidon2StateBytes);
        sys.data_size = 2 * abi::kPoseidon2StateBytes;
      }
      state_.syscalls.log_data_bytes += 2 * abi::kPoseidon2StateBytes;
      state_.syscalls.poseidon2++;
      sys.result = a0;
      break;
    }
    default:
      return trap(TrapKind::kUnknownSyscall, number);
  }
  if constexpr (kLog) {
    record->rd_value = x[10];
    log->syscalls.push_back(sys);
  }
  return keep_running;
}

// The executor's own copy of the decoded program: rd = kNoRd (a scratch register slot) for
// instructions that write no register and for writes to x0, so the loop stores rd
// unconditionally and x0 stays 0 without a store per step; and one trailing sentinel entry, so
// running off the end of the text needs no bounds check per step.
constexpr uint8_t kNoRd = 32;

std::vector<Instruction> Executor::BuildCode(const Program& program) {
  std::vector<Instruction> code(program.decoded.begin(), program.decoded.end());
  for (Instruction& insn : code) {
    if (insn.rd == 0) insn.rd = kNoRd;
  }
  code.push_back(Instruction{});  // sentinel: kIllegal at text_end
  return code;
}

// The interpreter loop. Registers, pc and the position in the decoded code live in locals for
// speed and are written back to state_ whenever the loop exits or calls out (syscalls).
template <bool kLog, bool kProfile>
void Executor::RunLoop(uint64_t budget, ExecutionLog* log, Profile* profile) {
  const Instruction* const code = code_.data();
  const Instruction* const sentinel = code + (code_.size() - 1);
  const uint32_t text_begin = program_->text_begin;
  const uint32_t text_end = program_->text_end;
  const uint32_t text_bytes = text_end - text_begin;
  uint8_t* const mem = memory_.base();
  uint8_t* const touched = memory_.touched();
  uint32_t x[33];  // x0..x31 and the kNoRd scratch slot
  std::memcpy(x, state_.regs.data(), 32 * sizeof(uint32_t));
  uint32_t pc = state_.pc;
  // pc is always 4-aligned here: every jump checks its target.
  const Instruction* ip = pc - text_begin < text_bytes ? code + ((pc - text_begin) >> 2) : sentinel;
  const uint64_t start_cycle = state_.cycle;
  uint64_t remaining = budget;
  uint64_t* counters = kProfile ? profile->counters() : nullptr;

  auto stop_trap = [&](TrapKind kind, uint32_t value) {
    state_.status = RunStatus::kTrapped;
    state_.trap = Trap{kind, pc, value};
  };
  auto locate = [&](uint32_t target) {
    return target - text_begin < text_bytes ? code + ((target - text_begin) >> 2) : sentinel;
  };

  while (remaining != 0) {
    const Instruction insn = *ip;
    if constexpr (kProfile) {
      if (insn.opcode == Opcode::kAddi && insn.rd == kNoRd && insn.rs1 == 0 && insn.imm != 0) {
        profile->EnterStep(insn.imm, start_cycle + (budget - remaining));
        counters = profile->counters();
      }
      if (ip != sentinel) counters[ip - code]++;
    }
    const uint32_t rs1 = x[insn.rs1];
    const uint32_t rs2 = x[insn.rs2];
    const uint32_t imm = static_cast<uint32_t>(insn.imm);
    uint32_t next_pc = pc + 4;
    const Instruction* next_ip = ip + 1;
    uint32_t rd_value = 0;
    [[maybe_unused]] uint32_t mem_addr = 0, mem_before = 0, mem_after = 0;
    [[maybe_unused]] StepRecord record;

#define ZKVM_LOAD(width_check, expr)                \
  {                                                 \
    const uint32_t a = rs1 + imm;                   \
    if (a & (width_check)) [[unlikely]] {           \
      stop_trap(TrapKind::kMisalignedLoad, a);      \
      goto stop;                                    \
    }                                               \
    if (OutsideRam(a, 1)) [[unlikely]] {            \
      stop_trap(TrapKind::kLoadAccessFault, a);     \
      goto stop;                                    \
    }                                               \
    rd_value = (expr);                              \
    if constexpr (kLog) {                           \
      mem_addr = a;                                 \
      mem_before = mem_after = LoadAligned(mem, a); \
    }                                               \
  }
#define ZKVM_STORE(width_check, type)                    \
  {                                                      \
    const uint32_t a = rs1 + imm;                        \
    if (a & (width_check)) [[unlikely]] {                \
      stop_trap(TrapKind::kMisalignedStore, a);          \
      goto stop;                                         \
    }                                                    \
    if (OutsideRam(a, 1)) [[unlikely]] {                 \
      stop_trap(TrapKind::kStoreAccessFault, a);         \
      goto stop;                                         \
    }                                                    \
    if (a - text_begin < text_bytes) [[unlikely]] {      \
      stop_trap(TrapKind::kStoreToText, a);              \
      goto stop;                                         \
    }                                                    \
    if constexpr (kLog) {                                \
      mem_addr = a;                                      \
      mem_before = LoadAligned(mem, a);                  \
    }                                                    \
    const type v = static_cast<type>(rs2);               \
    std::memcpy(mem + a, &v, sizeof(type));              \
    touched[a >> kPageBits] = 1;                         \
    if constexpr (kLog) mem_after = LoadAligned(mem, a); \
  }
#define ZKVM_JUMP(target_expr)                      \
  {                                                 \
    const uint32_t target = (target_expr);          \
    if (target & 3) [[unlikely]] {                  \
      stop_trap(TrapKind::kMisalignedJump, target); \
      goto stop;                                    \
    }                                               \
    next_pc = target;                               \
    next_ip = locate(target);                       \
  }
#define ZKVM_BRANCH(condition) \
  if (condition) ZKVM_JUMP(pc + imm)
// `sp = sp +/- x` leaving the stack downwards (abi.h: kStackBottom). Only arithmetic on sp
// itself counts, so a guest may still switch stacks by setting sp from another register.
#define ZKVM_CHECK_STACK()                                                                       \
  if (insn.rd == 2 && insn.rs1 == 2 && rd_value < abi::kStackBottom && rs1 >= abi::kStackBottom) \
      [[unlikely]] {                                                                             \
    stop_trap(TrapKind::kStackOverflow, rd_value);                                               \
    goto stop;                                                                                   \
  }

    switch (insn.opcode) {
      case Opcode::kLui:
        rd_value = imm;
        break;
      case Opcode::kAuipc:
        rd_value = pc + imm;
        break;
      case Opcode::kJal:
        ZKVM_JUMP(pc + imm)
        rd_value = pc + 4;
        break;
      case Opcode::kJalr:
        ZKVM_JUMP((rs1 + imm) & ~1u)
        rd_value = pc + 4;
        break;
      case Opcode::kBeq:
        ZKVM_BRANCH(rs1 == rs2) break;
      case Opcode::kBne:
        ZKVM_BRANCH(rs1 != rs2) break;
      case Opcode::kBlt:
        ZKVM_BRANCH(static_cast<int32_t>(rs1) < static_cast<int32_t>(rs2)) break;
      case Opcode::kBge:
        ZKVM_BRANCH(static_cast<int32_t>(rs1) >= static_cast<int32_t>(rs2)) break;
      case Opcode::kBltu:
        ZKVM_BRANCH(rs1 < rs2) break;
      case Opcode::kBgeu:
        ZKVM_BRANCH(rs1 >= rs2) break;
      case Opcode::kLb:
        ZKVM_LOAD(0, static_cast<uint32_t>(static_cast<int8_t>(mem[a]))) break;
      case Opcode::kLbu:
        ZKVM_LOAD(0, mem[a]) break;
      case Opcode::kLh:
        ZKVM_LOAD(1, static_cast<uint32_t>(static_cast<int16_t>(Load16(mem, a)))) break;
      case Opcode::kLhu:
        ZKVM_LOAD(1, Load16(mem, a)) break;
      case Opcode::kLw:
        ZKVM_LOAD(3, Load32(mem, a)) break;
      case Opcode::kSb:
        ZKVM_STORE(0, uint8_t) break;
      case Opcode::kSh:
        ZKVM_STORE(1, uint16_t) break;
      case Opcode::kSw:
        ZKVM_STORE(3, uint32_t) break;
      case Opcode::kAddi:
        rd_value = rs1 + imm;
        ZKVM_CHECK_STACK();
        break;
      case Opcode::kSlti:
        rd_value = static_cast<int32_t>(rs1) < static_cast<int32_t>(imm);
        break;
      case Opcode::kSltiu:
        rd_value = rs1 < imm;
        break;
      case Opcode::kXori:
        rd_value = rs1 ^ imm;
        break;
      case Opcode::kOri:
        rd_value = rs1 | imm;
        break;
      case Opcode::kAndi:
        rd_value = rs1 & imm;
        break;
      case Opcode::kSlli:
        rd_value = rs1 << imm;
        break;
      case Opcode::kSrli:
        rd_value = rs1 >> imm;
        break;
      case Opcode::kSrai:
        rd_value = static_cast<uint32_t>(static_cast<int32_t>(rs1) >> imm);
        break;
      case Opcode::kAdd:
        rd_value = rs1 + rs2;
        ZKVM_CHECK_STACK();
        break;
      case Opcode::kSub:
        rd_value = rs1 - rs2;
        ZKVM_CHECK_STACK();
        break;
      case Opcode::kSll:
        rd_value = rs1 << (rs2 & 31);
        break;
      case Opcode::kSlt:
        rd_value = static_cast<int32_t>(rs1) < static_cast<int32_t>(rs2);
        break;
      case Opcode::kSltu:
        rd_value = rs1 < rs2;
        break;
      case Opcode::kXor:
        rd_value = rs1 ^ rs2;
        break;
      case Opcode::kSrl:
        rd_value = rs1 >> (rs2 & 31);
        break;
      case Opcode::kSra:
        rd_value = static_cast<uint32_t>(static_cast<int32_t>(rs1) >> (rs2 & 31));
        break;
      case Opcode::kOr:
        rd_value = rs1 | rs2;
        break;
      case Opcode::kAnd:
        rd_value = rs1 & rs2;
        break;
      case Opcode::kFence:
        break;
      case Opcode::kMul:
        rd_value = rs1 * rs2;
        break;
      case Opcode::kMulh:
        rd_value = static_cast<uint32_t>(
            (int64_t{static_cast<int32_t>(rs1)} * int64_t{static_cast<int32_t>(rs2)}) >> 32);
        break;
      case Opcode::kMulhsu:
        rd_value = static_cast<uint32_t>(
            (int64_t{static_cast<int32_t>(rs1)} * static_cast<int64_t>(uint64_t{rs2})) >> 32);
        break;
      case Opcode::kMulhu:
        rd_value = static_cast<uint32_t>((uint64_t{rs1} * rs2) >> 32);
        break;
      case Opcode::kDiv:
        if (rs2 == 0) {
          rd_value = UINT32_MAX;  // division by zero: -1
        } else if (rs1 == 0x80000000u && rs2 == UINT32_MAX) {
          rd_value = 0x80000000u;  // INT_MIN / -1 overflows to INT_MIN
        } else {
          rd_value = static_cast<uint32_t>(static_cast<int32_t>(rs1) / static_cast<int32_t>(rs2));
        }
        break;
      case Opcode::kDivu:
        rd_value = rs2 == 0 ? UINT32_MAX : rs1 / rs2;
        break;
      case Opcode::kRem:
        if (rs2 == 0) {
          rd_value = rs1;  // remainder of division by zero: the dividend
        } else if (rs1 == 0x80000000u && rs2 == UINT32_MAX) {
          rd_value = 0;  // INT_MIN % -1
        } else {
          rd_value = static_cast<uint32_t>(static_cast<int32_t>(rs1) % static_cast<int32_t>(rs2));
        }
        break;
      case Opcode::kRemu:
        rd_value = rs2 == 0 ? rs1 : rs1 % rs2;
        break;
      case Opcode::kEcall: {
        std::memcpy(state_.regs.data(), x, 32 * sizeof(uint32_t));
        state_.pc = pc;
        state_.cycle = start_cycle + (budget - remaining);
        const bool keep_running = Syscall<kLog>(log, &record);
        std::memcpy(x, state_.regs.data(), 32 * sizeof(uint32_t));
        if (state_.status == RunStatus::kTrapped) goto stop;
        if constexpr (kLog) {
          record.pc = pc;
          record.mem_before = record.mem_after = 0;
          record.next_pc = pc + 4;
          log->steps.push_back(record);
        }
        --remaining;
        pc += 4;
        ++ip;
        if (!keep_running) goto stop;  // halted: pc points past the ecall
        continue;
      }
      case Opcode::kEbreak:
        stop_trap(TrapKind::kEbreak, 0);
        goto stop;
      case Opcode::kIllegal:
        if (ip == sentinel) {
          stop_trap(TrapKind::kFetchOutOfText, pc);
        } else {
          stop_trap(TrapKind::kIllegalInstruction, program_->words[ip - code]);
        }
        goto stop;
      default:
        __builtin_unreachable();  // opcodes come from Decode
    }
#undef ZKVM_LOAD
#undef ZKVM_STORE
#undef ZKVM_BRANCH
#undef ZKVM_JUMP
#undef ZKVM_CHECK_STACK

    x[insn.rd] = rd_value;  // kNoRd for x0 and for instructions that write no register
    if constexpr (kLog) {
      record.pc = pc;
      record.rs1_value = rs1;
      record.rs2_value = rs2;
      record.rd_value = insn.rd != kNoRd ? rd_value : 0;
      record.mem_addr = mem_addr;
      record.mem_before = mem_before;
      record.mem_after = mem_after;
      record.next_pc = next_pc;
      log->steps.push_back(record);
    }
    pc = next_pc;
    ip = next_ip;
    --remaining;
  }
stop:
  std::memcpy(state_.regs.data(), x, 32 * sizeof(uint32_t));
  state_.regs[0] = 0;
  state_.pc = pc;
  state_.cycle = start_cycle + (budget - remaining);
}

const MachineState& Executor::Run(const RunOptions& options) {
  if (options.log != nullptr && options.log->steps.empty() && options.log->syscalls.empty()) {
    options.log->first_cycle = state_.cycle;
    options.log->first_syscall = state_.syscalls.total();
    options.log->first_data_offset = state_.syscalls.log_data_bytes;
  }
  if (state_.status != RunStatus::kRunning) return state_;
  const uint64_t limit = std::min(options.max_cycles, options.stop_at_cycle);
  if (state_.cycle >= limit) {
    if (state_.cycle >= options.max_cycles) state_.status = RunStatus::kCycleLimit;
    return state_;
  }
  if (options.log != nullptr) {
    // Reserve up front (address space only until written) so the log never copies itself
    // while growing within a typical proving segment.
    constexpr uint64_t kReserveSteps = uint64_t{1} << 22;
    const uint64_t expected = std::min(limit - state_.cycle, kReserveSteps);
    options.log->steps.reserve(options.log->steps.size() + expected);
  }
  // The loop runs budget steps at most; syscalls advance state_.cycle themselves, so loop
  // until the limit is reached.
  while (state_.status == RunStatus::kRunning && state_.cycle < limit) {
    const uint64_t budget = limit - state_.cycle;
    if (options.profile != nullptr) {
      RunLoop<false, true>(budget, nullptr, options.profile);
    } else if (options.log != nullptr) {
      RunLoop<true, false>(budget, options.log, nullptr);
    } else {
      RunLoop<false, false>(budget, nullptr, nullptr);
    }
  }
  if (state_.status == RunStatus::kRunning && state_.cycle >= options.max_cycles) {
    state_.status = RunStatus::kCycleLimit;
  }
  return state_;
}

}  // namespace zkvm::executor
