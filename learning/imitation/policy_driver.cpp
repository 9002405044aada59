#include "learning/imitation/policy_driver.h"

#include <span>
#include <string>

#include "core/error.h"

namespace learning::imitation {

namespace {

enum DriverSalt : uint64_t { kSaltActing = 0x706f6c696379ull /* "policy" */, kSaltOverlay = 0x6f7665726c6179ull };

const std::shared_ptr<const policies::Policy>& Checked(const std::shared_ptr<const policies::Policy>& policy,
                                                       const sim::Env& env) {
  ILD_CHECK(policy != nullptr, "PolicyDriver needs a policy");
  try {
    policy->CheckLayout(ObsDimsOf(env));
  } catch (const core::Error& e) {
    throw core::Error("scenario \"" + env.ScenarioName() + "\": " + e.what());
  }
  return policy;
}

}  // namespace

policies::ObsDims ObsDimsOf(const sim::Env& env) {
  policies::ObsDims dims;
  for (const auto& [key, names] : env.ObservationLayout()) dims[key] = static_cast<int>(names.size());
  return dims;
}

PolicyDriver::PolicyDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env)
    : policy_(Checked(policy, env)),
      executor_(policy_->MakeExecutor()),
      temperature_(policy_->Config().temperature),
      meanDecode_(policy_->Config().decode == policies::DecodeKind::kMean),
      frame_(policy_->FrameDim()) {
  tape_.SetGradEnabled(false);
  Reset(env.Seed());
}

void PolicyDriver::Reset(uint64_t seed) {
  const core::Rng base(seed);
  rng_ = base.Derive(kSaltActing);
  overlayRng_ = base.Derive(kSaltOverlay);
  executor_.Reset();
  frames_.clear();
  input_.resize(0);
  lastChunk_.resize(0);
  stepsIntoChunk_ = 0;
}

void PolicyDriver::SetTemperature(double temperature) {
  ILD_CHECK(temperature >= 0.0, "PolicyDriver temperature must be >= 0");
  temperature_ = temperature;
}

void PolicyDriver::PushFrame(const sim::Observation& obs) {
  const policies::ObsLayout& layout = policy_->Layout();
  Eigen::Index row = 0;
  for (size_t k = 0; k < layout.keys.size(); ++k) {
    const std::span<const float> values = obs.Get(layout.keys[k]);
    if (static_cast<int>(values.size()) != layout.dims[k])
      throw core::Error("observation \"" + layout.keys[k] + "\" has " + std::to_string(values.size()) +
                        " entries, the policy expects " + std::to_string(layout.dims[k]));
    frame_.segment(row, layout.dims[k]) = Eigen::Map<const Eigen::VectorXf>(values.data(), layout.dims[k]);
    row += layout.dims[k];
  }
  const size_t history = static_cast<size_t>(policy_->Config().history);
  if (frames_.empty()) {
    frames_.assign(history, frame_);  // the episode's first frame stands in for the frames before it
  } else {
    frames_.pop_front();
    frames_.push_back(frame_);
  }
}

sim::DriverDecision PolicyDriver::Decide(const sim::Env& /*env*/, const sim::Observation& obs) {
  PushFrame(obs);
  const Eigen::Index frameDim = policy_->FrameDim();
  input_.resize(policy_->InputDim());
  for (size_t i = 0; i < frames_.size(); ++i) input_.segment(static_cast<Eigen::Index>(i) * frameDim, frameDim) = frames_[i];

  if (executor_.NeedsPlan()) {
    lastChunk_ = policy_->Sample(tape_, input_, rng_, temperature_, meanDecode_).col(0);
    executor_.Push(lastChunk_);
    stepsIntoChunk_ = 0;
  }
  const Eigen::Vector2f a = executor_.Next();
  ++stepsIntoChunk_;
  const sim::Action action{a.x(), a.y()};
  return sim::DriverDecision{action, action};
}

Eigen::MatrixXf PolicyDriver::SampleActions(int count) {
  ILD_CHECK(count >= 1, "SampleActions needs count >= 1");
  if (input_.size() == 0) return {};
  return policy_->Sample(tape_, input_.replicate(1, count), overlayRng_, temperature_, false);
}

}  // namespace learning::imitation
