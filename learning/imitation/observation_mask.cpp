#include "learning/imitation/observation_mask.h"

#include <algorithm>

#include "core/error.h"

namespace learning::imitation {

namespace {

int EntryIndex(const std::vector<std::string>& names, const std::string& key, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw core::Error("observation mask: component \"" + key + "\" has no entry \"" + name + "\"");
  return static_cast<int>(it - names.begin());
}

}  // namespace

void ObservationMask::Apply(sim::Observation& obs) const {
  for (const Entries& e : zeroed) {
    sim::ObservationComponent* c = obs.Find(e.key);
    if (c == nullptr) continue;
    for (const std::string& name : e.names) c->values[static_cast<size_t>(EntryIndex(c->names, e.key, name))] = 0.f;
  }
}

void ObservationMask::Apply(data::Dataset& dataset) const {
  for (const Entries& e : zeroed) {
    const auto layout = dataset.envArgs.obsLayout.find(e.key);
    if (layout == dataset.envArgs.obsLayout.end()) continue;
    for (const std::string& name : e.names) {
      const int row = EntryIndex(layout->second, e.key, name);
      for (data::Episode& episode : dataset.episodes) episode.obs.at(e.key).row(row).setZero();
    }
  }
}

ObservationMask HidePreviousAction() { return ObservationMask{{{"ego", {"steer", "accel"}}}}; }

MaskedDriver::MaskedDriver(std::unique_ptr<sim::Driver> inner, ObservationMask mask)
    : inner_(std::move(inner)), mask_(std::move(mask)) {
  ILD_CHECK(inner_ != nullptr, "MaskedDriver needs a driver");
}

sim::DriverDecision MaskedDriver::Decide(const sim::Env& env, const sim::Observation& obs) {
  if (mask_.Empty()) return inner_->Decide(env, obs);
  sim::Observation masked = obs;
  mask_.Apply(masked);
  return inner_->Decide(env, masked);
}

}  // namespace learning::imitation
