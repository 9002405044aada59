#pragma once
// What the window is about, without the window: the Env being driven, who drives (the person, the scripted
// expert or a policy) and who labels, the episode being recorded, and the dataset open in the app. The loop calls
// Tick once per physics tick; tests drive a Session directly, with no SDL.
//
// Recording: every control step stores the observation the driver saw, the executed action and the label. Human
// and expert driving label with their own action. When the policy drives (DAgger) the label is the person's keys
// while corrections are on, else the scripted expert's action; holding the takeover key hands the wheel to the
// person (executed = label = keys). Such episodes have source "dagger", kept apart from the demos. With
// corrections on, a step is labelled only where the person acts — a key (or the stick) held at any moment since
// the previous decision or at this one, so releasing a key counts too; the other steps are stored with
// labelled = 0 (learning::data::Episode::labelled) and left out of training: approving the policy by pressing
// nothing is not "steer 0, accel 0". Takeover steps are always labelled (HG-DAgger).
// A finished episode joins the dataset; with a data file set it is appended to that file at once, so a crash
// loses at most the episode being driven.
//
// Lane keeping assist: while the policy drives, the scripted expert's lane keeping steers and the policy works
// only the pedals, as adaptive cruise control would — how the brake_light lessons evaluate their clones
// (learning/imitation/lane_kept_driver.h), so their policies are watched the way they were measured.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/episode_buffer.h"
#include "app/gui/intents.h"
#include "app/gui/replay_relabel.h"
#include "app/gui/watch_run.h"
#include "learning/data/dataset.h"
#include "learning/imitation/policy_driver.h"
#include "sim/driver.h"
#include "sim/env.h"
#include "sim/human_driver.h"

namespace app {

// Who labels the control steps being recorded (the Dashboard says it).
enum class LabelledBy {
  kExpert,         // the scripted expert (expert driving; the policy driving with corrections off)
  kKeys,           // the person's keys at every step (the person driving or taking over)
  kKeysWhereActed  // the person's keys, only at the steps where they act (the policy driving, corrections on)
};
const char* LabelledByText(LabelledBy who);  // "scripted expert" | "your keys" | "your keys where you act"

struct SessionDef {
  std::string scenario = "highway";
  uint64_t firstSeed = 1;  // episode i uses firstSeed + i
};

class Session {
 public:
  explicit Session(const SessionDef& def);

  // --- The simulation
  const sim::Env& Env() const { return *env_; }
  sim::SceneView View() const { return env_->View(); }
  // Starts a fresh episode with the next seed (the episode in progress is dropped, not recorded).
  void Reset();
  // Switches to another registered scenario with its default parameters (throws core::Error for an unknown name);
  // starts an episode.
  void SetScenario(const std::string& name);
  // Switches to a scenario with its own parameters (a lesson's, or a scenario file's); starts an episode.
  void SetScenario(std::unique_ptr<sim::Scenario> scenario);
  // The scenario's parameters differ from its registered defaults.
  bool CustomScenario() const { return customScenario_; }
  // One physics tick. At the start of a control step the driver decides; a finished episode is stored and the
  // next one starts.
  void Tick();
  // Ticks until the current control step completes (single-stepping while paused).
  void StepControl();
  bool StepOpen() const { return stepOpen_; }  // a control step is in progress (Tick continues it)
  long EpisodesFinished() const { return episodesFinished_; }
  long Decisions() const { return decisions_; }  // control steps decided so far (changes when a step starts)
  const std::string& LastOutcome() const { return lastOutcome_; }
  // The latest finished episode (seed, metrics, whether the policy alone drove it); empty before the first and
  // after a scenario switch (LastOutcome too).
  const std::optional<EpisodeReport>& LastEpisode() const { return lastEpisode_; }
  // Where the latest finished episode went: its index in the dataset, or -1 when it was not recorded.
  int LastEpisodeRecordedAs() const { return lastRecordedAs_; }

  // --- Drivers
  sim::HumanDriver& Human() { return human_; }
  DriverKind Driving() const { return driving_; }
  void SetDriving(DriverKind kind);
  bool Takeover() const { return takeover_; }
  void SetTakeover(bool takeover) { takeover_ = takeover; }
  bool Corrections() const { return corrections_; }
  void SetCorrections(bool on) { corrections_ = on; }
  // The actions executed in this episode, one per control step decided (the open step's last): with the seed they
  // replay the episode exactly (the prediction fan's scratch Envs).
  const std::vector<sim::Action>& EpisodeActions() const { return episodeActions_; }
  // The decision of the current control step (what the car executes, and its label).
  const sim::DriverDecision& Decision() const { return decision_; }
  // What the policy proposed at the current control step (when it drives).
  const std::optional<sim::Action>& PolicyAction() const { return policyAction_; }
  LabelledBy WhoLabels() const;
  // The current control step carries a real label (false: corrections on and the person did not act).
  bool StepLabelled() const { return stepLabelled_; }

  // --- Policy
  // Loads a checkpoint and checks it against the scenario's observation layout; on any error throws core::Error
  // and keeps the policy that was loaded. The policy is named after the file.
  void LoadPolicy(const std::string& path);
  // The same for a policy in memory; `name` says where it came from (shown on the dashboard).
  void SetPolicy(std::shared_ptr<const learning::policies::Policy> policy, const std::string& name);
  // Drops the policy (a driving policy hands the wheel back to the person).
  void UnloadPolicy();
  bool HasPolicy() const { return policyDriver_ != nullptr; }
  const std::shared_ptr<const learning::policies::Policy>& SharedPolicy() const { return policy_; }
  const std::string& PolicyName() const { return policyName_; }
  // The file the policy was loaded from ("" for a policy made in memory: trained here, a lesson's).
  const std::string& PolicyPath() const { return policyPath_; }
  bool LaneKeeping() const { return laneKeeping_; }
  void SetLaneKeeping(bool on) { laneKeeping_ = on; }
  learning::imitation::PolicyDriver* GetPolicyDriver() { return policyDriver_.get(); }

  // --- Recording and the dataset
  bool Recording() const { return recording_; }
  // Turning recording on starts a fresh episode (next seed) and records it and every following one; turning it
  // off drops the unfinished episode's steps.
  void SetRecording(bool on);
  const learning::data::Dataset& Data() const { return data_; }
  bool Unsaved() const { return unsaved_; }
  const std::string& DataPath() const { return dataPath_; }
  void DiscardLastEpisode();
  // Replay's relabelling: step `step` of episode `episode` gets `label` and the flag `labelled`; returns what it
  // held. Marks the dataset unsaved (saved like any edit: atomically, by Save or with the next recorded episode).
  LabelEdit RelabelStep(int episode, int step, const sim::Action& label, bool labelled);
  void DeleteEpisode(int index);
  void ClearData();
  // Writes the whole dataset (atomic) and remembers the path for appending later episodes.
  void SaveData(const std::string& path);
  // Replaces the dataset with the file's; on any error throws core::Error and keeps what was loaded.
  void LoadData(const std::string& path);
  // Runs `count` episodes of the scripted expert (noisy: with correlated noise on the executed action, clean
  // labels) on a separate Env and adds them, with seeds continuing this session's.
  void AddExpertEpisodes(int count, bool noisy);

 private:
  void StartEpisode(uint64_t seed);
  // After the scenario changed: recording into a dataset of another scenario stops; a new episode starts.
  void StartInNewScenario();
  void Decide();
  void FinishEpisode();
  void PrepareDataset();
  void StoreEpisode(learning::data::Episode episode);

  std::unique_ptr<sim::Env> env_;
  sim::HumanDriver human_;
  std::unique_ptr<sim::Driver> expert_;
  std::shared_ptr<const learning::policies::Policy> policy_;
  std::unique_ptr<learning::imitation::PolicyDriver> policyDriver_;
  std::optional<sim::Action> policyAction_;
  DriverKind driving_ = DriverKind::kHuman;
  std::string policyName_;
  std::string policyPath_;
  bool laneKeeping_ = false;
  bool customScenario_ = false;
  bool takeover_ = false;
  bool corrections_ = false;
  uint64_t nextSeed_;
  sim::Observation observation_;  // what the driver sees at the start of the next control step
  bool stepOpen_ = false;         // a control step is in progress
  sim::DriverDecision decision_;
  std::vector<sim::Action> episodeActions_;
  std::string stepSource_;        // who drove the current control step: human | expert | dagger
  bool stepLabelled_ = true;      // the current control step's label is real
  bool inputSinceDecision_ = false;  // the person held a key or the stick at some tick since the last decision
  long episodesFinished_ = 0;
  long decisions_ = 0;
  std::string lastOutcome_;
  std::optional<EpisodeReport> lastEpisode_;
  int lastRecordedAs_ = -1;
  bool episodePolicyOnly_ = true;  // no control step of the episode so far was driven by anyone else

  bool recording_ = false;
  EpisodeBuffer buffer_;
  std::string bufferSource_;  // the episode's source (the most human of its steps)
  learning::data::Dataset data_;
  bool unsaved_ = false;
  std::string dataPath_;
  int episodesInFile_ = 0;  // the file holds exactly data_.episodes[0, episodesInFile_); -1: not a prefix
};

}  // namespace app
