#include "learning/imitation/disturbed_driver.h"

#include <memory>
#include <string>
#include <utility>

#include "core/rng.h"

namespace learning::imitation {

namespace {

constexpr uint64_t kSaltDisturbance = 0x646973747572ull;  // "distur"

class DisturbedDriver : public sim::Driver {
 public:
  DisturbedDriver(std::unique_ptr<sim::Driver> inner, const sim::NoisyExpertDef& noise)
      : inner_(std::move(inner)), noise_(noise) {}

  void Reset(uint64_t seed) override {
    inner_->Reset(seed);
    rng_ = core::Rng(seed).Derive(kSaltDisturbance);
    state_.Reset();
  }

  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override {
    sim::DriverDecision d = inner_->Decide(env, obs);
    state_.Advance(noise_, env.ControlDt(), rng_);
    d.executed = state_.AddTo(d.executed);
    return d;
  }

  std::string Source() const override { return inner_->Source(); }

 private:
  std::unique_ptr<sim::Driver> inner_;
  sim::NoisyExpertDef noise_;
  core::Rng rng_{0};
  sim::OuActionNoise state_;
};

}  // namespace

DriverFactory Disturbed(DriverFactory inner, const sim::NoisyExpertDef& noise) {
  return [inner, noise](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
    return std::make_unique<DisturbedDriver>(inner(env), noise);
  };
}

}  // namespace learning::imitation
