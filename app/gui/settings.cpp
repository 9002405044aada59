#include "app/gui/settings.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "app/render/json_object.h"
#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

namespace {

template <typename T>
void Read(const nlohmann::json& json, const char* key, T& out, const std::string& path) {
  auto it = json.find(key);
  if (it == json.end()) return;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // nlohmann converts a float or an out-of-range number to int without a check (undefined behaviour; found by
    // fuzz_app_inputs with a window_width of 1.3e24): an int setting must be a whole number that fits.
    // (nlohmann's is_number_integer() is true for unsigned numbers too: test those first.)
    bool fits = false;
    if (it->is_number_unsigned()) {
      fits = it->template get<unsigned long long>() <= static_cast<unsigned long long>(std::numeric_limits<T>::max());
    } else if (it->is_number_integer()) {
      const long long value = it->template get<long long>();
      fits = value >= std::numeric_limits<T>::min() && value <= std::numeric_limits<T>::max();
    }
    if (!fits) throw core::Error(path + ": '" + key + "' must be a whole number that fits an int");
  }
  if constexpr (std::is_floating_point_v<T>) {  // the same for a double too large for a float
    if (it->is_number() && !(std::abs(it->template get<double>()) <= std::numeric_limits<T>::max()))
      throw core::Error(path + ": '" + key + "' is out of range");
  }
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw core::Error(path + ": '" + key + "' has the wrong type");
  }
}

}  // namespace

std::string DefaultSettingsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] != '\0') return std::string(xdg) + "/ildrive/settings.json";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') return std::string(home) + "/.config/ildrive/settings.json";
  return "ildrive_settings.json";
}

Settings LoadSettings(const std::string& path) {
  Settings settings;
  if (!std::filesystem::exists(path)) return settings;
  nlohmann::json json = ParseJsonObject(core::ReadFile(path), path);
  const char* known[] = {"window_width", "window_height",     "scenario",         "zoom",           "show_dashboard",
                         "show_data",    "show_train",        "show_replay",      "show_lessons",   "show_belief",   "show_help",
                         "show_lidar",   "show_nearest",      "show_centre_lines", "show_predictions",
                         "last_data_file", "last_policy_file", "keys",            "panel_layout",
                         "rotate_with_car", "show_start_here"};
  for (const auto& item : json.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || item.key() == k;
    if (!ok) throw core::Error(path + ": unknown setting '" + item.key() + "'");
  }
  Read(json, "window_width", settings.windowWidth, path);
  Read(json, "window_height", settings.windowHeight, path);
  if (settings.windowWidth < 320 || settings.windowWidth > 16384 || settings.windowHeight < 240 ||
      settings.windowHeight > 16384)
    throw core::Error(path + ": window size must be within 320x240 .. 16384x16384");
  Read(json, "scenario", settings.scenario, path);
  Read(json, "zoom", settings.zoom, path);
  Read(json, "rotate_with_car", settings.rotateWithCar, path);
  Read(json, "show_start_here", settings.showStartHere, path);
  Read(json, "show_dashboard", settings.showDashboard, path);
  Read(json, "show_data", settings.showData, path);
  Read(json, "show_train", settings.showTrain, path);
  Read(json, "show_replay", settings.showReplay, path);
  Read(json, "show_lessons", settings.showLessons, path);
  Read(json, "show_belief", settings.showBelief, path);
  Read(json, "show_help", settings.showHelp, path);
  Read(json, "show_lidar", settings.showLidar, path);
  Read(json, "show_nearest", settings.showNearest, path);
  Read(json, "show_centre_lines", settings.showCentreLines, path);
  Read(json, "show_predictions", settings.showPredictions, path);
  Read(json, "last_data_file", settings.lastDataFile, path);
  Read(json, "last_policy_file", settings.lastPolicyFile, path);
  Read(json, "panel_layout", settings.panelLayout, path);
  if (json.contains("keys")) settings.keys.Apply(json["keys"].dump(), path + ": 'keys'");
  return settings;
}

std::string SettingsToJson(const Settings& s) {
  nlohmann::ordered_json json;
  json["window_width"] = s.windowWidth;
  json["window_height"] = s.windowHeight;
  json["scenario"] = s.scenario;
  json["zoom"] = s.zoom;
  json["rotate_with_car"] = s.rotateWithCar;
  json["show_start_here"] = s.showStartHere;
  json["show_dashboard"] = s.showDashboard;
  json["show_data"] = s.showData;
  json["show_train"] = s.showTrain;
  json["show_replay"] = s.showReplay;
  json["show_lessons"] = s.showLessons;
  json["show_belief"] = s.showBelief;
  json["show_help"] = s.showHelp;
  json["show_lidar"] = s.showLidar;
  json["show_nearest"] = s.showNearest;
  json["show_centre_lines"] = s.showCentreLines;
  json["show_predictions"] = s.showPredictions;
  json["last_data_file"] = s.lastDataFile;
  json["last_policy_file"] = s.lastPolicyFile;
  json["keys"] = nlohmann::ordered_json::parse(s.keys.ToJson());
  json["panel_layout"] = s.panelLayout;
  return json.dump(2) + "\n";
}

void SaveSettings(const Settings& settings, const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  core::WriteFileAtomically(path, SettingsToJson(settings));
}

}  // namespace app
