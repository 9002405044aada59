#include "learning/policies/encoder.h"

#include "learning/nn/mlp.h"
#include "learning/nn/ops.h"
#include "learning/policies/transformer_encoder.h"

namespace learning::policies {

namespace {

// mlp (newest frame only) and stack (all frames): the same MLP over a different slice of the input.
template <class T>
class MlpEncoder final : public Encoder<T> {
 public:
  MlpEncoder(nn::Parameters<T>& params, const PolicyConfig& config, int frameDim, core::Rng& rng)
      : frameDim_(frameDim),
        history_(config.history),
        newestOnly_(config.encoder == EncoderKind::kMlp),
        width_(config.width),
        mlp_(params, "encoder.mlp",
             nn::MlpDef{newestOnly_ ? frameDim : frameDim * config.history,
                        std::vector<int>(static_cast<size_t>(config.depth - 1), config.width), config.width,
                        nn::Activation::kRelu, nn::Activation::kRelu},
             rng) {}

  nn::Var<T> Forward(nn::Var<T> obs) const override {
    if (newestOnly_ && history_ > 1) obs = nn::SliceRows(obs, (history_ - 1) * frameDim_, frameDim_);
    return mlp_.Forward(obs);
  }
  int Width() const override { return width_; }

 private:
  int frameDim_;
  int history_;
  bool newestOnly_;
  int width_;
  nn::Mlp<T> mlp_;
};

}  // namespace

template <class T>
std::unique_ptr<Encoder<T>> MakeEncoder(nn::Parameters<T>& params, const PolicyConfig& config, int frameDim,
                                        core::Rng& rng) {
  if (config.encoder == EncoderKind::kTransformer) return MakeTransformerEncoder<T>(params, config, frameDim, rng);
  return std::make_unique<MlpEncoder<T>>(params, config, frameDim, rng);
}

template std::unique_ptr<Encoder<float>> MakeEncoder<float>(nn::Parameters<float>&, const PolicyConfig&, int,
                                                            core::Rng&);
template std::unique_ptr<Encoder<double>> MakeEncoder<double>(nn::Parameters<double>&, const PolicyConfig&, int,
                                                              core::Rng&);

}  // namespace learning::policies
