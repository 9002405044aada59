#pragma once
// The differentiable part of a policy: encoder + head over one Parameters store, templated on the scalar so the
// same code trains in float and is gradient-checked in double. Inputs are already normalised here; the
// Policy (policy.h) owns normalisation, clamping, checkpoints and layouts.
#include <memory>

#include "learning/policies/encoder.h"
#include "learning/policies/head.h"

namespace learning::policies {

template <class T>
class PolicyNet {
 public:
  // Initialised from Rng(config.seed); the head is the registry entry config.policy (core::Error if unknown).
  PolicyNet(const PolicyConfig& config, int frameDim);
  PolicyNet(const PolicyNet&) = delete;
  PolicyNet& operator=(const PolicyNet&) = delete;

  // obs (InputDim, B) normalised, actions (ActionDim, B) → scalar loss (1, 1).
  nn::Var<T> Loss(nn::Var<T> obs, const nn::Mat<T>& actions, core::Rng& rng) const;
  // obs (InputDim, B) → actions (ActionDim, B), unclamped.
  nn::Mat<T> Sample(nn::Var<T> obs, core::Rng& rng, double temperature, bool mean) const;
  // obs (InputDim, 1) → the head's picture of its distribution there (Head::Explain).
  void Explain(nn::Var<T> obs, core::Rng& rng, double temperature, int count, ActionBelief& belief) const;

  nn::Parameters<T>& Params() { return params_; }
  const nn::Parameters<T>& Params() const { return params_; }
  int InputDim() const { return inputDim_; }
  int ActionDim() const { return actionDim_; }

 private:
  nn::Parameters<T> params_;
  std::unique_ptr<Encoder<T>> encoder_;
  std::unique_ptr<Head<T>> head_;
  int inputDim_ = 0;
  int actionDim_ = 0;
};

extern template class PolicyNet<float>;
extern template class PolicyNet<double>;

}  // namespace learning::policies
