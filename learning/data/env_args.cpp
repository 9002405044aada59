#include "learning/data/env_args.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"

namespace learning::data {

namespace {

const nlohmann::ordered_json& Require(const nlohmann::ordered_json& object, const char* key, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end()) throw core::Error(where + ": env_args is missing \"" + key + "\"");
  return *it;
}

std::string RequireString(const nlohmann::ordered_json& object, const char* key, const std::string& where) {
  const nlohmann::ordered_json& value = Require(object, key, where);
  if (!value.is_string() || value.get<std::string>().empty())
    throw core::Error(where + ": env_args \"" + key + "\" must be a non-empty string");
  return value.get<std::string>();
}

std::vector<std::string> RequireNames(const nlohmann::ordered_json& value, const std::string& what, const std::string& where) {
  if (!value.is_array() || value.empty())
    throw core::Error(where + ": env_args " + what + " must be a non-empty array of names");
  std::vector<std::string> names;
  for (const nlohmann::ordered_json& name : value) {
    if (!name.is_string() || name.get<std::string>().empty())
      throw core::Error(where + ": env_args " + what + " must hold non-empty strings");
    names.push_back(name.get<std::string>());
  }
  return names;
}

}  // namespace

std::map<std::string, int> EnvArgs::ObsDims() const {
  std::map<std::string, int> dims;
  for (const auto& [key, names] : obsLayout) dims[key] = static_cast<int>(names.size());
  return dims;
}

std::string EnvArgsToJson(const EnvArgs& args) {
  nlohmann::ordered_json json;
  json["env_name"] = args.scenario;  // the field robomimic tools look for
  json["type"] = "ildrive";
  json["scenario"] = args.scenario;
  json["control_rate_hz"] = args.controlRate;
  json["action_mode"] = args.actionMode;
  json["action_names"] = args.actionNames;
  nlohmann::ordered_json layout = nlohmann::ordered_json::object();
  for (const auto& [key, names] : args.obsLayout) layout[key] = names;
  json["obs_layout"] = layout;
  // robomimic's metadata readers take env_kwargs beside env_name and type (an object, possibly empty).
  json["env_kwargs"] = args.scenarioDef.empty() ? nlohmann::ordered_json::object()
                                                : nlohmann::ordered_json::parse(args.scenarioDef);
  return json.dump();
}

EnvArgs EnvArgsFromJson(const std::string& text, const std::string& where) {
  nlohmann::ordered_json json;  // ordered: scenario_def keeps its key order through a round trip
  try {
    json = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::exception& e) {  // parse_error, and out_of_range for 1e99999
    throw core::Error(where + ": env_args is not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object()) throw core::Error(where + ": env_args must be a JSON object");
  const std::set<std::string> known{"env_name",     "type",         "scenario",   "control_rate_hz", "action_mode",
                                    "action_names", "obs_layout",   "env_kwargs", "scenario_def"};
  for (const auto& item : json.items())
    if (!known.contains(item.key())) throw core::Error(where + ": env_args has unknown key \"" + item.key() + "\"");

  EnvArgs args;
  args.scenario = RequireString(json, "scenario", where);
  const nlohmann::ordered_json& rate = Require(json, "control_rate_hz", where);
  if (!rate.is_number() || !std::isfinite(rate.get<double>()) || rate.get<double>() <= 0.0)
    throw core::Error(where + ": env_args \"control_rate_hz\" must be a positive number");
  args.controlRate = rate.get<double>();
  args.actionMode = RequireString(json, "action_mode", where);
  args.actionNames = RequireNames(Require(json, "action_names", where), "\"action_names\"", where);
  if (args.actionNames.size() != 2)
    throw core::Error(where + ": env_args \"action_names\" must name exactly 2 action entries, got " +
                      std::to_string(args.actionNames.size()));
  const nlohmann::ordered_json& layout = Require(json, "obs_layout", where);
  if (!layout.is_object() || layout.empty())
    throw core::Error(where + ": env_args \"obs_layout\" must be a non-empty object of key → names");
  for (const auto& item : layout.items())
    args.obsLayout[item.key()] = RequireNames(item.value(), "obs_layout \"" + item.key() + "\"", where);
  // "scenario_def" is the name files written before env_kwargs used; {} means the parameters are not known.
  for (const char* key : {"env_kwargs", "scenario_def"}) {
    auto def = json.find(key);
    if (def == json.end()) continue;
    if (!def->is_object()) throw core::Error(where + ": env_args \"" + key + "\" must be a JSON object");
    if (!def->empty()) args.scenarioDef = def->dump();
  }
  return args;
}

}  // namespace learning::data
