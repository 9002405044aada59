#pragma once
// A fully connected layer y = W·x + b: x (inputs, B) → y (outputs, B); W (outputs, inputs), b (outputs, 1).
// Parameters "<name>.weight" (decayed) and "<name>.bias" (not decayed). The bias starts at zero.
#include <string>

#include "core/rng.h"
#include "learning/nn/init.h"
#include "learning/nn/parameters.h"

namespace learning::nn {

struct LinearDef {
  int inputs = 0;
  int outputs = 0;
  bool bias = true;
  Init init = Init::kKaimingUniform;
};

template <class T>
class Linear {
 public:
  Linear() = default;
  Linear(Parameters<T>& params, const std::string& name, const LinearDef& def, core::Rng& rng);

  // x (inputs, B) → (outputs, B), recorded on x's tape.
  Var<T> Forward(Var<T> x) const;

  int Inputs() const { return def_.inputs; }
  int Outputs() const { return def_.outputs; }
  ParamRef<T> Weight() const { return weight_; }
  ParamRef<T> Bias() const { return bias_; }  // invalid when def.bias is false

 private:
  LinearDef def_;
  ParamRef<T> weight_;
  ParamRef<T> bias_;
};

extern template class Linear<float>;
extern template class Linear<double>;

}  // namespace learning::nn
