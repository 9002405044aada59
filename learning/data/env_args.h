#pragma once
// What a dataset was recorded from: scenario, observation layout (entry names per key), control rate and action
// mode. Stored as the JSON string attribute `data.env_args` (robomimic convention), typed everywhere else.
#include <map>
#include <string>
#include <vector>

namespace learning::data {

struct EnvArgs {
  std::string scenario;                                   // e.g. "highway"
  double controlRate = 20.0;                              // [Hz] driver decisions per second
  std::string actionMode = "direct";                      // "direct" | "targets"
  std::vector<std::string> actionNames{"steer", "accel"};  // the two action entries
  std::map<std::string, std::vector<std::string>> obsLayout;  // key → entry names (dim = names.size())
  std::string scenarioDef;  // the scenario's full parameters as a JSON object text ("" when not known)

  // key → dim.
  std::map<std::string, int> ObsDims() const;

  bool operator==(const EnvArgs&) const = default;
};

// {"env_name": …, "type": "ildrive", "scenario": …, "control_rate_hz": …, "action_mode": …,
//  "action_names": […], "obs_layout": {key: [names…]}, "env_kwargs": {…} (the scenario Def; {} when not known)}.
// Reading also accepts "scenario_def", the name files written before env_kwargs used.
std::string EnvArgsToJson(const EnvArgs& args);

// Parses and validates (unknown keys, wrong types, empty names are errors); messages start with `where`.
EnvArgs EnvArgsFromJson(const std::string& json, const std::string& where);

}  // namespace learning::data
