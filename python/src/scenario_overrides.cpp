#include "python/src/scenario_overrides.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/atomic_file.h"
#include "core/error.h"
#include "sim/scenario_registry.h"

namespace ildrive_py {

namespace {

nlohmann::json Parse(const std::string& text, const std::string& where) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(where + ": not valid JSON (" + e.what() + ")");
  }
}

}  // namespace

std::string ScenarioJson(const std::string& scenario, const std::string& scenarioFile, const std::string& overridesJson) {
  nlohmann::json def;
  try {
    if (!scenarioFile.empty()) {
      def = Parse(core::ReadFile(scenarioFile), scenarioFile);
      if (!def.is_object() || !def.contains("scenario") || !def["scenario"].is_string())
        throw std::invalid_argument(scenarioFile + ": missing string field 'scenario'");
      if (!scenario.empty() && def["scenario"].get<std::string>() != scenario)
        throw std::invalid_argument(scenarioFile + ": holds scenario '" + def["scenario"].get<std::string>() +
                                    "', not '" + scenario + "'");
    } else {
      if (scenario.empty()) throw std::invalid_argument("make: name a scenario or pass scenario_file");
      def = nlohmann::json::parse(sim::MakeScenario(scenario)->DefJson());
      def["scenario"] = scenario;
    }
  } catch (const core::Error& e) {
    throw std::invalid_argument(e.what());
  }
  const nlohmann::json overrides = Parse(overridesJson, "overrides");
  if (!overrides.is_object()) throw std::invalid_argument("overrides: expected keyword arguments");
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    if (it.key() == "scenario") throw std::invalid_argument("overrides: 'scenario' is not a field (name it first)");
    const bool common = !def.contains(it.key()) && def.contains("common") && def["common"].contains(it.key());
    nlohmann::json& target = common ? def["common"] : def;
    nlohmann::json patch = nlohmann::json::object();
    patch[it.key()] = it.value();
    target.merge_patch(patch);
  }
  return def.dump();
}

sim::Env MakeEnvFromJson(const std::string& json, const std::string& where) {
  try {
    return sim::Env(sim::MakeScenarioFromJson(json, where));
  } catch (const core::Error& e) {
    throw std::invalid_argument(e.what());
  }
}

}  // namespace ildrive_py
