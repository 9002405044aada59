#pragma once
// The dashboard: speed, the driver's (and the policy's) steer and accel, the ego's brake indicator lamp (the
// causal-confusion cue made visible), who drives and who labels (with the label's bars), recording, FPS and sim
// speed; plus the driving controls and the overlay switches; and Watch: the policy drives N episodes in a row with
// a running success rate (n, successes, collisions, Wilson 95% intervals), a control for N and Stop. Draws from a plain model; writes only
// intents, the overlay flags and its own widget state.
#include <optional>
#include <string>

#include "app/gui/intents.h"
#include "app/render/overlays.h"
#include "app/render/palette.h"
#include "app/gui/watch_run.h"

namespace app {

struct ActionBars {
  float steer = 0.f;  // [-1,1] + = left
  float accel = 0.f;  // [-1,1] + = throttle
};

struct DashboardModel {
  std::string scenario;
  bool customScenario = false;  // parameters other than the registered defaults (e.g. a lesson's)
  std::string actionMode;  // "direct" | "targets"
  uint64_t seed = 0;
  double time = 0.0;     // [s] episode time
  double speed = 0.0;    // [m/s]
  double speedLimit = 0.0;  // [m/s] of the ego's lane (0: none)
  DriverKind driving = DriverKind::kHuman;
  bool takeover = false;      // the human holds the wheel (DAgger)
  bool corrections = false;   // DAgger: the human's keys label the states
  bool policyLoaded = false;
  std::string policyName;     // where the loaded policy came from
  bool laneKeeping = false;   // the expert steers while the policy drives (it works the pedals)
  ActionBars executed;                // what the car got
  std::optional<ActionBars> policy;   // what the policy proposed, when one is loaded
  std::string labelledBy = "your keys";  // who labels the recorded steps (app::LabelledByText)
  std::optional<ActionBars> label;    // the label, when the policy drives (the keys' or the expert's)
  bool stepLabelled = true;           // the current step's label is recorded as real (else labelled = 0)
  bool brakeLamp = false;
  bool recording = false;
  int episodes = 0;           // in the open dataset
  double fps = 0.0;
  double simSpeed = 1.0;        // SimClock::Speeds(), kAsFastAsPossible for max
  double achievedSpeed = 0.0;   // sim seconds per real second reached
  bool paused = false;
  std::string lastOutcome;    // of the last finished episode
  WatchTally watch;
};

// The panel's own widget state.
struct DashboardState {
  int watchEpisodes = 20;  // N for the next watch run
};

void DrawDashboardPanel(const DashboardModel& model, const Palette& palette, Overlays& overlays,
                        DashboardState& state, Intents& intents, bool* open);

}  // namespace app
