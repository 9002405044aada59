#pragma once
// `gmm`: a mixture of K diagonal Gaussians (a mixture density network, Bishop 1994). A Linear layer gives K
// mixture logits, K means and K raw log-stds; the log-likelihood is logsumexp_k(log π_k + log N(a; μ_k, σ_k)).
// log σ = floor + (0 − floor)·sigmoid(raw) with floor = logStdFloor (docs/design.md: about −4; −6 collapsed onto
// single demonstrations). Sampling picks a component from softmax(logits / temperature), then draws from it
// with σ scaled by the temperature; the mean decode takes the top component's mean. Hyperparameters: mixtures
// K (5), logStdFloor (−4).
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeGmmHead)
}  // namespace learning::policies
