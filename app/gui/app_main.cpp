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

namespace {

// "0.25x" … "8x", "max" (SimClock::SpeedName); "2" is read as "2x".
double ParseSpeed(const std::string& text) {
  for (double speed : SimClock::Speeds())
    if (text == SimClock::SpeedName(speed) || text + "x" == SimClock::SpeedName(speed)) return speed;
  std::string names;
  for (double speed : SimClock::Speeds()) names += (names.empty() ? "" : ", ") + SimClock::SpeedName(speed);
  throw core::Error("--speed must be one of " + names + ", not '" + text + "'");
}

}  // namespace

int RunGui(const GuiOptions& options) {
  // Init: settings, script, validation — every user error before the window opens.
  std::optional<InputScript> script;
  if (!options.inputScriptPath.empty()) script = InputScript::Load(options.inputScriptPath);
  bool scripted = options.frames >= 0 || script.has_value();
  long frames = options.frames >= 0 ? options.frames : (script ? script->FrameCount() : -1);
  if (options.drive != "human" && options.drive != "expert" && options.drive != "policy")
    throw core::Error("--drive must be human, expert or policy, not '" + options.drive + "'");
  const double speed = ParseSpeed(options.speed);
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
  Intents atStart;
  atStart.simSpeed = speed;
  gui.Apply(atStart);
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
  int watched = 0;               // watch episodes counted so far
  double lastWatchedAt = 0.0;    // [s] since the loop started, when the last one was counted
  for (long frame = 0; frames < 0 || frame < frames; ++frame) {
    if (options.seconds > 0.0 &&
        static_cast<double>(SDL_GetPerformanceCounter() - startCounter) / frequency >= options.seconds)
      break;
    const KeySet* keys = script ? &script->KeysAt(frame) : nullptr;
    const MouseFrame mouse = script ? script->MouseAt(frame) : MouseFrame{};
    bool capture = !options.screenshotPath.empty() && frame == frames - 1;
    if (!gui.Frame(keys, capture ? &lastFrame : nullptr, &mouse)) break;
    if (gui.Watch().episodes != watched) {
      watched = gui.Watch().episodes;
      lastWatchedAt = static_cast<double>(SDL_GetPerformanceCounter() - startCounter) / frequency;
    }
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
      // Throughput: wall time from the start to the last counted episode.
      if (watch.episodes > 0 && lastWatchedAt > 0.0)
        std::printf("watch speed %s: %d episodes in %.1f s, %.2f episodes/min\n",
                    SimClock::SpeedName(gui.Clock().Speed()).c_str(), watch.episodes, lastWatchedAt,
                    watch.episodes * 60.0 / lastWatchedAt);
    }
  }
  if (!settingsPath.empty()) {
    gui.StoreSettings();
    SaveSettings(settings, settingsPath);
  }
  return 0;
}

}  // namespace app
