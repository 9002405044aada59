#pragma once
// Scenarios for the Python module: a registered name or a scenario file, with keyword overrides of the scenario's
// Def fields applied on top (ildrive.make("highway", duration=20, common={"lidarRays": 16})). Overrides are a JSON
// merge patch of the Def (nested objects merge); a key that is not a top-level field but is a field of `common`
// goes there, so the common settings need no nesting. The result is validated by the scenario's own reader:
// unknown keys and out-of-range values are errors naming the field.
#include <string>

#include "sim/env.h"

namespace ildrive_py {

// The Def JSON text of `scenario` (a name; may be empty when `scenarioFile` is given) or of `scenarioFile` (a path;
// its "scenario" field must equal `scenario` when both are given), with `overridesJson` (a JSON object text) merged
// in. std::invalid_argument naming the scenario, file or field.
std::string ScenarioJson(const std::string& scenario, const std::string& scenarioFile, const std::string& overridesJson);

// The Env of a scenario JSON text; std::invalid_argument for an invalid one.
sim::Env MakeEnvFromJson(const std::string& json, const std::string& where);

}  // namespace ildrive_py
