#include "learning/policies/gaussian_head.h"

#include <cmath>

#include "learning/nn/linear.h"
#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

// Actions live in [-1, 1]: σ above 1 is never needed.
constexpr double kLogStdCeiling = 0.0;

template <class T>
class GaussianHead final : public Head<T> {
 public:
  GaussianHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        floor_(config.logStdFloor),
        out_(params, "head.out", nn::LinearDef{shape.featureWidth, 2 * shape.actionDim}, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng&) const override {
    auto [mean, logStd] = Forward(features);
    return -nn::MeanAll(nn::GaussianLogLikelihood(features.tape->Input(actions), mean, logStd));
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    auto [mu, logStd] = Forward(features);
    if (mean) return mu.Value();
    const nn::Mat<T> noise = NormalMatrix<T>(dim_, features.Cols(), rng, temperature);
    return mu.Value().array() + logStd.Value().array().exp() * noise.array();
  }

  void Explain(nn::Var<T> features, core::Rng&, double temperature, int, ActionBelief& belief) const override {
    auto [mu, logStd] = Forward(features);
    BeliefComponent k;
    for (int d = 0; d < 2; ++d) {
      k.mean[d] = static_cast<double>(mu.Value()(d, 0));
      k.sigma[d] = std::exp(static_cast<double>(logStd.Value()(d, 0))) * temperature;
    }
    belief.density = MixtureDensity({k}, kBeliefGrid);
  }

 private:
  std::pair<nn::Var<T>, nn::Var<T>> Forward(nn::Var<T> features) const {
    nn::Var<T> out = out_.Forward(features);  // (2D, B)
    nn::Var<T> raw = nn::SliceRows(out, dim_, dim_);
    return {nn::SliceRows(out, 0, dim_), nn::Sigmoid(raw) * T(kLogStdCeiling - floor_) + T(floor_)};
  }

  int dim_;
  double floor_;
  nn::Linear<T> out_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeGaussianHead(nn::Parameters<T>& params, const HeadShape& shape,
                                          const PolicyConfig& config, core::Rng& rng) {
  return std::make_unique<GaussianHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeGaussianHead)

}  // namespace learning::policies
