#pragma once
// Game commands and the keys bound to them. The table of commands (name, default keys, what it does) is the one
// place F1's help, the bindings file (assets/app/keys.json) and the settings file all come from. Keys are SDL key
// names ("Left", "A", "Space", "Left Shift", "F1"), resolved to scancodes so the layout does not matter.
#include <array>
#include <bitset>
#include <string>
#include <vector>

namespace app {

enum class Command {
  kSteerLeft,
  kSteerRight,
  kThrottle,
  kBrake,
  kFullBrake,
  kTakeover,
  kPause,
  kStep,
  kSlowMotion,
  kFastForward,
  kReset,
  kRecord,
  kDiscardLast,
  kCorrections,
  kTrain,
  kDriverHuman,
  kDriverExpert,
  kDriverPolicy,
  kLidar,
  kNearest,
  kCentreLines,
  kZoomIn,
  kZoomOut,
  kRecentre,
  kHelp,
  kCount
};
constexpr int kCommandCount = static_cast<int>(Command::kCount);

struct CommandInfo {
  Command command;
  std::string name;                      // key in keys.json, e.g. "steer_left"
  std::vector<std::string> defaultKeys;  // SDL key names
  std::string help;                      // one line for F1
};
// Every command, in F1's order.
std::vector<CommandInfo> Commands();

// Command → scancodes. Each command may have several keys.
class KeyBindings {
 public:
  // The defaults of Commands().
  KeyBindings();
  // JSON object name → [key names]; unknown commands or key names throw core::Error naming `where`.
  // Commands the object leaves out keep their current keys.
  void Apply(const std::string& json, const std::string& where);
  static KeyBindings Load(const std::string& path);
  std::string ToJson() const;

  const std::vector<int>& Scancodes(Command command) const { return keys_[static_cast<int>(command)]; }
  // "Left / A" for the help panel.
  std::string KeyNames(Command command) const;
  bool operator==(const KeyBindings&) const = default;

 private:
  std::array<std::vector<int>, kCommandCount> keys_;  // SDL_Scancode values
};

// The keys held this frame, as a set of scancodes (from the keyboard, or from an input script).
using KeySet = std::vector<int>;

// The commands held this frame and those newly pressed (held now, not held the frame before).
struct CommandState {
  std::bitset<kCommandCount> held;
  std::bitset<kCommandCount> pressed;
  bool Held(Command c) const { return held.test(static_cast<int>(c)); }
  bool Pressed(Command c) const { return pressed.test(static_cast<int>(c)); }
};

CommandState EvaluateCommands(const KeyBindings& bindings, const KeySet& now, const KeySet& before);

// Scancode for an SDL key name; throws core::Error naming `where` when SDL does not know the name.
int ScancodeFromName(const std::string& name, const std::string& where);
std::string ScancodeName(int scancode);

}  // namespace app
