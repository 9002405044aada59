// `ildrive gui`: the window; with --frames/--input/--screenshot/--stats it runs scripted (tests, benchmarks).
#include <CLI/CLI.hpp>

#include "app/cli/commands.h"
#include "app/cli/scenario_options.h"
#include "app/gui/app_main.h"

namespace app {

void AddGuiCommand(CLI::App& cli) {
  auto options = std::make_shared<GuiOptions>();
  CLI::App* gui = cli.add_subcommand("gui", "open the app window (drive, record, train, watch, correct)");
  AddScenarioOptions(*gui, options->scenario, options->scenarioFile,
                     "scenario to open (default: the last one used, else highway)")
      ->check(CLI::ExistingFile);
  gui->add_option("--seed", options->seed, "seed of the first episode")->capture_default_str();
  gui->add_option("--frames", options->frames, "quit after N frames (scripted run: fixed 1/60 s per frame)")
      ->check(CLI::NonNegativeNumber);
  gui->add_option("--seconds", options->seconds, "also quit after S seconds of wall-clock time (soaks)")
      ->check(CLI::PositiveNumber);
  gui->add_option("--screenshot", options->screenshotPath, "save the last frame as a PNG file");
  gui->add_option("--input", options->inputScriptPath, "per-frame key and mouse states from a script file")
      ->check(CLI::ExistingFile);
  gui->add_flag("--stats", options->stats, "print frame-time statistics: frame_ms median X p99 Y");
  gui->add_option("--settings", options->settingsPath, "settings file (default: the user's config directory)");
  gui->add_option("--data", options->dataPath, "dataset (HDF5) to open")->check(CLI::ExistingFile);
  gui->add_option("--policy", options->policyPath, "policy checkpoint (HDF5) to load")->check(CLI::ExistingFile);
  gui->add_option("--drive", options->drive, "who drives at start")
      ->check(CLI::IsMember({"human", "expert", "policy"}))
      ->capture_default_str();
  gui->add_flag("--lane-keeping", options->laneKeeping,
                "while the policy drives, the expert's lane keeping steers (the brake_light lessons' clones)");
  gui->add_option("--watch", options->watch,
                  "the loaded policy drives N episodes in a row (running success rate; --stats prints it)")
      ->check(CLI::Range(1, 1000000));
  gui->add_option("--speed", options->speed,
                  "simulation speed at start: 0.25x, 0.5x, 1x, 2x, 4x, 8x or max (as fast as possible, frames skipped)")
      ->capture_default_str();
  gui->add_option("--width", options->width, "window width [px]")->check(CLI::Range(320, 16384));
  gui->add_option("--height", options->height, "window height [px]")->check(CLI::Range(240, 16384));
  gui->callback([options] {
    int status = RunGui(*options);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

int OpenApp() { return RunGui(GuiOptions{}); }

}  // namespace app
