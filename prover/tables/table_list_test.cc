// The table list (table_list.h) against the tables it names: every row's label is its AIR's
// name (the transcript absorbs the AIR's), preprocessed tables come first and have preprocessed
// columns, public values match the AIR's shape, every micro-op and syscall reaches the table
// whose filler and AIR serve it, and every instruction table is reached.
#include "prover/tables/table_list.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "prover/tables/table_registry.h"
#include "prover/tables/vm_airs.h"
#include "syscalls/abi.h"

namespace zkvm::prover {
namespace {

TEST(TableListTest, LabelsAreTheAirsNamesAndUnique) {
  std::set<std::string> names;
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    EXPECT_STREQ(TableName(id), TableAir(id).name());
    EXPECT_EQ(&VmStarkAir(id), &TableAir(id));
    EXPECT_TRUE(names.insert(TableName(id)).second) << TableName(id);
    if (IsInstructionTable(id)) {
      EXPECT_STREQ(InstructionTable(id).air().name(), TableName(id));
      EXPECT_EQ(InstructionTable(id).num_columns(), TableAir(id).shape().num_main_columns);
    }
  }
  EXPECT_STREQ(TableName(TableId::kCount), "?");
}

TEST(TableListTest, PreprocessedTablesComeFirstAndHaveFixedHeights) {
  bool seen_other = false;
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    const stark::AirShape shape = TableAir(id).shape();
    if (IsPreprocessed(id)) {
      EXPECT_FALSE(seen_other) << TableName(id) << " after a witness table";
      EXPECT_GT(shape.num_preprocessed_columns, 0u) << TableName(id);
      EXPECT_EQ(ChunkingOf(id), Chunking::kFixed) << TableName(id);
    } else {
      seen_other = true;
      EXPECT_EQ(shape.num_preprocessed_columns, 0u) << TableName(id);
    }
    EXPECT_EQ(shape.num_public_values, NumPublicValues(PublicValuesOf(id))) << TableName(id);
    const uint32_t log_rows = FixedLogRows(id, 11, 13);
    if (ChunkingOf(id) == Chunking::kFixed) {
      EXPECT_GE(log_rows, 1u) << TableName(id);
    } else {
      EXPECT_EQ(log_rows, 0u) << TableName(id);
    }
  }
  EXPECT_EQ(FixedLogRows(TableId::kDecode, 11, 13), 11u);
  EXPECT_EQ(FixedLogRows(TableId::kPageElf, 11, 13), 13u);
}

TEST(TableListTest, EveryMicroOpAndSyscallReachesAnInstructionTable) {
  std::set<TableId> reached;
  for (int u = 1; u <= static_cast<int>(Uop::kIllegal); ++u) {
    const Uop uop = static_cast<Uop>(u);
    const TableId t = TableOf(uop, 0);
    if (uop == Uop::kEcall || uop == Uop::kIllegal) {
      EXPECT_EQ(t, TableId::kCount) << u;
      continue;
    }
    ASSERT_NE(t, TableId::kCount) << "uop " << u;
    EXPECT_TRUE(IsInstructionTable(t)) << TableName(t);
    reached.insert(t);
  }
  for (uint32_t sys : {abi::kSysHalt, abi::kSysWrite, abi::kSysKeccakF1600, abi::kSysPoseidon2}) {
    const TableId t = TableOf(Uop::kEcall, sys);
    ASSERT_NE(t, TableId::kCount) << sys;
    EXPECT_TRUE(IsInstructionTable(t)) << TableName(t);
    reached.insert(t);
  }
  EXPECT_EQ(TableOf(Uop::kEcall, 12345), TableId::kCount);
  EXPECT_EQ(TableOf(Uop::kPadding, 0), TableId::kCount);
  for (size_t t = 0; t < kNumTables; ++t) {
    const TableId id = static_cast<TableId>(t);
    EXPECT_EQ(reached.count(id) == 1, IsInstructionTable(id)) << TableName(id);
  }
}

}  // namespace
}  // namespace zkvm::prover
