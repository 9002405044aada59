#include "learning/nn/adam.h"

#include <cmath>

namespace learning::nn {

template <class T>
Adam<T>::Adam(Parameters<T>& params, const AdamDef& def) : params_(params), def_(def) {
  ILD_CHECK(def.learningRate >= 0 && def.beta1 >= 0 && def.beta1 < 1 && def.beta2 >= 0 && def.beta2 < 1 &&
                def.epsilon > 0 && def.weightDecay >= 0,
            "AdamDef out of range");
  m_ = Vec<T>::Zero(params.FlatSize());
  v_ = Vec<T>::Zero(params.FlatSize());
}

template <class T>
void Adam<T>::Step(double learningRate) {
  ILD_CHECK(params_.FlatSize() == m_.size(), "parameters were added after the optimiser was created");
  ++step_;
  Vec<T>& p = params_.FlatValues();
  const Vec<T>& g = params_.FlatGrads();
  if (def_.weightDecay > 0) {
    const T shrink = static_cast<T>(1.0 - learningRate * def_.weightDecay);
    for (int i = 0; i < params_.Count(); ++i)
      if (params_.Decays(i)) params_.Value(i) *= shrink;
  }
  const double t = static_cast<double>(step_);
  const T b1 = static_cast<T>(def_.beta1);
  const T b2 = static_cast<T>(def_.beta2);
  const T stepSize = static_cast<T>(learningRate / (1.0 - std::pow(def_.beta1, t)));
  const T invSqrtCorrection2 = static_cast<T>(1.0 / std::sqrt(1.0 - std::pow(def_.beta2, t)));
  const T eps = static_cast<T>(def_.epsilon);
  m_.array() = b1 * m_.array() + (T(1) - b1) * g.array();
  v_.array() = b2 * v_.array() + (T(1) - b2) * g.array().square();
  p.array() -= stepSize * m_.array() / (v_.array().sqrt() * invSqrtCorrection2 + eps);
}

template class Adam<float>;
template class Adam<double>;

}  // namespace learning::nn
