// The VM's tables and the micro-ops each one executes: the one list from which every
// enumeration of tables is derived (the TableId and Uop enums, names, AIR registries of host and
// guest, instruction-table fillers, uop and syscall routing, chunking, the statement's fixed
// heights, public values and preprocessed matrices). Freestanding: only macros and enums.
//
// A table's id is its row's position, and statement order is list order, so moving a row
// changes proof bytes (tests/proof_bytes_test.cc shows it). Adding a table is one row here
// plus its own files (prover/tables/README.md says which).
//
// ZKVM_VM_TABLES(X) calls X(Name, label, Air, kind, chunking, fixed_log_rows, publics,
//                           preprocessed, filler, source) once per table, in statement order:
//   Name            the id TableId::k<Name>
//   label           its name in statements, transcripts and messages
//   Air             the AIR class (*_air.h / *_airs.h, freestanding)
//   kind            TableKind: kPreprocessed (fixed columns committed in the verifying key,
//                   their order fixes the key's tree), kWitness, kInstruction (one row per
//                   executed instruction of the micro-ops ZKVM_VM_UOPS routes to it)
//   chunking        Chunking: how the table's rows are cut into statement chunks
//   fixed_log_rows  for Chunking::kFixed, log2 of the one chunk's height: a constant or the
//                   program's `decode_log_rows` / `page_elf_log_rows` (the verifying key's)
//   publics         PublicValues: the public values the statement gives each chunk
//   preprocessed    host: the preprocessed matrix, an expression in the executor::Program
//                   `program` (ColumnMajorMatrix() when the table has none)
//   filler          host: the instruction table's VmTable accessor (&AddITable), else nullptr
//   source          host: RowSource, what the trace builder fills the main trace from
#pragma once

#include <stdint.h>

namespace zkvm::prover {

enum class TableKind : uint8_t { kPreprocessed, kWitness, kInstruction };

enum class Chunking : uint8_t {
  kFixed,        // exactly one chunk, at fixed_log_rows
  kOne,          // at most one chunk (the table cannot be split), the next power of two
  kRows,         // chunks of 2^max_log_rows rows, the last the next power of two (>= 2)
  kKeccakCalls,  // chunks of whole 24-row KECCAK_F1600 calls (trace_builder.h)
};

enum class PublicValues : uint8_t {
  kNone,
  kVkDigest,         // the vk_digest as 8 u32 words
  kPageZeroBounds,   // word-index bounds of the zero-initialised range (PageZeroBounds)
  kPageInputBounds,  // word-index bounds of the input range (PageInputBounds)
  kRefreshTimestamp  // the timestamp of the segment's refreshed tokens (RefreshTimestamp)
};

// What the trace builder fills a main trace from (prover/trace_builder).
enum class RowSource : uint8_t {
  kDecodeCounts,      // executions per instruction word
  kRegisterTokens,    // final register tokens
  kElfTokens,         // final tokens of the image words
  kByteLookups,       // BYTE lookups counted while the witness tables are built
  kPowLookups,        // POW lookups, likewise
  kKeccakChunks,      // the KECCAK chunk heights (KECCAK_RC multiplicities)
  kZeroWords,         // touched words of the zero-initialised range
  kInputWords,        // touched words of the input range, with its frame words
  kSteps,             // executed instructions routed to the table (filler fills each row)
  kCommitWords,       // words read by WRITE calls to the public output
  kCommitBytes,       // bytes written to the public output
  kKeccakMemRows,     // KECCAK_F1600 calls, kKeccakMemRowsPerCall rows each
  kKeccakRounds,      // KECCAK_F1600 calls, one row per round
  kPoseidon2MemRows,  // POSEIDON2 calls, kPoseidon2MemRowsPerCall rows each
  kRefreshRows,       // old tokens renewed at the start of the segment
};

// clang-format off
#define ZKVM_VM_TABLES(X) \
  X(Decode,     "decode",      DecodeAir,     kPreprocessed, kFixed,       decode_log_rows,   kNone,            DecodePreprocessed(program),  nullptr,        kDecodeCounts)  \
  X(Register,   "register",    RegisterAir,   kPreprocessed, kFixed,       6,                 kVkDigest,        RegisterPreprocessed(),       nullptr,        kRegisterTokens) \
  X(PageElf,    "page_elf",    PageElfAir,    kPreprocessed, kFixed,       page_elf_log_rows, kNone,            PageElfPreprocessed(program), nullptr,        kElfTokens)     \
  X(Byte,       "byte",        ByteAir,       kPreprocessed, kFixed,       16,                kNone,            BytePreprocessed(),           nullptr,        kByteLookups)   \
  X(Pow,        "pow",         PowAir,        kPreprocessed, kFixed,       6,                 kNone,            PowPreprocessed(),            nullptr,        kPowLookups)    \
  X(KeccakRc,   "keccak_rc",   KeccakRcAir,   kPreprocessed, kFixed,       6,                 kNone,            KeccakRcPreprocessed(),       nullptr,        kKeccakChunks)  \
  X(PageZero,   "page_zero",   PageZeroAir,   kWitness,      kOne,         0,                 kPageZeroBounds,  ColumnMajorMatrix(),          nullptr,        kZeroWords)     \
  X(PageInput,  "page_input",  PageInputAir,  kWitness,      kOne,         0,                 kPageInputBounds, ColumnMajorMatrix(),          nullptr,        kInputWords)    \
  X(Nop,        "nop",         NopAir,        kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &NopTable,      kSteps)         \
  X(Const,      "const",       ConstAir,      kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &ConstTable,    kSteps)         \
  X(AddI,       "add_i",       AddIAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &AddITable,     kSteps)         \
  X(AddR,       "add_r",       AddRAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &AddRTable,     kSteps)         \
  X(BitI,       "bit_i",       BitIAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &BitITable,     kSteps)         \
  X(BitR,       "bit_r",       BitRAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &BitRTable,     kSteps)         \
  X(ShiftI,     "shift_i",     ShiftIAir,     kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &ShiftITable,   kSteps)         \
  X(ShiftR,     "shift_r",     ShiftRAir,     kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &ShiftRTable,   kSteps)         \
  X(CmpI,       "cmp_i",       CmpIAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &CmpITable,     kSteps)         \
  X(CmpR,       "cmp_r",       CmpRAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &CmpRTable,     kSteps)         \
  X(BranchEq,   "branch_eq",   BranchEqAir,   kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &BranchEqTable, kSteps)         \
  X(BranchLt,   "branch_lt",   BranchLtAir,   kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &BranchLtTable, kSteps)         \
  X(Jal,        "jal",         JalAir,        kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &JalTable,      kSteps)         \
  X(Jalr,       "jalr",        JalrAir,       kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &JalrTable,     kSteps)         \
  X(LoadW,      "load_w",      LoadWAir,      kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &LoadWTable,    kSteps)         \
  X(LoadBh,     "load_bh",     LoadBhAir,     kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &LoadBhTable,   kSteps)         \
  X(StoreW,     "store_w",     StoreWAir,     kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &StoreWTable,   kSteps)         \
  X(StoreBh,    "store_bh",    StoreBhAir,    kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &StoreBhTable,  kSteps)         \
  X(Mul,        "mul",         MulAir,        kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &MulTable,      kSteps)         \
  X(DivRem,     "divrem",      DivRemAir,     kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &DivRemTable,   kSteps)         \
  X(Halt,       "halt",        HaltAir,       kInstruction,  kFixed,       1,                 kNone,            ColumnMajorMatrix(),          &HaltTable,     kSteps)         \
  X(Write,      "write",       WriteAir,      kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &WriteTable,    kSteps)         \
  X(KeccakCall, "keccak_call", KeccakCallAir, kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &KeccakCallTable, kSteps)       \
  X(Poseidon2,  "poseidon2",   Poseidon2Air,  kInstruction,  kRows,        0,                 kNone,            ColumnMajorMatrix(),          &Poseidon2Table, kSteps)        \
  X(CommitRead, "commit_read", CommitReadAir, kWitness,      kRows,        0,                 kNone,            ColumnMajorMatrix(),          nullptr,        kCommitWords)   \
  X(Commit,     "commit",      CommitAir,     kWitness,      kRows,        0,                 kNone,            ColumnMajorMatrix(),          nullptr,        kCommitBytes)   \
  X(KeccakMem,  "keccak_mem",  KeccakMemAir,  kWitness,      kRows,        0,                 kNone,            ColumnMajorMatrix(),          nullptr,        kKeccakMemRows) \
  X(Keccak,     "keccak",      KeccakAir,     kWitness,      kKeccakCalls, 0,                 kNone,            ColumnMajorMatrix(),          nullptr,        kKeccakRounds)  \
  X(Poseidon2Mem, "poseidon2_mem", Poseidon2MemAir, kWitness, kRows,       0,                 kNone,            ColumnMajorMatrix(),          nullptr,        kPoseidon2MemRows) \
  X(Refresh,    "refresh",     RefreshAir,    kWitness,      kRows,        0,                 kRefreshTimestamp, ColumnMajorMatrix(),         nullptr,        kRefreshRows)

// ZKVM_VM_UOPS(X) calls X(Name, Table) once per micro-op (docs/tables.md section 3.2), in id
// order from 1 (0 is the padding value, never sent): Uop::k<Name> is executed by
// TableId::k<Table>; kCount: by no table. ECALL's table is picked by the syscall number in a7.
#define ZKVM_VM_UOPS(X) \
  X(Nop,     Nop)  /* fence, step markers, rd = x0 without other effect, jal x0 */ \
  X(Const,   Const)  /* lui, auipc, op-imm with rs1 = x0 */ \
  X(Addi,    AddI) \
  X(Add,     AddR) \
  X(Sub,     AddR) \
  X(Xori,    BitI) \
  X(Ori,     BitI) \
  X(Andi,    BitI) \
  X(Xor,     BitR) \
  X(Or,      BitR) \
  X(And,     BitR) \
  X(Slli,    ShiftI) \
  X(Srli,    ShiftI) \
  X(Srai,    ShiftI) \
  X(Sll,     ShiftR) \
  X(Srl,     ShiftR) \
  X(Sra,     ShiftR) \
  X(Slti,    CmpI) \
  X(Sltiu,   CmpI) \
  X(Slt,     CmpR) \
  X(Sltu,    CmpR) \
  X(Beq,     BranchEq) \
  X(Bne,     BranchEq) \
  X(Blt,     BranchLt) \
  X(Bge,     BranchLt) \
  X(Bltu,    BranchLt) \
  X(Bgeu,    BranchLt) \
  X(Jal,     Jal)  /* rd != x0 */ \
  X(Jalr,    Jalr) \
  X(Lw,      LoadW) \
  X(Lb,      LoadBh) \
  X(Lh,      LoadBh) \
  X(Lbu,     LoadBh) \
  X(Lhu,     LoadBh) \
  X(Sw,      StoreW) \
  X(Sb,      StoreBh) \
  X(Sh,      StoreBh) \
  X(Mul,     Mul) \
  X(Mulh,    Mul) \
  X(Mulhsu,  Mul) \
  X(Mulhu,   Mul) \
  X(Div,     DivRem) \
  X(Divu,    DivRem) \
  X(Rem,     DivRem) \
  X(Remu,    DivRem) \
  X(Ecall,   Count)  /* by a7: ZKVM_VM_SYSCALLS; rd = a0, rs1 = a7, rs2 = a0 */ \
  X(Illegal, Count)  /* ebreak, illegal and data words: sent by no table */

// ZKVM_VM_SYSCALLS(X) calls X(number, Table) once per syscall a table proves (syscalls/abi.h);
// an ECALL with another number in a7 cannot be proved.
#define ZKVM_VM_SYSCALLS(X) \
  X(abi::kSysHalt,         Halt) \
  X(abi::kSysWrite,        Write) \
  X(abi::kSysKeccakF1600,  KeccakCall) \
  X(abi::kSysPoseidon2,    Poseidon2)
// clang-format on

}  // namespace zkvm::prover
