#pragma once
// `ar_bins`: autoregressive discretised actions — p(a) = Π_d p(a_d | obs, a_<d), each factor a softmax over
// `bins` bins (bin_grid.h). Dimension d has its own small MLP (width hidden units) whose input is the shared
// trunk features concatenated with the sum of learned embeddings of the bins already chosen for dimensions
// < d (one table per dimension, binEmbedding wide): late fusion, which prototypes measured far better than
// feeding the first action into the trunk (docs/design.md, "Conditions the lessons depend on"). Trained with
// teacher forcing (the demonstrated bins); sampled in order, so the second dimension follows the mode the first
// one picked. Hyperparameters: bins (31), binWarp
// (1.5), binEmbedding (16), width.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeArBinsHead)
}  // namespace learning::policies
