#include "learning/imitation/lane_kept_driver.h"

namespace learning::imitation {

sim::DriverDecision LaneKeptDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  sim::DriverDecision d = inner_->Decide(env, obs);
  d.label = env.ExpertAction();
  d.executed.steer = d.label.steer;
  return d;
}

DriverFactory LaneKept(DriverFactory inner) {
  return [inner](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
    return std::make_unique<LaneKeptDriver>(inner(env));
  };
}

}  // namespace learning::imitation
