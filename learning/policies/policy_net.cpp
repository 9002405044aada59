#include "learning/policies/policy_net.h"

#include "learning/policies/policy_registry.h"

namespace learning::policies {

namespace {
constexpr uint64_t kEncoderSalt = 0x656e636f646572ull;  // "encoder"
constexpr uint64_t kHeadSalt = 0x68656164ull;           // "head"
}  // namespace

template <class T>
PolicyNet<T>::PolicyNet(const PolicyConfig& config, int frameDim)
    : inputDim_(config.history * frameDim), actionDim_(2 * config.chunk) {
  const PolicyEntry entry = FindPolicy(config.policy);
  const core::Rng root(config.seed);
  core::Rng encoderRng = root.Derive(kEncoderSalt);
  core::Rng headRng = root.Derive(kHeadSalt);
  encoder_ = MakeEncoder<T>(params_, config, frameDim, encoderRng);
  head_ = HeadFactoryFor<T>(entry)(params_, HeadShape{encoder_->Width(), actionDim_}, config, headRng);
}

template <class T>
nn::Var<T> PolicyNet<T>::Loss(nn::Var<T> obs, const nn::Mat<T>& actions, core::Rng& rng) const {
  return head_->Loss(encoder_->Forward(obs), actions, rng);
}

template <class T>
nn::Mat<T> PolicyNet<T>::Sample(nn::Var<T> obs, core::Rng& rng, double temperature, bool mean) const {
  return head_->Sample(encoder_->Forward(obs), rng, temperature, mean);
}

template <class T>
void PolicyNet<T>::Explain(nn::Var<T> obs, core::Rng& rng, double temperature, int count, ActionBelief& belief) const {
  head_->Explain(encoder_->Forward(obs), rng, temperature, count, belief);
}

template class PolicyNet<float>;
template class PolicyNet<double>;

}  // namespace learning::policies
