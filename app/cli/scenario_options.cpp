#include "app/cli/scenario_options.h"

#include "core/error.h"
#include "sim/scenario_registry.h"

namespace app {

void ScenarioChoice::RequireOne(const std::string& command) const {
  if (name.empty() == file.empty())
    throw core::Error(command + " needs exactly one of --scenario or --scenario-file (see `ildrive record --list`)");
}

std::unique_ptr<sim::Scenario> ScenarioChoice::Make() const {
  return file.empty() ? sim::MakeScenario(name) : sim::MakeScenarioFromFile(file);
}

CLI::Option* AddScenarioOptions(CLI::App& command, std::string& name, std::string& file, const std::string& nameHelp) {
  command.add_option("--scenario", name, nameHelp);
  return command.add_option("--scenario-file", file,
                            "scenario JSON with its own parameters (a copy of assets/scenarios/…, or a lesson's)");
}

}  // namespace app
