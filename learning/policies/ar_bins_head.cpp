#include "learning/policies/ar_bins_head.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "learning/nn/embedding.h"
#include "learning/nn/mlp.h"
#include "learning/nn/ops.h"
#include "learning/policies/bin_grid.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

// nn::Embedding starts at N(0, 0.02²) (GPT-2's token tables, whose signal is the whole input); here the sampled
// bin competes with the trunk features at the same layer, so it starts at unit scale to be heard from step one.
constexpr double kEmbeddingScale = 50.0;

template <class T>
class ArBinsHead final : public Head<T> {
 public:
  ArBinsHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim), grid_(config.bins, config.binWarp) {
    for (int d = 0; d < dim_; ++d) {
      const int inputs = shape.featureWidth + (d == 0 ? 0 : config.binEmbedding);
      heads_.emplace_back(params, "head.dim" + std::to_string(d),
                          nn::MlpDef{inputs, {config.width}, config.bins, nn::Activation::kRelu}, rng);
      // The last dimension's bin conditions nothing, so it gets no table.
      if (d + 1 < dim_) {
        embeddings_.emplace_back(params, "head.embed" + std::to_string(d), config.binEmbedding, config.bins, rng);
        params.Value(params.Count() - 1) *= T(kEmbeddingScale);
      }
    }
  }

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng&) const override {
    const int batch = features.Cols();
    std::vector<int> labels(static_cast<size_t>(batch));
    nn::Var<T> total;
    nn::Var<T> context;
    for (int d = 0; d < dim_; ++d) {
      for (int b = 0; b < batch; ++b) labels[static_cast<size_t>(b)] = grid_.BinOf(actions(d, b));
      nn::Var<T> ce = nn::SumAll(nn::CrossEntropy(Logits(features, context, d), std::span<const int>(labels)));
      total = d == 0 ? ce : total + ce;
      if (d + 1 < dim_) context = Accumulate(context, features, d, labels);
    }
    return total * T(1.0 / batch);
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const int batch = features.Cols();
    nn::Mat<T> actions(dim_, batch);
    std::vector<int> chosen(static_cast<size_t>(batch));
    nn::Var<T> context;
    for (int d = 0; d < dim_; ++d) {
      nn::Var<T> logits = Logits(features, context, d);
      for (int b = 0; b < batch; ++b) {
        chosen[static_cast<size_t>(b)] = SampleCategorical<T>(logits.Value().col(b), temperature, mean, rng);
        actions(d, b) = static_cast<T>(grid_.Centre(chosen[static_cast<size_t>(b)]));
      }
      if (d + 1 < dim_) context = Accumulate(context, features, d, chosen);
    }
    return actions;
  }

  // p(steer), then p(accel | steer in its most likely bin).
  void Explain(nn::Var<T> features, core::Rng&, double temperature, int, ActionBelief& belief) const override {
    std::vector<float> centres;
    for (int i = 0; i < grid_.Count(); ++i) centres.push_back(static_cast<float>(grid_.Centre(i)));
    BeliefMarginal steer{"steer", "", centres,
                         SoftmaxProbabilities(Logits(features, {}, 0).Value().col(0).template cast<double>(), temperature)};
    const int likely = static_cast<int>(std::max_element(steer.probabilities.begin(), steer.probabilities.end()) -
                                        steer.probabilities.begin());
    nn::Var<T> context = Accumulate({}, features, 0, std::vector<int>{likely});
    char condition[48];
    std::snprintf(condition, sizeof condition, "steer = %+.2f (its most likely bin)", centres[static_cast<size_t>(likely)]);
    BeliefMarginal accel{"accel", condition, centres,
                         SoftmaxProbabilities(Logits(features, context, 1).Value().col(0).template cast<double>(),
                                              temperature)};
    belief.marginals = {steer, accel};
  }

 private:
  // Dimension d's logits (bins, B) from the trunk features and the context of dimensions < d.
  nn::Var<T> Logits(nn::Var<T> features, nn::Var<T> context, int d) const {
    const nn::Mlp<T>& head = heads_[static_cast<size_t>(d)];
    return head.Forward(d == 0 ? features : nn::ConcatRows<T>({features, context}));
  }
  // context + embedding of dimension d's bins.
  nn::Var<T> Accumulate(nn::Var<T> context, nn::Var<T> features, int d, const std::vector<int>& bins) const {
    nn::Var<T> e = embeddings_[static_cast<size_t>(d)].Forward(*features.tape, std::span<const int>(bins));
    return d == 0 ? e : context + e;
  }

  int dim_;
  BinGrid grid_;
  std::vector<nn::Mlp<T>> heads_;
  std::vector<nn::Embedding<T>> embeddings_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeArBinsHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config,
                                        core::Rng& rng) {
  return std::make_unique<ArBinsHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeArBinsHead)

}  // namespace learning::policies
