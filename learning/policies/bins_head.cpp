#include "learning/policies/bins_head.h"

#include <vector>

#include "learning/nn/linear.h"
#include "learning/nn/ops.h"
#include "learning/policies/bin_grid.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

template <class T>
class BinsHead final : public Head<T> {
 public:
  BinsHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        grid_(config.bins, config.binWarp),
        out_(params, "head.out", nn::LinearDef{shape.featureWidth, shape.actionDim * config.bins}, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng&) const override {
    const int batch = features.Cols();
    std::vector<int> labels(static_cast<size_t>(dim_ * batch));
    for (int b = 0; b < batch; ++b)
      for (int d = 0; d < dim_; ++d) labels[static_cast<size_t>(b * dim_ + d)] = grid_.BinOf(actions(d, b));
    nn::Var<T> ce = nn::CrossEntropy(Logits(features), std::span<const int>(labels));  // (1, D·B)
    return nn::SumAll(ce) * T(1.0 / batch);
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const int batch = features.Cols();
    nn::Var<T> logits = Logits(features);
    nn::Mat<T> actions(dim_, batch);
    for (int b = 0; b < batch; ++b)
      for (int d = 0; d < dim_; ++d)
        actions(d, b) = static_cast<T>(
            grid_.Centre(SampleCategorical<T>(logits.Value().col(b * dim_ + d), temperature, mean, rng)));
    return actions;
  }

  void Explain(nn::Var<T> features, core::Rng&, double temperature, int, ActionBelief& belief) const override {
    nn::Var<T> logits = Logits(features);
    for (int d = 0; d < 2; ++d) {
      BeliefMarginal m;
      m.dimension = d == 0 ? "steer" : "accel";
      m.probabilities = SoftmaxProbabilities(logits.Value().col(d).template cast<double>(), temperature);
      for (int i = 0; i < grid_.Count(); ++i) m.centres.push_back(static_cast<float>(grid_.Centre(i)));
      belief.marginals.push_back(m);
    }
  }

 private:
  // (bins, D·B): column b·D + d holds dimension d of sample b.
  nn::Var<T> Logits(nn::Var<T> features) const {
    return nn::Reshape(out_.Forward(features), grid_.Count(), dim_ * features.Cols());
  }

  int dim_;
  BinGrid grid_;
  nn::Linear<T> out_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeBinsHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config,
                                      core::Rng& rng) {
  return std::make_unique<BinsHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeBinsHead)

}  // namespace learning::policies
