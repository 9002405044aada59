// libFuzzer target: scenario files beyond the JSON layer — values in range but absurd (0 lanes, thousands of cars,
// zero-length roads, every limit at once). A scenario that parses is built into an Env, reset and stepped with
// its expert's actions; refusing it with core::Error is fine, a crash, a sanitizer report or an input slower than
// libFuzzer's -timeout (a hang) is a finding. Two input forms, picked by the first byte:
//   even: the rest is scenario JSON text, as `--scenario-file` reads it;
//   odd:  structured — byte 1 picks a scenario's defaults (DefaultScenarioJson), then each 9-byte record sets one
//         of its numeric fields (byte: which, in the JSON's own order) to a value (8 bytes: a double, or when its
//         top byte is 0xFF one of the boundary values below), so mutations stay in the parsers' accepted ranges.
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

namespace {

constexpr int kSteps = 30;  // control steps per input

// Pointers to every numeric leaf of `json`, in document order.
void NumericLeaves(nlohmann::json& json, std::vector<nlohmann::json*>& leaves) {
  if (json.is_object()) {
    for (auto& item : json.items()) NumericLeaves(item.value(), leaves);
  } else if (json.is_number()) {
    leaves.push_back(&json);
  }
}

// Boundary values that range checks tend to accept: zeros, ones, the edges of usual ranges.
const double kBoundaries[] = {0.0, 1.0, -1.0, 0.5, 2.0, 3.0, 0.02, 0.1, 10.0, 60.0, 64.0, 100.0, 360.0, 500.0,
                              1000.0, 3600.0, 10000.0, 50000.0, 1e6, 1e-6, -0.0};

std::string Structured(const uint8_t* data, size_t size) {
  const std::vector<sim::ScenarioInfo> scenarios = sim::Scenarios();
  if (size < 2) return "";
  nlohmann::json json = nlohmann::json::parse(sim::DefaultScenarioJson(scenarios[data[1] % scenarios.size()].name));
  std::vector<nlohmann::json*> leaves;
  NumericLeaves(json, leaves);
  for (size_t at = 2; at + 9 <= size && !leaves.empty(); at += 9) {
    nlohmann::json& leaf = *leaves[data[at] % leaves.size()];
    double value = 0.0;
    if (data[at + 8] == 0xFF) {
      value = kBoundaries[data[at + 1] % (sizeof kBoundaries / sizeof kBoundaries[0])];
    } else {
      std::memcpy(&value, data + at + 1, sizeof value);
      if (!std::isfinite(value)) value = 0.0;
    }
    if (leaf.is_number_integer()) {
      leaf = static_cast<long long>(std::fmax(-1e15, std::fmin(1e15, std::round(value))));
    } else {
      leaf = value;
    }
  }
  return json.dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text = data[0] % 2 == 0 ? std::string(reinterpret_cast<const char*>(data) + 1, size - 1)
                                            : Structured(data, size);
  try {
    sim::Env env(sim::MakeScenarioFromJson(text, "fuzz"));
    for (int step = 0; step < kSteps; ++step) {
      if (env.Done()) env.Reset(static_cast<uint64_t>(step));
      const sim::StepResult result = env.Step(env.ExpertAction());
      (void)result;
    }
  } catch (const core::Error&) {
  }
  return 0;
}
