#include "learning/policies/policy.h"

#include <cmath>

#include "core/error.h"
#include "learning/policies/policy_registry.h"

namespace learning::policies {

namespace {

std::string Shape(const Eigen::MatrixXf& m) { return std::to_string(m.rows()) + "x" + std::to_string(m.cols()); }

PolicyConfig Validated(const PolicyConfig& config) {
  ValidatePolicyConfig(config, "policy \"" + config.policy + "\"");
  return config;
}

}  // namespace

Policy::Policy(const PolicyConfig& config, const ObsDims& available) : config_(Validated(config)) {
  layout_ = ResolveObsLayout(config_.obsKeys, available, "policy \"" + config_.policy + "\"");
  config_.obsKeys = layout_.keys;
  normalizer_ = Normalizer(layout_.FrameDim());
  net_ = std::make_unique<PolicyNet<float>>(config_, layout_.FrameDim());
  actTape_ = std::make_unique<nn::Tape<float>>();
  actTape_->SetGradEnabled(false);
}

Policy Policy::CopyExecutedAs(int execute, bool temporalEnsemble) const {
  PolicyConfig config = config_;
  config.execute = execute;
  config.temporalEnsemble = temporalEnsemble;
  return CopyAs(config);
}

Policy Policy::CopyWithSampling(int steps, const std::string& sampler) const {
  PolicyConfig config = config_;
  const std::string where = "policy \"" + config_.policy + "\"";
  const PolicyEntry entry = FindPolicy(config_.policy);
  if (entry.samplingSteps == nullptr) {
    if (steps > 0 || !sampler.empty())
      throw core::Error(where + " has no sampling steps (" + SamplingHeadNames() + " have)");
    return CopyAs(config);
  }
  if (!sampler.empty()) {
    if (!entry.choosesSampler)
      throw core::Error(where + " has no sampler to choose (" + SamplingHeadNames(true) + " has: ddim, ddpm)");
    config.diffusionSampler = sampler;
  }
  if (steps > 0) config.*entry.samplingSteps = steps;
  return CopyAs(config);
}

Policy Policy::CopyAs(const PolicyConfig& config) const {
  ObsDims dims;
  for (size_t k = 0; k < layout_.keys.size(); ++k) dims[layout_.keys[k]] = layout_.dims[k];
  Policy copy(config, dims);  // validates the new execution or sampling
  copy.normalizer_ = normalizer_;
  copy.Params().CopyValuesFrom(Params());
  return copy;
}

Policy::Policy(Policy&&) noexcept = default;
Policy& Policy::operator=(Policy&&) noexcept = default;
Policy::~Policy() = default;

void Policy::FitNormalizer(const Eigen::MatrixXf& rawFeatures) {
  if (rawFeatures.rows() != InputDim())
    throw core::Error("policy \"" + config_.policy + "\": normaliser features are " + Shape(rawFeatures) +
                      ", expected " + std::to_string(InputDim()) + " rows (" + std::to_string(config_.history) +
                      " frames of " + layout_.ToText() + ")");
  normalizer_.Fit(rawFeatures);
}

Eigen::MatrixXf Policy::Normalize(const Eigen::MatrixXf& rawFeatures) const {
  Eigen::MatrixXf features = rawFeatures;
  NormalizeInPlace(features);
  return features;
}

void Policy::NormalizeInPlace(Eigen::MatrixXf& features) const {
  if (features.rows() != InputDim())
    throw core::Error("policy \"" + config_.policy + "\": observations are " + Shape(features) + ", expected " +
                      std::to_string(InputDim()) + " rows (" + std::to_string(config_.history) + " frames of " +
                      layout_.ToText() + ")");
  normalizer_.ApplyInPlace(features);
}

nn::Var<float> Policy::Loss(nn::Tape<float>& tape, const Eigen::MatrixXf& normalizedObs,
                            const Eigen::MatrixXf& actions, core::Rng& rng) const {
  const std::string where = "policy \"" + config_.policy + "\"";
  if (normalizedObs.rows() != InputDim() || normalizedObs.cols() == 0)
    throw core::Error(where + ": loss observations are " + Shape(normalizedObs) + ", expected " +
                      std::to_string(InputDim()) + " rows and at least one column");
  if (actions.rows() != ActionDim() || actions.cols() != normalizedObs.cols())
    throw core::Error(where + ": loss actions are " + Shape(actions) + ", expected " + std::to_string(ActionDim()) +
                      "x" + std::to_string(normalizedObs.cols()) + " (2·chunk rows, one column per observation)");
  nn::Var<float> loss = net_->Loss(tape.Input(normalizedObs), actions, rng);
  if (!std::isfinite(loss.Item()))
    throw core::Error(where + ": the loss is not finite (" + std::to_string(loss.Item()) +
                      "); check the data for NaN/inf and lower the learning rate");
  return loss;
}

Eigen::MatrixXf Policy::Act(const Eigen::MatrixXf& rawObs, core::Rng& rng) const {
  return Sample(*actTape_, rawObs, rng, config_.temperature, config_.decode == DecodeKind::kMean);
}

Eigen::MatrixXf Policy::Sample(const Eigen::MatrixXf& rawObs, core::Rng& rng, double temperature, bool mean) const {
  return Sample(*actTape_, rawObs, rng, temperature, mean);
}

Eigen::MatrixXf Policy::Sample(nn::Tape<float>& tape, const Eigen::MatrixXf& rawObs, core::Rng& rng,
                               double temperature, bool mean) const {
  const Eigen::MatrixXf obs = Normalize(rawObs);
  if (!obs.allFinite()) throw core::Error("policy \"" + config_.policy + "\": observations hold non-finite values");
  tape.Clear();
  tape.SetGradEnabled(false);
  Eigen::MatrixXf actions = net_->Sample(tape.Input(obs), rng, temperature, mean);
  tape.Clear();
  return actions.cwiseMax(-1.f).cwiseMin(1.f);
}

Eigen::MatrixXf Policy::SampleMany(const Eigen::MatrixXf& rawObs, int count, core::Rng& rng) const {
  if (rawObs.cols() != 1 || count < 1)
    throw core::Error("policy \"" + config_.policy + "\": SampleMany needs one observation column and count >= 1, got " +
                      Shape(rawObs) + " and " + std::to_string(count));
  return Sample(rawObs.replicate(1, count), rng, config_.temperature, false);
}

ActionBelief Policy::Explain(const Eigen::MatrixXf& rawObs, int count, core::Rng& rng) const {
  if (rawObs.cols() != 1 || rawObs.rows() != InputDim() || count < 1)
    throw core::Error("policy \"" + config_.policy + "\": Explain needs one observation column of " +
                      std::to_string(InputDim()) + " rows and count >= 1, got " + Shape(rawObs) + " and " +
                      std::to_string(count));
  ActionBelief belief;
  belief.head = config_.policy;
  nn::Tape<float> tape;
  // The head draws its paths' noise from the same stream state as the samples: its paths end at them.
  core::Rng pathRng = rng;
  belief.samples = Sample(tape, rawObs.replicate(1, count), rng, config_.temperature, false).topRows(2);
  tape.Clear();
  tape.SetGradEnabled(false);
  net_->Explain(tape.Input(Normalize(rawObs)), pathRng, config_.temperature, count, belief);
  tape.Clear();
  return belief;
}

ChunkExecutor Policy::MakeExecutor() const {
  return ChunkExecutor(config_.chunk, config_.execute, config_.temporalEnsemble, config_.ensembleDecay);
}

void Policy::CheckLayout(const ObsDims& available, const std::string& source) const {
  for (size_t i = 0; i < layout_.keys.size(); ++i) {
    auto it = available.find(layout_.keys[i]);
    if (it == available.end())
      throw core::Error("policy \"" + config_.policy + "\" takes observation key \"" + layout_.keys[i] + "\", which " +
                        source + " does not provide (policy layout: " + layout_.ToText() + ")");
    if (it->second != layout_.dims[i])
      throw core::Error("policy \"" + config_.policy + "\" takes \"" + layout_.keys[i] + "\" with " +
                        std::to_string(layout_.dims[i]) + " entries, " + source + " has " +
                        std::to_string(it->second));
  }
}

}  // namespace learning::policies
