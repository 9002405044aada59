#pragma once
// The network of the heads that integrate or denoise an action (flow_matching's velocity, diffusion's noise):
// an MLP with two hidden layers of `width` (GELU) on [x; sinusoidal(timeScale·t); features] → (D, B).
// The time enters as 16 sinusoidal features with periods up to 100 in the scaled time, so a head that maps its
// time range onto [0, 100] (flow matching's t ∈ [0, 1] ×100, diffusion's t ∈ {1 … T} ×100/T) sees one scale.
#include <string>

#include "learning/nn/mlp.h"
#include "learning/policies/head.h"

namespace learning::policies {

template <class T>
class TimeConditionedMlp {
 public:
  TimeConditionedMlp(nn::Parameters<T>& params, const std::string& name, const HeadShape& shape, int width,
                     double timeScale, core::Rng& rng);
  // x (D, B), t (1, B), features (W, B) → (D, B).
  nn::Var<T> Forward(nn::Var<T> x, nn::Var<T> t, nn::Var<T> features) const;

 private:
  double timeScale_;
  nn::Mlp<T> mlp_;
};

extern template class TimeConditionedMlp<float>;
extern template class TimeConditionedMlp<double>;

}  // namespace learning::policies
