#pragma once
// What the user asked for this frame, from keys or panels. Panels only fill this in; the loop applies it after
// drawing (STYLE.md: drawing never changes the simulation).
#include <optional>
#include <string>

namespace app {

enum class DriverKind { kHuman, kExpert, kPolicy };
const char* DriverKindName(DriverKind kind);

struct Intents {
  bool reset = false;
  std::string scenario;  // non-empty: switch to this scenario
  bool togglePause = false;
  bool step = false;  // one control step while paused
  std::optional<double> simSpeed;
  bool cycleSpeed = false;
  std::optional<DriverKind> driver;
  bool toggleRecording = false;
  bool toggleCorrections = false;
  bool discardLastEpisode = false;
  std::optional<int> deleteEpisode;
  std::string saveDataPath;  // non-empty: save the dataset there
  std::string loadDataPath;  // non-empty: load (replace) the dataset from there
  std::string loadPolicyPath;  // non-empty: load a policy checkpoint
  bool clearData = false;
  int addExpertEpisodes = 0;
  int addNoisyExpertEpisodes = 0;
  // Replay.
  std::optional<int> replayOpen;   // episode index
  std::optional<int> replaySeek;   // control step
  bool replayTogglePlay = false;
  bool replayClose = false;
  // Training.
  bool startTraining = false;
  bool cancelTraining = false;
  bool quitConfirmed = false;  // "Quit without saving" in the close dialog
  bool saveAndQuit = false;
};

}  // namespace app
