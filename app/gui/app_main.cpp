#include "app/gui/app_main.h"

#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "app/gui/gui_app.h"
#include "app/gui/input_script.h"
#include "app/gui/screenshot.h"
#include "app/gui/settings.h"
#include "core/error.h"

namespace app {

namespace {

bool HeadlessVideoDriver() {
  const char* driver = std::getenv("SDL_VIDEODRIVER");
  return driver != nullptr && (std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0);
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
  if (HeadlessVideoDriver()) {
    // No display: the software renderer draws deterministically (environment variables still win).
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  GuiApp gui(def, settings);
  Session& session = gui.GetSession();
  if (!options.dataPath.empty()) session.LoadData(options.dataPath);
  if (!options.policyPath.empty()) session.LoadPolicy(options.policyPath);
  if (options.drive == "expert") session.SetDriving(DriverKind::kExpert);
  if (options.drive == "policy") session.SetDriving(DriverKind::kPolicy);

  // Loop.
  Image lastFrame;
  for (long frame = 0; frames < 0 || frame < frames; ++frame) {
    const KeySet* keys = script ? &script->KeysAt(frame) : nullptr;
    bool capture = !options.screenshotPath.empty() && frame == frames - 1;
    if (!gui.Frame(keys, capture ? &lastFrame : nullptr)) break;
  }

  // Results and cleanup.
  if (!options.screenshotPath.empty() && lastFrame.width > 0) WritePng(lastFrame, options.screenshotPath);
  if (options.stats) std::printf("%s\n", gui.Stats().Summary().c_str());
  if (!settingsPath.empty()) {
    gui.StoreSettings();
    SaveSettings(settings, settingsPath);
  }
  return 0;
}

}  // namespace app
