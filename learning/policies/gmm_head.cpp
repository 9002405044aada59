#include "learning/policies/gmm_head.h"

#include <vector>

#include "learning/nn/linear.h"
#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

// Actions live in [-1, 1]: σ above 1 is never needed.
constexpr double kLogStdCeiling = 0.0;
// The output layer starts small: a full-size Kaiming init saturates some components' log-std sigmoid at the
// ceiling, where they get no gradient and stay as a wide "catch-all" component (seen on the two-mode toy).
constexpr double kInitialScale = 0.1;

template <class T>
class GmmHead final : public Head<T> {
 public:
  GmmHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        components_(config.mixtures),
        floor_(config.logStdFloor),
        out_(params, "head.out",
             nn::LinearDef{shape.featureWidth, config.mixtures * (1 + 2 * shape.actionDim)}, rng) {
    out_.Weight().Value() *= T(kInitialScale);
  }

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng&) const override {
    const Outputs o = Forward(features);
    nn::Var<T> a = features.tape->Input(actions);
    std::vector<nn::Var<T>> perComponent;
    for (int k = 0; k < components_; ++k)
      perComponent.push_back(
          nn::GaussianLogLikelihood(a, nn::SliceRows(o.means, k * dim_, dim_), nn::SliceRows(o.logStds, k * dim_, dim_)));
    nn::Var<T> joint = nn::ConcatRows(perComponent) + nn::LogSoftmax(o.logits);  // (K, B)
    return -nn::MeanAll(nn::LogSumExp(joint));
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const Outputs o = Forward(features);
    const int batch = features.Cols();
    nn::Mat<T> actions(dim_, batch);
    for (int b = 0; b < batch; ++b) {
      const int k = SampleCategorical<T>(o.logits.Value().col(b), temperature, mean, rng);
      for (int d = 0; d < dim_; ++d) {
        const T mu = o.means.Value()(k * dim_ + d, b);
        const T sigma = std::exp(o.logStds.Value()(k * dim_ + d, b));
        actions(d, b) = mean ? mu : mu + static_cast<T>(temperature * rng.Normal()) * sigma;
      }
    }
    return actions;
  }

  void Explain(nn::Var<T> features, core::Rng&, double temperature, int, ActionBelief& belief) const override {
    const Outputs o = Forward(features);
    const std::vector<float> weights =
        SoftmaxProbabilities(o.logits.Value().col(0).template cast<double>(), temperature);
    std::vector<BeliefComponent> components(static_cast<size_t>(components_));
    for (int k = 0; k < components_; ++k) {
      BeliefComponent& c = components[static_cast<size_t>(k)];
      c.weight = weights[static_cast<size_t>(k)];
      for (int d = 0; d < 2; ++d) {
        c.mean[d] = static_cast<double>(o.means.Value()(k * dim_ + d, 0));
        c.sigma[d] = std::exp(static_cast<double>(o.logStds.Value()(k * dim_ + d, 0))) * temperature;
      }
    }
    belief.density = MixtureDensity(components, kBeliefGrid);
  }

 private:
  struct Outputs {
    nn::Var<T> logits;   // (K, B)
    nn::Var<T> means;    // (K·D, B), component k in rows [k·D, (k+1)·D)
    nn::Var<T> logStds;  // (K·D, B)
  };
  Outputs Forward(nn::Var<T> features) const {
    nn::Var<T> out = out_.Forward(features);
    const int kd = components_ * dim_;
    nn::Var<T> raw = nn::SliceRows(out, components_ + kd, kd);
    return {nn::SliceRows(out, 0, components_), nn::SliceRows(out, components_, kd),
            nn::Sigmoid(raw) * T(kLogStdCeiling - floor_) + T(floor_)};
  }

  int dim_;
  int components_;
  double floor_;
  nn::Linear<T> out_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeGmmHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config,
                                     core::Rng& rng) {
  return std::make_unique<GmmHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeGmmHead)

}  // namespace learning::policies
