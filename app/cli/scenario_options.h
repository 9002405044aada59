#pragma once
// The --scenario / --scenario-file pair that record, eval, dagger and gui share: registered, checked and turned
// into a scenario in one place, so every command names, documents and validates the choice the same way.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "sim/scenario.h"

namespace app {

struct ScenarioChoice {
  std::string name;  // --scenario: a registry name (`ildrive record --list`)
  std::string file;  // --scenario-file: a scenario JSON (a copy of assets/scenarios/…, or a lesson's)

  // For commands that need a scenario: core::Error "<command> needs exactly one of --scenario or
  // --scenario-file (see `ildrive record --list`)" unless exactly one was given.
  void RequireOne(const std::string& command) const;
  // The file's scenario when a file was given, else the named one (an unknown name lists the valid ones).
  std::unique_ptr<sim::Scenario> Make() const;
  // What the user named: the scenario name, else the file.
  const std::string& Label() const { return name.empty() ? file : name; }
};

// Registers --scenario (described by `nameHelp`) and --scenario-file on `command`, writing into `name` and
// `file`; returns the --scenario-file option (the window also checks that it exists).
CLI::Option* AddScenarioOptions(CLI::App& command, std::string& name, std::string& file,
                                const std::string& nameHelp = "scenario name (see `ildrive record --list`)");
inline CLI::Option* AddScenarioOptions(CLI::App& command, ScenarioChoice& choice) {
  return AddScenarioOptions(command, choice.name, choice.file);
}

}  // namespace app
