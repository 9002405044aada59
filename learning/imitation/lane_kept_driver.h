#pragma once
// Lane keeping assist for a longitudinal clone: the inner driver (a policy) works the pedals and the scenario's
// scripted lane keeping (the expert's steering) steers, as adaptive cruise control would. The brake_light lessons
// measure their clones this way (lessons/lane_kept.h): clones that also steered left the lane there, and that
// failure hid the one those lessons are about. `ildrive eval --lane-keeping` and the app's assist drive the same
// way. The label stays the expert's whole action.
#include <memory>
#include <string>

#include "learning/imitation/evaluation.h"
#include "sim/driver.h"

namespace learning::imitation {

class LaneKeptDriver : public sim::Driver {
 public:
  explicit LaneKeptDriver(std::unique_ptr<sim::Driver> inner) : inner_(std::move(inner)) {}
  void Reset(uint64_t seed) override { inner_->Reset(seed); }
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return inner_->Source(); }

 private:
  std::unique_ptr<sim::Driver> inner_;
};

// `inner`'s drivers, each lane-kept.
DriverFactory LaneKept(DriverFactory inner);

}  // namespace learning::imitation
