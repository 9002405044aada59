#include "sim/scenario_registry.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/named_table.h"
#include "sim/def_io.h"
#include "sim/scenarios/brake_light.h"
#include "sim/scenarios/fast_slow.h"
#include "sim/scenarios/goal_arena.h"
#include "sim/scenarios/highway.h"
#include "sim/scenarios/lane_choice.h"

#ifndef ILDRIVE_ASSETS_DIR
#error "ILDRIVE_ASSETS_DIR must be defined by the build"
#endif

namespace sim {

namespace {

// json == nullptr: code defaults. Returns the scenario, or its defaults as JSON when asked.
using Factory = std::unique_ptr<Scenario> (*)(const nlohmann::json* json, const std::string& where);

template <class Def, std::unique_ptr<Scenario> (*Make)(const Def&)>
std::unique_ptr<Scenario> Build(const nlohmann::json* json, const std::string& where) {
  Def def;
  if (json != nullptr) {
    JsonDefReader reader(*json, where);
    reader.Claim("scenario");  // checked by the caller
    def.Visit(reader);
    reader.Finish();
  }
  return Make(def);
}

struct Entry {
  ScenarioInfo info;
  Factory factory;
};

std::vector<Entry> Table() {
  return {
      {{"highway", "multi-lane road with IDM/MOBIL traffic; free driving", "direct", "scenarios/highway.json"},
       &Build<HighwayDef, MakeHighway>},
      {{"brake_light", "follow a lead car that brakes to full stops; causal confusion via the brake lamp", "direct",
        "scenarios/brake_light.json"},
       &Build<BrakeLightDef, MakeBrakeLight>},
      {{"lane_choice", "an obstacle blocks the lane; pass left or right (50/50): multimodal", "direct",
        "scenarios/lane_choice.json"},
       &Build<LaneChoiceDef, MakeLaneChoice>},
      {{"fast_slow", "the lane ends: go right and fast or left and slow; covarying action dimensions", "targets",
        "scenarios/fast_slow.json"},
       &Build<FastSlowDef, MakeFastSlow>},
      {{"goal_arena", "open lot with goal spots; the episode's goal is in the observation", "direct",
        "scenarios/goal_arena.json"},
       &Build<GoalArenaDef, MakeGoalArena>},
  };
}

const std::string& NameOf(const Entry& e) { return e.info.name; }

// The entry called `name`; core::Error listing the valid names otherwise.
const Entry& Find(const std::vector<Entry>& table, const std::string& name, const std::string& where) {
  const Entry* e = core::FindByName(table, name, NameOf);
  if (e == nullptr)
    throw core::Error(where + "unknown scenario '" + name + "' (valid: " + core::JoinNames(table, NameOf) + ")");
  return *e;
}

}  // namespace

std::vector<ScenarioInfo> Scenarios() {
  std::vector<ScenarioInfo> infos;
  for (const Entry& e : Table()) infos.push_back(e.info);
  return infos;
}

std::unique_ptr<Scenario> MakeScenario(const std::string& name) {
  return Find(Table(), name, "").factory(nullptr, name);
}

std::unique_ptr<Scenario> MakeScenarioFromJson(const std::string& jsonText, const std::string& where) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(jsonText);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers beyond double (out_of_range)
    throw core::Error(where + ": not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object()) throw core::Error(where + ": expected a JSON object");
  auto it = json.find("scenario");
  if (it == json.end() || !it->is_string()) throw core::Error(where + ": missing string field 'scenario'");
  return Find(Table(), it->get<std::string>(), where + ": ").factory(&json, where);
}

std::unique_ptr<Scenario> MakeScenarioFromFile(const std::string& path) {
  return MakeScenarioFromJson(core::ReadFile(path), path);
}

std::string DefaultScenarioJson(const std::string& name) {
  return nlohmann::json::parse(MakeScenario(name)->DefJson()).dump(2) + "\n";
}

std::string AssetsDir() {
  if (const char* dir = std::getenv("ILDRIVE_ASSETS_DIR"); dir != nullptr && *dir != '\0') return dir;
  return ILDRIVE_ASSETS_DIR;
}

}  // namespace sim
