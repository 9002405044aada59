#include "sim/observation.h"

#include "core/error.h"

namespace sim {

bool Observation::Has(std::string_view key) const {
  for (const ObservationComponent& c : components_)
    if (c.key == key) return true;
  return false;
}

const ObservationComponent& Observation::Component(std::string_view key) const {
  for (const ObservationComponent& c : components_)
    if (c.key == key) return c;
  std::string present;
  for (const ObservationComponent& c : components_) present += (present.empty() ? "" : ", ") + c.key;
  throw core::Error("observation has no component '" + std::string(key) + "' (it has: " + present + ")");
}

std::span<const float> Observation::Get(std::string_view key) const { return Component(key).values; }

ObservationComponent& Observation::Add(std::string key, std::vector<std::string> names) {
  ObservationComponent& c = components_.emplace_back();
  c.key = std::move(key);
  c.values.assign(names.size(), 0.f);
  c.names = std::move(names);
  return c;
}

ObservationComponent* Observation::Find(std::string_view key) {
  for (ObservationComponent& c : components_)
    if (c.key == key) return &c;
  return nullptr;
}

}  // namespace sim
