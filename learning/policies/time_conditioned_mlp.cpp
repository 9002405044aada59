#include "learning/policies/time_conditioned_mlp.h"

#include "learning/nn/ops.h"

namespace learning::policies {

namespace {
constexpr int kTimeFeatures = 16;
constexpr double kTimeMaxPeriod = 100.0;
}  // namespace

template <class T>
TimeConditionedMlp<T>::TimeConditionedMlp(nn::Parameters<T>& params, const std::string& name, const HeadShape& shape,
                                          int width, double timeScale, core::Rng& rng)
    : timeScale_(timeScale),
      mlp_(params, name,
           nn::MlpDef{shape.actionDim + kTimeFeatures + shape.featureWidth, {width, width}, shape.actionDim,
                      nn::Activation::kGelu},
           rng) {}

template <class T>
nn::Var<T> TimeConditionedMlp<T>::Forward(nn::Var<T> x, nn::Var<T> t, nn::Var<T> features) const {
  nn::Var<T> time = nn::SinusoidalEmbedding(t * T(timeScale_), kTimeFeatures, kTimeMaxPeriod);
  return mlp_.Forward(nn::ConcatRows<T>({x, time, features}));
}

template class TimeConditionedMlp<float>;
template class TimeConditionedMlp<double>;

}  // namespace learning::policies
