#pragma once
// Encoders turn a policy input (history · frameDim, B), frames oldest → newest, into features (Width(), B) for
// the head. `mlp` reads only the newest frame, `stack` the n frames concatenated, both through an MLP of
// `depth` hidden layers of `width` (ReLU, features after a ReLU); `transformer` (transformer_encoder.h) attends
// causally over the frames.
#include <memory>

#include "core/rng.h"
#include "learning/nn/parameters.h"
#include "learning/policies/policy_config.h"

namespace learning::policies {

template <class T>
class Encoder {
 public:
  virtual ~Encoder() = default;
  // obs (history · frameDim, B) → (Width(), B).
  virtual nn::Var<T> Forward(nn::Var<T> obs) const = 0;
  virtual int Width() const = 0;
};

// Parameters under "encoder.…". Picks the encoder by config.encoder.
template <class T>
std::unique_ptr<Encoder<T>> MakeEncoder(nn::Parameters<T>& params, const PolicyConfig& config, int frameDim,
                                        core::Rng& rng);

}  // namespace learning::policies
