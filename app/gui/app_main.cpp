#include "app/gui/app_main.h"

#include <SDL.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "app/gui/display_check.h"
#include "app/gui/gui_app.h"
#include "app/gui/input_script.h"
#include "app/render/image.h"
#include "app/gui/settings.h"
#include "core/error.h"
#include "sim/scenario_registry.h"

namespace app {

int RunGui(const GuiOptions& options) {
  // Init: settings, script, validation — every user error before the window opens.
  std::optional<InputScript> script;
  if (!options.inputScriptPath.empty()) script = InputScript::Load(options.inputScriptPath);
  bool scripted = options.frames >= 0 || script.has_value();
  long frames = options.frames >= 0 ? options.frames : (script ? script->FrameCount() : -1);
  if (options.drive != "human" && options.drive != "expert" && options.drive != "policy")
    throw core::Error("--drive must be human, expert or policy, not '" + options.drive + "'");
  if (!options.scenario.empty() && !options.scenarioFile.empty())
    throw core::Error("give --scenario or --scenario-file, not both");
  std::unique_ptr<sim::Scenario> scenarioFromFile;
  if (!options.scenarioFile.empty()) scenarioFromFile = sim::MakeScenarioFromFile(options.scenarioFile);
  if (!options.screenshotPath.empty() && frames < 1)
    throw core::Error("--screenshot needs --frames N or --input SCRIPT (which frame to save)");
  std::string settingsPath = !options.settingsPath.empty() ? options.settingsPath
                             : scripted                    ? ""
                                                           : DefaultSettingsPath();
  Settings settings = settingsPath.empty() ? Settings{} : LoadSettings(settingsPath);
  if (options.width > 0) settings.windowWidth = options.width;
  if (options.height > 0) settings.windowHeight = options.height;
  GuiAppDef def;
  def.scenario = options.scenario.empty() ? settings.scenario : options.scenario;
  def.seed = options.seed;
  def.fixedTimestep = scripted;
  if (IsHeadlessVideoDriver(ReadDisplayEnvironment().requestedDriver)) {
    // No display: the software renderer draws deterministically (environment variables still win).
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  GuiApp gui(def, settings);
  Session& session = gui.GetSession();
  if (scenarioFromFile) session.SetScenario(std::move(scenarioFromFile));
  if (!options.dataPath.empty()) session.LoadData(options.dataPath);
  if (!options.policyPath.empty()) session.LoadPolicy(options.policyPath);
  session.SetLaneKeeping(options.laneKeeping);
  if (options.drive == "expert") session.SetDriving(DriverKind::kExpert);
  if (options.drive == "policy") session.SetDriving(DriverKind::kPolicy);
  if (options.watch > 0) {
    Intents watch;
    watch.watchStart = options.watch;
    gui.Apply(watch);
    if (!gui.ErrorMessage().empty()) throw core::Error("--watch: " + gui.ErrorMessage());
  }

  // Loop.
  Image lastFrame;
  const uint64_t startCounter = SDL_GetPerformanceCounter();
  const double frequency = static_cast<double>(SDL_GetPerformanceFrequency());
  for (long frame = 0; frames < 0 || frame < frames; ++frame) {
    if (options.seconds > 0.0 &&
        static_cast<double>(SDL_GetPerformanceCounter() - startCounter) / frequency >= options.seconds)
      break;
    const KeySet* keys = script ? &script->KeysAt(frame) : nullptr;
    const MouseFrame mouse = script ? script->MouseAt(frame) : MouseFrame{};
    bool capture = !options.screenshotPath.empty() && frame == frames - 1;
    if (!gui.Frame(keys, capture ? &lastFrame : nullptr, &mouse)) break;
    if (scripted && options.watch > 0 && !gui.Watch().running) break;  // the watch run is complete
  }

  // Results and cleanup.
  if (!options.screenshotPath.empty() && lastFrame.width > 0) WritePng(lastFrame, options.screenshotPath);
  if (options.stats) {
    std::printf("%s\n", gui.Stats().Summary().c_str());
    const TrainingStatus training = gui.Training();  // whether the frames above shared the machine with training
    if (training.running)
      std::printf("training still running (%.0f%% of its steps)\n", training.fraction * 100.0);
    else if (!training.message.empty())
      std::printf("training %s\n", training.message.c_str());
    const WatchTally& watch = gui.Watch();
    if (watch.target > 0) {
      const learning::imitation::RateEstimate success = watch.Success();
      std::printf("watch episodes %d successes %d collisions %d success_rate %.3f ci [%.3f, %.3f]\n", watch.episodes,
                  watch.successes, watch.collisions, success.rate, success.low, success.high);
    }
  }
  if (!settingsPath.empty()) {
    gui.StoreSettings();
    SaveSettings(settings, settingsPath);
  }
  return 0;
}

}  // namespace app
