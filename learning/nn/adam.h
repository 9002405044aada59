#pragma once
// Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019) over a Parameters store's flat buffers.
// One Step() = one increment of the step counter t, and the bias corrections use that t:
//   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  p ← p − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε).
// AdamW (weightDecay > 0) first shrinks every tensor registered with decay = true: p ← p·(1 − lr·weightDecay),
// decoupled from the gradient (PyTorch's AdamW order). Gradients are read, never cleared: call ZeroGrad().
#include <cstdint>

#include "learning/nn/parameters.h"

namespace learning::nn {

struct AdamDef {
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double weightDecay = 0.0;  // > 0 makes it AdamW
};

template <class T>
class Adam {
 public:
  Adam(Parameters<T>& params, const AdamDef& def);

  // One update with def.learningRate, or with an explicit rate (from a schedule).
  void Step() { Step(def_.learningRate); }
  void Step(double learningRate);
  void ZeroGrad() { params_.ZeroGrad(); }

  int64_t StepCount() const { return step_; }
  const AdamDef& Def() const { return def_; }
  const Vec<T>& FirstMoment() const { return m_; }
  const Vec<T>& SecondMoment() const { return v_; }

 private:
  Parameters<T>& params_;
  AdamDef def_;
  Vec<T> m_;
  Vec<T> v_;
  int64_t step_ = 0;
};

extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace learning::nn
