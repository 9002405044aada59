#pragma once
// A head models the distribution of the action vector a (D = 2·chunk, B) given encoder features (W, B).
// Loss: the scalar training loss (1, 1), averaged over the batch (a negative log-likelihood, a regression or a
// flow-matching loss, per head). Sample: one action vector per column; `temperature` scales the sampling noise
// (or divides logits), `mean` asks for the deterministic decode (mean / argmax bin / top component / noise-free
// flow), offered as an ablation. Heads return unclamped values; the policy clamps to [-1, 1].
#include <memory>

#include "core/rng.h"
#include "learning/nn/parameters.h"
#include "learning/policies/action_belief.h"
#include "learning/policies/policy_config.h"

namespace learning::policies {

struct HeadShape {
  int featureWidth = 0;  // W: encoder output rows
  int actionDim = 0;     // D: 2 · chunk
};

template <class T>
class Head {
 public:
  virtual ~Head() = default;
  // features (W, B), actions (D, B) → (1, 1). `rng` draws the head's training noise (cvae ε, flow-matching x0, t).
  virtual nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng& rng) const = 0;
  // features (W, B) → (D, B).
  virtual nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const = 0;
  // What the head can show of its distribution at ONE state beyond samples (action_belief.h): features (W, 1).
  // A head fills the fields that fit it (density, marginals, paths of at most `count` samples); the default
  // shows samples only. Read-only; `rng` draws the paths' noise.
  virtual void Explain(nn::Var<T> /*features*/, core::Rng& /*rng*/, double /*temperature*/, int /*count*/,
                       ActionBelief& /*belief*/) const {}
};

// Every head file provides a factory of this shape; parameters go under "head.…".
template <class T>
using HeadFactory = std::unique_ptr<Head<T>> (*)(nn::Parameters<T>& params, const HeadShape& shape,
                                                 const PolicyConfig& config, core::Rng& rng);

// Declares MakeXHead<float/double> for one head file.
#define ILD_DECLARE_HEAD_FACTORY(Name)                                                                      \
  template <class T>                                                                                        \
  std::unique_ptr<Head<T>> Name(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, \
                                core::Rng& rng);
// Instantiates it for float and double in the head's .cpp.
#define ILD_INSTANTIATE_HEAD_FACTORY(Name)                                                                   \
  template std::unique_ptr<Head<float>> Name<float>(nn::Parameters<float>&, const HeadShape&, const PolicyConfig&, \
                                                    core::Rng&);                                              \
  template std::unique_ptr<Head<double>> Name<double>(nn::Parameters<double>&, const HeadShape&,              \
                                                      const PolicyConfig&, core::Rng&);

}  // namespace learning::policies
