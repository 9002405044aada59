#include "learning/policies/flow_head.h"

#include <utility>
#include <vector>

#include "learning/nn/linear.h"
#include "learning/nn/mlp.h"
#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

constexpr double kCouplingScaleBound = 2.0;
constexpr double kOutputScaleBound = 3.0;
// The layers producing (s, t) start near zero, so the untrained flow is close to the identity (a standard
// RealNVP/Glow initialisation); fully zero would leave the layers below without a gradient at the start.
constexpr double kNearIdentityScale = 0.01;

template <class T>
class FlowHead final : public Head<T> {
 public:
  FlowHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        half_(shape.actionDim / 2),
        noise_(config.flowNoise),
        output_(params, "head.output", nn::LinearDef{shape.featureWidth, 2 * shape.actionDim}, rng) {
    ILD_CHECK(dim_ % 2 == 0, "flow head needs an even action dimension");
    for (int l = 0; l < config.flowLayers; ++l)
      couplings_.emplace_back(params, "head.coupling" + std::to_string(l),
                              nn::MlpDef{half_ + shape.featureWidth, {config.width}, 2 * half_}, rng);
    for (const nn::Mlp<T>& coupling : couplings_) coupling.Layers().back().Weight().Value() *= T(kNearIdentityScale);
    output_.Weight().Value() *= T(kNearIdentityScale);
  }

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng& rng) const override {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    nn::Var<T> x = tape.Input(noise_ > 0.0 ? nn::Mat<T>(actions + NormalMatrix<T>(dim_, batch, rng, noise_)) : actions);
    // Undo the output affine, then the couplings from last to first; collect Σ s (the log-determinant).
    auto [os, ot] = OutputAffine(features);
    x = (x - ot) * nn::Exp(-os);
    nn::Var<T> logDet = nn::ColwiseSum(os);  // (1, B)
    nn::Var<T> a = nn::SliceRows(x, 0, half_);
    nn::Var<T> b = nn::SliceRows(x, half_, half_);
    for (int l = static_cast<int>(couplings_.size()) - 1; l >= 0; --l) {
      const bool transformB = l % 2 == 0;
      auto [s, t] = Coupling(l, transformB ? a : b, features);
      nn::Var<T>& trans = transformB ? b : a;
      trans = (trans - t) * nn::Exp(-s);
      logDet = logDet + nn::ColwiseSum(s);
    }
    nn::Var<T> z = nn::ConcatRows<T>({a, b});
    nn::Var<T> zero = tape.Fill(dim_, batch, T(0));
    nn::Var<T> logLikelihood = nn::GaussianLogLikelihood(z, zero, zero) - logDet;
    return -nn::MeanAll(logLikelihood);
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    const nn::Mat<T> z0 = mean ? nn::Mat<T>::Zero(dim_, batch) : NormalMatrix<T>(dim_, batch, rng, temperature);
    nn::Var<T> z = tape.Input(z0);
    nn::Var<T> a = nn::SliceRows(z, 0, half_);
    nn::Var<T> b = nn::SliceRows(z, half_, half_);
    for (int l = 0; l < static_cast<int>(couplings_.size()); ++l) {
      const bool transformB = l % 2 == 0;
      auto [s, t] = Coupling(l, transformB ? a : b, features);
      nn::Var<T>& trans = transformB ? b : a;
      trans = trans * nn::Exp(s) + t;
    }
    auto [os, ot] = OutputAffine(features);
    return (nn::ConcatRows<T>({a, b}) * nn::Exp(os) + ot).Value();
  }

 private:
  // (s, t) of coupling l, each (D/2, B), from the conditioning half and the features.
  std::pair<nn::Var<T>, nn::Var<T>> Coupling(int l, nn::Var<T> condition, nn::Var<T> features) const {
    nn::Var<T> out = couplings_[static_cast<size_t>(l)].Forward(nn::ConcatRows<T>({condition, features}));
    return {nn::Tanh(nn::SliceRows(out, 0, half_)) * T(kCouplingScaleBound), nn::SliceRows(out, half_, half_)};
  }
  // (s, t) of the output affine, each (D, B), from the features alone.
  std::pair<nn::Var<T>, nn::Var<T>> OutputAffine(nn::Var<T> features) const {
    nn::Var<T> out = output_.Forward(features);
    return {nn::Tanh(nn::SliceRows(out, 0, dim_)) * T(kOutputScaleBound), nn::SliceRows(out, dim_, dim_)};
  }

  int dim_;
  int half_;
  double noise_;
  std::vector<nn::Mlp<T>> couplings_;
  nn::Linear<T> output_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeFlowHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config,
                                      core::Rng& rng) {
  return std::make_unique<FlowHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeFlowHead)

}  // namespace learning::policies
