#pragma once
// The one table of scenarios. The GUI pickers, the CLI (`record --list`, `--scenario`, `--scenario-file`) and the
// generic tests iterate Scenarios(). Defaults live in code and are mirrored in assets/scenarios/<name>.json
// (a test checks they agree).
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario.h"

namespace sim {

struct ScenarioInfo {
  std::string name;
  std::string description;
  std::string defaultMode;  // "direct" or "targets"
  std::string assetFile;    // path relative to the assets directory, e.g. "scenarios/highway.json"
};

std::vector<ScenarioInfo> Scenarios();

// A scenario with its code defaults; an unknown name is a core::Error listing the valid ones.
std::unique_ptr<Scenario> MakeScenario(const std::string& name);
// A scenario from JSON text ({"scenario": NAME, ...Def fields...}; fields left out keep their defaults; unknown
// keys and out-of-range values are core::Errors naming `where` and the field).
std::unique_ptr<Scenario> MakeScenarioFromJson(const std::string& jsonText, const std::string& where);
std::unique_ptr<Scenario> MakeScenarioFromFile(const std::string& path);
// The code defaults of a scenario as JSON text (what its asset file holds).
std::string DefaultScenarioJson(const std::string& name);

// The assets directory: $ILDRIVE_ASSETS_DIR if set, else the source tree's assets/ (compile definition).
std::string AssetsDir();

}  // namespace sim
