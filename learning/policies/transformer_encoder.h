#pragma once
// The `transformer` encoder: a small causal transformer over the last n frames (decision transformer / ACT
// style, without actions in the sequence). Each frame is embedded by a Linear (frameDim → width), a learned
// position embedding is added, `depth` pre-norm blocks (attentionHeads heads, causal) run over the sequence,
// a final LayerNorm follows, and the newest position's vector is the feature. Hyperparameters: width, depth,
// attentionHeads, history n.
#include <memory>

#include "learning/policies/encoder.h"

namespace learning::policies {

template <class T>
std::unique_ptr<Encoder<T>> MakeTransformerEncoder(nn::Parameters<T>& params, const PolicyConfig& config,
                                                   int frameDim, core::Rng& rng);

}  // namespace learning::policies
