#pragma once
// The LayerNorm module: parameters "<name>.gain" (ones) and "<name>.bias" (zeros), neither decayed.
#include <string>

#include "learning/nn/ops_norm.h"
#include "learning/nn/parameters.h"

namespace learning::nn {

template <class T>
class LayerNorm {
 public:
  LayerNorm() = default;
  LayerNorm(Parameters<T>& params, const std::string& name, int features, double eps = 1e-5);

  // x (features, B) → (features, B).
  Var<T> Forward(Var<T> x) const;

 private:
  ParamRef<T> gain_;
  ParamRef<T> bias_;
  double eps_ = 1e-5;
};

extern template class LayerNorm<float>;
extern template class LayerNorm<double>;

}  // namespace learning::nn
