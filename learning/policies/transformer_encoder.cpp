#include "learning/policies/transformer_encoder.h"

#include <vector>

#include "learning/nn/embedding.h"
#include "learning/nn/layer_norm.h"
#include "learning/nn/linear.h"
#include "learning/nn/ops.h"
#include "learning/nn/transformer_block.h"

namespace learning::policies {

namespace {

template <class T>
class TransformerEncoder final : public Encoder<T> {
 public:
  TransformerEncoder(nn::Parameters<T>& params, const PolicyConfig& config, int frameDim, core::Rng& rng)
      : frameDim_(frameDim),
        history_(config.history),
        width_(config.width),
        embed_(params, "encoder.embed", nn::LinearDef{frameDim, config.width}, rng),
        position_(params, "encoder.position", config.width, config.history, rng),
        norm_(params, "encoder.norm", config.width) {
    for (int i = 0; i < config.depth; ++i)
      blocks_.emplace_back(params, "encoder.block" + std::to_string(i),
                           nn::TransformerBlockDef{config.width, config.attentionHeads, 4, true}, rng);
  }

  nn::Var<T> Forward(nn::Var<T> obs) const override {
    const int batch = obs.Cols();
    // (n·frameDim, B) → (frameDim, n·B): column b·n + t is frame t of sample b (the attention layout).
    nn::Var<T> x = nn::Reshape(obs, frameDim_, history_ * batch);
    x = position_.Forward(embed_.Forward(x));  // (width, n·B)
    for (const nn::TransformerBlock<T>& block : blocks_) x = block.Forward(x, history_);
    x = norm_.Forward(x);
    // (width, n·B) → (n·width, B); the newest position is the last `width` rows of each column.
    x = nn::Reshape(x, history_ * width_, batch);
    return nn::SliceRows(x, (history_ - 1) * width_, width_);
  }
  int Width() const override { return width_; }

 private:
  int frameDim_;
  int history_;
  int width_;
  nn::Linear<T> embed_;
  nn::LearnedPositionalEmbedding<T> position_;
  std::vector<nn::TransformerBlock<T>> blocks_;
  nn::LayerNorm<T> norm_;
};

}  // namespace

template <class T>
std::unique_ptr<Encoder<T>> MakeTransformerEncoder(nn::Parameters<T>& params, const PolicyConfig& config,
                                                   int frameDim, core::Rng& rng) {
  return std::make_unique<TransformerEncoder<T>>(params, config, frameDim, rng);
}

template std::unique_ptr<Encoder<float>> MakeTransformerEncoder<float>(nn::Parameters<float>&, const PolicyConfig&,
                                                                       int, core::Rng&);
template std::unique_ptr<Encoder<double>> MakeTransformerEncoder<double>(nn::Parameters<double>&,
                                                                         const PolicyConfig&, int, core::Rng&);

}  // namespace learning::policies
