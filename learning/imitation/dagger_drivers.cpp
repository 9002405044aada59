#include "learning/imitation/dagger_drivers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>


namespace learning::imitation {

namespace {

constexpr uint64_t kSaltMixture = 0x6d6978747572ull;  // "mixture"
constexpr double kLaneHalfWidth = 1.85;              // [m] a vehicle with |dy| below this is in the ego's lane

double MeanAbsDifference(const sim::Action& a, const sim::Action& b) {
  return 0.5 * (std::abs(a.steer - b.steer) + std::abs(a.accel - b.accel));
}

// [s] time to collision with the nearest closing vehicle ahead in the ego's lane (infinite when none).
double TimeToCollision(const sim::Observation& obs, double egoLength) {
  if (!obs.Has("vehicles")) return std::numeric_limits<double>::infinity();
  const std::span<const float> v = obs.Get("vehicles");
  double ttc = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i + 4 < v.size(); i += 5) {
    const double present = v[i], dx = v[i + 1], dy = v[i + 2], dvx = v[i + 3];
    if (present < 0.5 || dx <= 0.0 || std::abs(dy) > kLaneHalfWidth || dvx >= 0.0) continue;
    ttc = std::min(ttc, std::max(0.0, dx - egoLength) / -dvx);
  }
  return ttc;
}

}  // namespace

bool GateFires(const GateDef& gate, const sim::Observation& obs, const sim::Action& learner, const sim::Action& expert,
               double egoLength) {
  if (gate.timeToCollision > 0.0 && TimeToCollision(obs, egoLength) < gate.timeToCollision) return true;
  if (gate.laneDeviation > 0.0 && obs.Has("ego")) {
    const sim::ObservationComponent& ego = obs.Component("ego");
    const auto it = std::find(ego.names.begin(), ego.names.end(), "lane_offset");
    if (it != ego.names.end() && std::abs(ego.values[static_cast<size_t>(it - ego.names.begin())]) > gate.laneDeviation)
      return true;
  }
  if (gate.disagreement > 0.0 && std::max(std::abs(learner.steer - expert.steer),
                                          std::abs(learner.accel - expert.accel)) > gate.disagreement)
    return true;
  return false;
}

namespace {

std::unique_ptr<Labeller> OrExpert(std::unique_ptr<Labeller> labeller) {
  return labeller ? std::move(labeller) : std::make_unique<ExpertLabeller>();
}

}  // namespace

MixtureDriver::MixtureDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, double beta,
                             std::unique_ptr<Labeller> labeller, LabelSteps labelSteps)
    : learner_(std::move(policy), env), labeller_(OrExpert(std::move(labeller))), labelSteps_(labelSteps),
      beta_(beta) {
  ILD_CHECK(beta >= 0.0 && beta <= 1.0, "MixtureDriver beta in [0, 1]");
}

void MixtureDriver::Reset(uint64_t seed) {
  learner_.Reset(seed);
  labeller_->Reset(seed);
  rng_ = core::Rng(seed).Derive(kSaltMixture);
  labelled_.clear();
  stats_ = {};
}

sim::DriverDecision MixtureDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  const sim::DriverDecision learner = learner_.Decide(env, obs);
  const LabellerStep teacher = labeller_->Observe(env, obs);
  const bool teacherDrives = rng_.Bernoulli(beta_);
  // The labeller driving the β share is a takeover: labelled whether or not it touched anything.
  const bool labelled = teacherDrives || teacher.acted || labelSteps_ == LabelSteps::kEvery;
  labelled_.push_back(labelled ? 1 : 0);
  ++stats_.steps;
  stats_.expertSteps += teacherDrives ? 1 : 0;
  stats_.labelledSteps += labelled ? 1 : 0;
  stats_.disagreement += MeanAbsDifference(learner.executed, teacher.action);
  return sim::DriverDecision{teacherDrives ? teacher.action : learner.executed, teacher.action};
}

GatedDriver::GatedDriver(std::shared_ptr<const policies::Policy> policy, const sim::Env& env, const GateDef& gate,
                         std::unique_ptr<Labeller> labeller)
    : learner_(std::move(policy), env), labeller_(OrExpert(std::move(labeller))), gate_(gate) {}

void GatedDriver::Reset(uint64_t seed) {
  learner_.Reset(seed);
  labeller_->Reset(seed);
  holdLeft_ = 0.0;
  takeover_.clear();
  stats_ = {};
}

sim::DriverDecision GatedDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  const sim::DriverDecision learner = learner_.Decide(env, obs);
  const sim::Action teacher = labeller_->Observe(env, obs).action;
  if (GateFires(gate_, obs, learner.executed, teacher, env.GetScenario().Common().vehicle.length))
    holdLeft_ = std::max(holdLeft_, gate_.holdTime);
  const bool teacherDrives = holdLeft_ > 0.0;
  if (teacherDrives) holdLeft_ -= env.ControlDt();
  takeover_.push_back(teacherDrives ? 1 : 0);
  ++stats_.steps;
  stats_.expertSteps += teacherDrives ? 1 : 0;
  stats_.labelledSteps += teacherDrives ? 1 : 0;
  stats_.disagreement += MeanAbsDifference(learner.executed, teacher);
  return sim::DriverDecision{teacherDrives ? teacher : learner.executed, teacher};
}

}  // namespace learning::imitation
