#pragma once
// What the user asked for this frame, from keys or panels. Panels only fill this in; the loop applies it after
// drawing (docs/design.md: drawing never changes the simulation).
#include <cstdint>
#include <optional>
#include <string>

namespace app {

enum class DriverKind { kHuman, kExpert, kPolicy };
const char* DriverKindName(DriverKind kind);

// Which episodes a training run learns from (every run starts from scratch).
enum class TrainScope {
  kDemos,  // the demonstrations: every episode whose source is not "dagger" (behaviour cloning)
  kAll,    // demonstrations and DAgger-labelled episodes: the DAgger loop's aggregate-and-retrain step
};

// A lesson to run from the Lessons panel (learning/imitation/lessons/lesson_registry.h's options).
struct LessonRequest {
  std::string name;
  bool quick = true;
  int seeds = 0;         // 0: the lesson's default
  int evalEpisodes = 0;  // 0: the lesson's default
  uint64_t seed = 0;
  int threads = 1;
};

// A policy a lesson trained: the row (table, method) of the Lessons panel's current result.
struct LessonPolicyRequest {
  std::string table;
  std::string method;
};

struct Intents {
  bool reset = false;
  std::string scenario;  // non-empty: switch to this scenario
  bool togglePause = false;
  bool step = false;  // one control step while paused
  std::optional<double> simSpeed;  // SimClock::Speeds()
  bool cycleSlowMotion = false;
  bool cycleFastForward = false;
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
  std::optional<double> replaySpeed;   // 1 or 0.25 (of the control rate)
  std::optional<bool> replayRelabel;   // held keys overwrite the labels of the steps passed
  bool replayUndo = false;             // undo the last relabelling stroke
  // Training.
  std::optional<TrainScope> startTraining;
  bool cancelTraining = false;
  // Watch: the policy drives N episodes in a row with a running success rate.
  std::optional<int> watchStart;  // N
  bool watchStop = false;
  // Lessons.
  std::optional<LessonRequest> startLesson;
  bool cancelLesson = false;
  std::optional<LessonPolicyRequest> watchLessonPolicy;  // load it in its lesson's scenario and watch it drive
  std::optional<bool> laneKeeping;                        // the expert steers while the policy drives
  bool quitConfirmed = false;  // "Quit without saving" in the close dialog
  bool saveAndQuit = false;
};

}  // namespace app
