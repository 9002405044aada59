#pragma once
// `ildrive gui` (and `ildrive` with no arguments): the window, interactively or scripted for tests and benches.
#include <cstdint>
#include <string>

namespace app {

struct GuiOptions {
  std::string scenario;          // empty: the one from the settings (default highway)
  std::string scenarioFile;      // a scenario with its own parameters (JSON), instead of --scenario
  uint64_t seed = 1;             // first episode's seed
  long frames = -1;              // quit after N frames (-1: when the window closes, or when the script ends)
  double seconds = 0.0;          // [s] > 0: also quit after this much wall-clock time (soaks)
  std::string screenshotPath;    // PNG of the last frame (needs --frames or --input)
  std::string inputScriptPath;   // per-frame key states (input_script.h)
  bool stats = false;            // print "frame_ms median X p99 Y"
  std::string settingsPath;      // empty: the user's settings file when interactive, none when scripted
  std::string dataPath;          // a dataset to open at start
  std::string policyPath;        // a policy checkpoint to load at start (it drives when --drive policy)
  std::string drive = "human";   // who drives at start: human | expert | policy
  bool laneKeeping = false;      // the expert steers while the policy drives (it works the pedals)
  int watch = 0;                 // > 0: the policy drives this many episodes (Watch); a scripted run ends with it
  std::string speed = "1x";      // simulation speed at start: 0.25x … 8x or max (SimClock::SpeedName)
  int width = 0;                 // [px] 0: from the settings
  int height = 0;                // [px]
};

// Returns the process exit status; user errors (bad files, options) throw core::Error.
int RunGui(const GuiOptions& options);

}  // namespace app
