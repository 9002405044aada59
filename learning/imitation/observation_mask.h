#pragma once
// Hiding observation entries from a policy without changing the layout: the named entries of a component are
// set to 0 both in recorded episodes (training) and in what a policy driver sees (closed loop), so the policy's
// keys and entry counts stay those of the environment and every layout check still applies. A constant entry
// carries no information (the normaliser keeps std 1 for it). Used where a component mixes what a policy may
// see with what it must not: `ego` holds the car's applied command (steer, accel) — the previous action — next
// to its speed, and the causal-confusion and history lessons need the speed without the previous action.
#include <memory>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "sim/driver.h"
#include "sim/observation.h"

namespace learning::imitation {

struct ObservationMask {
  struct Entries {
    std::string key;                  // component, e.g. "ego"
    std::vector<std::string> names;   // entry names within it, e.g. {"steer", "accel"}
  };
  std::vector<Entries> zeroed;

  bool Empty() const { return zeroed.empty(); }
  // Zeroes the entries in place; a component the observation does not have is skipped, an entry name the
  // component does not have is a core::Error naming both.
  void Apply(sim::Observation& obs) const;
  // The same for every step of every episode of `dataset` (entry names from its env args).
  void Apply(data::Dataset& dataset) const;
};

// The previous action as the policy would read it from `ego` (its applied steer and accel).
ObservationMask HidePreviousAction();

// A driver that decides on the masked observation (the inner driver never sees the hidden entries).
class MaskedDriver : public sim::Driver {
 public:
  MaskedDriver(std::unique_ptr<sim::Driver> inner, ObservationMask mask);
  void Reset(uint64_t seed) override { inner_->Reset(seed); }
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override;
  std::string Source() const override { return inner_->Source(); }

 private:
  std::unique_ptr<sim::Driver> inner_;
  ObservationMask mask_;
};

}  // namespace learning::imitation
