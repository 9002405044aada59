#pragma once
// What the app remembers between runs, in one struct saved as JSON (atomic write): window size, which panels are
// open and where (Dear ImGui's layout text), overlays, last files, key bindings. Unknown keys are errors.
#include <string>

#include "app/gui/key_bindings.h"

namespace app {

struct Settings {
  int windowWidth = 1280;   // [px]
  int windowHeight = 720;   // [px]
  std::string scenario = "highway";
  float zoom = 12.f;        // [px/m]
  bool rotateWithCar = false;  // the scene turns so the car points right (else north stays up)
  bool showStartHere = true;   // the first-session card; dismissing it is remembered
  // Panels (one open flag each).
  bool showDashboard = true;
  bool showData = true;
  bool showTrain = false;
  bool showReplay = false;
  bool showLessons = false;
  bool showBelief = false;  // "What the policy believes" (belief_panel.h)
  bool showHelp = false;
  // Overlays.
  bool showLidar = false;
  bool showNearest = false;
  bool showCentreLines = false;
  bool showPredictions = true;
  // Files.
  std::string lastDataFile;
  std::string lastPolicyFile;
  KeyBindings keys;
  std::string panelLayout;  // Dear ImGui's .ini text (window positions and sizes)
};

// $XDG_CONFIG_HOME/ildrive/settings.json, else $HOME/.config/ildrive/settings.json, else "ildrive_settings.json".
std::string DefaultSettingsPath();

// A missing file gives the defaults; a malformed one throws core::Error naming the file and the key.
Settings LoadSettings(const std::string& path);
std::string SettingsToJson(const Settings& settings);
// Creates the directory if needed; atomic.
void SaveSettings(const Settings& settings, const std::string& path);

}  // namespace app
