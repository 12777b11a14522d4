#include "stark/logup/logup_prover.h"

namespace zkvm::stark::detail {

void BatchInverseExt3(const std::vector<Ext3>& in, std::vector<Ext3>& out) {
  out.resize(in.size());
  Ext3 acc = Ext3::One();
  for (size_t i = 0; i < in.size(); ++i) {
    out[i] = acc;
    acc *= in[i];
  }
  Ext3 inv = acc.Inverse();
  for (size_t i = in.size(); i-- > 0;) {
    out[i] *= inv;
    inv *= in[i];
  }
}

void RowValues(const TableTrace& trace, size_t row, std::vector<Felt>& main,
               std::vector<Felt>& preprocessed) {
  main.resize(trace.main.num_cols());
  for (size_t c = 0; c < main.size(); ++c) main[c] = trace.main(row, c);
  preprocessed.resize(trace.preprocessed.num_cols());
  for (size_t c = 0; c < preprocessed.size(); ++c) preprocessed[c] = trace.preprocessed(row, c);
}

void RowAsExt3(const TableTrace& trace, size_t row, std::vector<Ext3>& main,
               std::vector<Ext3>& preprocessed) {
  main.resize(trace.main.num_cols());
  for (size_t c = 0; c < main.size(); ++c) main[c] = Ext3(trace.main(row, c));
  preprocessed.resize(trace.preprocessed.num_cols());
  for (size_t c = 0; c < preprocessed.size(); ++c) {
    preprocessed[c] = Ext3(trace.preprocessed(row, c));
  }
}

}  // namespace zkvm::stark::detail
