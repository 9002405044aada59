#include "app/gui/key_bindings.h"

#include <SDL.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/render/json_object.h"
#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

std::vector<CommandInfo> Commands() {
  using C = Command;
  return {
      {C::kSteerLeft, "steer_left", {"Left", "A"}, "steer left (ramped)"},
      {C::kSteerRight, "steer_right", {"Right", "D"}, "steer right (ramped)"},
      {C::kThrottle, "throttle", {"Up", "W"}, "accelerate (ramped)"},
      {C::kBrake, "brake", {"Down", "S"}, "brake (ramped)"},
      {C::kFullBrake, "full_brake", {"Space"}, "full brake at once"},
      {C::kTakeover, "takeover", {"Left Shift", "Right Shift"}, "hold: you drive instead of the policy (DAgger)"},
      {C::kPause, "pause", {"P"}, "pause / resume the simulation"},
      {C::kStep, "step", {"N"}, "while paused: advance one control step"},
      {C::kSlowMotion, "slow_motion", {"M"}, "slow motion: sim speed 1x / 0.5x / 0.25x"},
      {C::kFastForward, "fast_forward", {"F"}, "fast-forward: sim speed 1x / 2x / 4x / 8x / max (frames skipped)"},
      {C::kReset, "reset", {"Backspace"}, "reset the episode (next seed)"},
      {C::kRecord, "record", {"R"}, "recording on / off"},
      {C::kDiscardLast, "discard_last", {"X"}, "discard the last recorded episode"},
      {C::kCorrections, "corrections", {"C"}, "DAgger: your keys label the policy's states on / off"},
      {C::kTrain, "train", {"T"}, "Retrain on all: demos + DAgger episodes, from scratch, in the background"},
      {C::kDriverHuman, "driver_human", {"1"}, "you drive"},
      {C::kDriverExpert, "driver_expert", {"2"}, "the scripted expert drives"},
      {C::kDriverPolicy, "driver_policy", {"3"}, "the loaded policy drives"},
      {C::kLidar, "lidar", {"L"}, "overlay: lidar rays"},
      {C::kNearest, "nearest", {"K"}, "overlay: the K nearest vehicles the policy sees"},
      {C::kCentreLines, "centre_lines", {"O"}, "overlay: lane centre lines"},
      {C::kZoomIn, "zoom_in", {"=", "Keypad +"}, "zoom in (also the mouse wheel)"},
      {C::kZoomOut, "zoom_out", {"-", "Keypad -"}, "zoom out"},
      {C::kRecentre, "recentre", {"Home"}, "camera follows the ego again (after dragging)"},
      {C::kHelp, "help", {"F1"}, "this list of keys"},
  };
}

int ScancodeFromName(const std::string& name, const std::string& where) {
  SDL_Scancode code = SDL_GetScancodeFromName(name.c_str());
  if (code == SDL_SCANCODE_UNKNOWN) throw core::Error(where + ": unknown key name '" + name + "'");
  return static_cast<int>(code);
}

std::string ScancodeName(int scancode) { return SDL_GetScancodeName(static_cast<SDL_Scancode>(scancode)); }

KeyBindings::KeyBindings() {
  for (const CommandInfo& info : Commands())
    for (const std::string& key : info.defaultKeys)
      keys_[static_cast<int>(info.command)].push_back(ScancodeFromName(key, "default key bindings"));
}

void KeyBindings::Apply(const std::string& text, const std::string& where) {
  nlohmann::json json = ParseJsonObject(text, where);
  std::vector<CommandInfo> commands = Commands();
  for (const auto& item : json.items()) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambda below.
    const std::string& name = item.key();
    const nlohmann::json& value = item.value();
    auto info = std::find_if(commands.begin(), commands.end(), [&](const CommandInfo& c) { return c.name == name; });
    if (info == commands.end()) throw core::Error(where + ": unknown command '" + name + "'");
    if (!value.is_array()) throw core::Error(where + ": '" + name + "' must be a list of key names");
    std::vector<int> codes;
    for (const auto& key : value) {
      if (!key.is_string()) throw core::Error(where + ": '" + name + "' must be a list of key names");
      codes.push_back(ScancodeFromName(key.get<std::string>(), where + ": '" + name + "'"));
    }
    keys_[static_cast<int>(info->command)] = codes;
  }
}

KeyBindings KeyBindings::Load(const std::string& path) {
  KeyBindings bindings;
  bindings.Apply(core::ReadFile(path), path);
  return bindings;
}

std::string KeyBindings::ToJson() const {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const CommandInfo& info : Commands()) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (int code : Scancodes(info.command)) names.push_back(ScancodeName(code));
    json[info.name] = names;
  }
  return json.dump(2) + "\n";
}

std::string KeyBindings::KeyNames(Command command) const {
  std::string text;
  for (int code : Scancodes(command)) text += (text.empty() ? "" : " / ") + ScancodeName(code);
  return text.empty() ? "(unbound)" : text;
}

CommandState EvaluateCommands(const KeyBindings& bindings, const KeySet& now, const KeySet& before) {
  auto anyIn = [](const std::vector<int>& codes, const KeySet& keys) {
    for (int code : codes)
      if (std::find(keys.begin(), keys.end(), code) != keys.end()) return true;
    return false;
  };
  CommandState state;
  for (int c = 0; c < kCommandCount; ++c) {
    const std::vector<int>& codes = bindings.Scancodes(static_cast<Command>(c));
    bool held = anyIn(codes, now);
    state.held.set(c, held);
    state.pressed.set(c, held && !anyIn(codes, before));
  }
  return state;
}

}  // namespace app
