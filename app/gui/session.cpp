#include "app/gui/session.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/imitation/rollout.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

// An episode's source is the most human of its steps: dagger > human > expert.
int SourceRank(const std::string& source) { return source == "dagger" ? 2 : (source == "human" ? 1 : 0); }

std::string Outcome(const sim::EpisodeMetrics& m) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%s%s%s, %.1f s, progress %.0f m, mean speed %.1f m/s",
                m.success ? "success" : "failure", m.collision ? " (collision)" : "", m.offRoad ? " (off road)" : "",
                m.duration, m.progress, m.meanSpeed);
  return buffer;
}

// Every 10th stored episode goes to the validation split, so a dataset built in the app trains straight away.
void AddToSplit(learning::data::Dataset& data, int index) {
  (index % 10 == 9 ? data.valid : data.train).push_back(index);
}

}  // namespace

const char* LabelledByText(LabelledBy who) {
  switch (who) {
    case LabelledBy::kExpert: return "scripted expert";
    case LabelledBy::kKeys: return "your keys";
    case LabelledBy::kKeysWhereActed: return "your keys where you act";
  }
  return "?";
}

Session::Session(const SessionDef& def)
    : env_(std::make_unique<sim::Env>(sim::MakeEnv(def.scenario))),
      expert_(std::make_unique<sim::ExpertDriver>()),
      nextSeed_(def.firstSeed) {
  StartEpisode(nextSeed_++);
}

void Session::StartEpisode(uint64_t seed) {
  observation_ = env_->Reset(seed);
  human_.Reset(seed);
  expert_->Reset(seed);
  if (policyDriver_) policyDriver_->Reset(seed);
  policyAction_.reset();
  stepOpen_ = false;
  decision_ = {};
  stepLabelled_ = true;
  inputSinceDecision_ = false;
  episodeActions_.clear();
  buffer_.Clear();
  bufferSource_.clear();
  episodePolicyOnly_ = true;
}

void Session::Reset() { StartEpisode(nextSeed_++); }

void Session::SetScenario(const std::string& name) { SetScenario(sim::MakeScenario(name)); }

void Session::SetScenario(std::unique_ptr<sim::Scenario> scenario) {
  const std::string name = scenario->Name();
  const bool custom = scenario->DefJson() != sim::MakeScenario(name)->DefJson();
  env_ = std::make_unique<sim::Env>(std::move(scenario));
  customScenario_ = custom;
  lastOutcome_.clear();  // the last episode was another scenario's: not this one's to report
  lastEpisode_.reset();
  if (policy_) {
    try {
      policyDriver_ = std::make_unique<learning::imitation::PolicyDriver>(policy_, *env_);
    } catch (const core::Error& e) {
      // The new scenario cannot feed this policy: drop it rather than drive with the wrong observations, and say so.
      UnloadPolicy();
      StartInNewScenario();
      throw core::Error(std::string("switched to '") + name + "'; the loaded policy was unloaded: " + e.what());
    }
  }
  StartInNewScenario();
}

void Session::StartInNewScenario() {
  // Recording goes on only into a dataset of this scenario (or an empty one).
  if (recording_ && !data_.episodes.empty() && !(learning::imitation::EnvArgsFor(*env_) == data_.envArgs))
    recording_ = false;
  StartEpisode(nextSeed_++);
}

void Session::SetDriving(DriverKind kind) {
  if (kind == DriverKind::kPolicy && !policyDriver_)
    throw core::Error("no policy is loaded: train or load one first");
  driving_ = kind;
}

void Session::SetPolicy(std::shared_ptr<const learning::policies::Policy> policy, const std::string& name) {
  // Throws (naming the missing key) before anything changes when the scenario cannot feed the policy.
  auto driver = std::make_unique<learning::imitation::PolicyDriver>(policy, *env_);
  driver->Reset(env_->Seed());
  policy_ = std::move(policy);
  policyDriver_ = std::move(driver);
  policyName_ = name;
  policyPath_.clear();
}

void Session::UnloadPolicy() {
  policy_.reset();
  policyDriver_.reset();
  policyAction_.reset();
  policyName_.clear();
  policyPath_.clear();
  if (driving_ == DriverKind::kPolicy) driving_ = DriverKind::kHuman;
}

void Session::LoadPolicy(const std::string& path) {
  SetPolicy(std::make_shared<const learning::policies::Policy>(learning::policies::Policy::Load(path)),
            std::filesystem::path(path).filename().string());
  policyPath_ = path;
}

LabelledBy Session::WhoLabels() const {
  if (driving_ == DriverKind::kExpert) return LabelledBy::kExpert;
  if (driving_ == DriverKind::kHuman || takeover_) return LabelledBy::kKeys;
  return corrections_ ? LabelledBy::kKeysWhereActed : LabelledBy::kExpert;
}

void Session::Decide() {
  // The person's ramps run every control step, whoever drives, so a takeover or a correction starts smoothly.
  sim::DriverDecision human = human_.Decide(*env_, observation_);
  const bool acted = inputSinceDecision_ || human_.Input().Any();
  inputSinceDecision_ = false;
  stepLabelled_ = WhoLabels() != LabelledBy::kKeysWhereActed || acted;
  ++decisions_;
  policyAction_.reset();
  if (driving_ != DriverKind::kPolicy || takeover_) episodePolicyOnly_ = false;
  if (driving_ == DriverKind::kPolicy) {
    // DAgger: the policy drives (it keeps its history even while the person holds the wheel); the label is the
    // person's keys while corrections are on, else the scripted expert's action for this state.
    policyAction_ = policyDriver_->Decide(*env_, observation_).executed;
    decision_.executed = takeover_ ? human.executed : *policyAction_;
    if (laneKeeping_ && !takeover_) decision_.executed.steer = env_->ExpertAction().steer;
    decision_.label = (takeover_ || corrections_) ? human.label : env_->ExpertAction();
    stepSource_ = "dagger";
  } else if (driving_ == DriverKind::kHuman) {
    decision_ = human;
    stepSource_ = "human";
  } else {
    decision_ = expert_->Decide(*env_, observation_);
    stepSource_ = "expert";
  }
}

void Session::Tick() {
  if (!stepOpen_) {
    Decide();
    episodeActions_.push_back(decision_.executed);
    stepOpen_ = true;
    if (recording_) {
      buffer_.BeginStep(observation_, decision_.executed, decision_.label, stepLabelled_);
      if (SourceRank(stepSource_) >= SourceRank(bufferSource_) || bufferSource_.empty()) bufferSource_ = stepSource_;
    }
  }
  inputSinceDecision_ = inputSinceDecision_ || human_.Input().Any();
  std::optional<sim::StepResult> result = env_->Tick(decision_.executed);
  if (!result) return;
  stepOpen_ = false;
  observation_ = std::move(result->observation);
  bool done = result->terminated || result->truncated || env_->Done();
  if (recording_ && buffer_.StepOpen()) buffer_.EndStep(result->reward, done, observation_, result->terminated);
  if (done) FinishEpisode();
}

void Session::StepControl() {
  do {
    Tick();
  } while (stepOpen_);
}

void Session::FinishEpisode() {
  sim::EpisodeMetrics metrics = env_->Metrics();
  lastOutcome_ = Outcome(metrics);
  lastEpisode_ = EpisodeReport{env_->Seed(), metrics, episodePolicyOnly_};
  ++episodesFinished_;
  const int stored = static_cast<int>(data_.episodes.size());
  auto recordedAs = [&] { return static_cast<int>(data_.episodes.size()) > stored ? stored : -1; };
  try {
    if (recording_ && buffer_.Length() > 0)
      StoreEpisode(buffer_.ToEpisode(env_->Seed(), bufferSource_, env_->ScenarioName(), metrics));
  } catch (...) {
    lastRecordedAs_ = recordedAs();  // in the dataset even when the file could not take it
    StartEpisode(nextSeed_++);  // a failed write must not leave the ended episode running (Env::Tick would abort)
    throw;
  }
  lastRecordedAs_ = recordedAs();
  StartEpisode(nextSeed_++);
}

void Session::PrepareDataset() {
  learning::data::EnvArgs args = learning::imitation::EnvArgsFor(*env_);
  if (data_.episodes.empty()) {
    data_.envArgs = args;
    return;
  }
  if (!(data_.envArgs == args))
    throw core::Error("the open dataset was recorded in scenario '" + data_.envArgs.scenario +
                      "' with another layout; clear it or load a matching one before recording in '" +
                      args.scenario + "'");
}

void Session::SetRecording(bool on) {
  if (on == recording_) return;
  if (on) PrepareDataset();
  recording_ = on;
  // A recording starts with a fresh episode, so every recorded episode is reproducible from its seed and actions
  // (Replay); switching off drops the unfinished one.
  if (on)
    StartEpisode(nextSeed_++);
  else
    buffer_.Clear();
}

void Session::StoreEpisode(learning::data::Episode episode) {
  PrepareDataset();
  data_.episodes.push_back(std::move(episode));
  AddToSplit(data_, static_cast<int>(data_.episodes.size()) - 1);
  unsaved_ = true;
  if (dataPath_.empty()) return;
  // Flush each finished episode so a crash loses at most the one being driven.
  try {
    if (episodesInFile_ + 1 == static_cast<int>(data_.episodes.size()))
      learning::data::AppendLastEpisode(dataPath_, data_);
    else
      learning::data::SaveDataset(dataPath_, data_);
  } catch (const core::Error&) {
    // The file is as it was (another writer appended to it, or the disk is full): stop writing to it, so that a
    // later whole-file save cannot drop the other writer's episodes; ours stay here, unsaved, for Save elsewhere.
    dataPath_.clear();
    episodesInFile_ = 0;
    throw;
  }
  episodesInFile_ = static_cast<int>(data_.episodes.size());
  unsaved_ = false;
}

void Session::DeleteEpisode(int index) {
  if (index < 0 || index >= static_cast<int>(data_.episodes.size())) return;
  data_.episodes.erase(data_.episodes.begin() + index);
  for (std::vector<int>* mask : {&data_.train, &data_.valid}) {
    std::erase(*mask, index);
    for (int& i : *mask)
      if (i > index) --i;
  }
  // The file still holds the deleted episode: the next store rewrites it whole rather than appending.
  if (index < episodesInFile_) episodesInFile_ = -1;
  unsaved_ = true;
}

LabelEdit Session::RelabelStep(int episode, int step, const sim::Action& label, bool labelled) {
  if (episode < 0 || episode >= static_cast<int>(data_.episodes.size()))
    throw core::Error("relabel: there is no episode " + std::to_string(episode));
  learning::data::Episode& e = data_.episodes[static_cast<size_t>(episode)];
  if (step < 0 || step >= e.Length())
    throw core::Error("relabel: episode " + std::to_string(episode) + " has no step " + std::to_string(step));
  const LabelEdit before{episode, step, {e.labels(0, step), e.labels(1, step)}, e.IsLabelled(step)};
  e.labels(0, step) = label.steer;
  e.labels(1, step) = label.accel;
  e.SetLabelled(step, labelled);
  // The file holds the old labels: the next store rewrites it whole rather than appending.
  if (episode < episodesInFile_) episodesInFile_ = -1;
  unsaved_ = true;
  return before;
}

void Session::DiscardLastEpisode() { DeleteEpisode(static_cast<int>(data_.episodes.size()) - 1); }

void Session::ClearData() {
  data_ = {};
  episodesInFile_ = 0;
  unsaved_ = false;
  dataPath_.clear();
}

void Session::SaveData(const std::string& path) {
  if (data_.episodes.empty()) PrepareDataset();
  learning::data::SaveDataset(path, data_);
  dataPath_ = path;
  episodesInFile_ = static_cast<int>(data_.episodes.size());
  unsaved_ = false;
}

void Session::LoadData(const std::string& path) {
  learning::data::Dataset loaded = learning::data::LoadDataset(path);  // throws; nothing changed yet
  // The scenario the episodes were recorded in, with its parameters when the file has them (a lesson's), so
  // recording more continues the same dataset.
  if (!(learning::imitation::EnvArgsFor(*env_) == loaded.envArgs)) {
    if (!loaded.envArgs.scenarioDef.empty())
      SetScenario(sim::MakeScenarioFromJson(loaded.envArgs.scenarioDef, path + ": env_args.scenario_def"));
    else if (loaded.envArgs.scenario != env_->ScenarioName())
      SetScenario(loaded.envArgs.scenario);
  }
  data_ = std::move(loaded);
  dataPath_ = path;
  episodesInFile_ = static_cast<int>(data_.episodes.size());
  unsaved_ = false;
}

void Session::AddExpertEpisodes(int count, bool noisy) {
  PrepareDataset();
  // A separate Env with this one's parameters (a lesson's scenario may differ from the registered defaults).
  sim::Env env(sim::MakeScenarioFromJson(env_->GetScenario().DefJson(), env_->ScenarioName()));
  std::unique_ptr<sim::Driver> driver;
  if (noisy)
    driver = std::make_unique<sim::NoisyExpertDriver>();
  else
    driver = std::make_unique<sim::ExpertDriver>();
  for (int i = 0; i < count; ++i) {
    learning::data::Episode episode;
    learning::imitation::RunEpisode(env, *driver, nextSeed_++, {}, &episode);
    StoreEpisode(std::move(episode));
  }
}

}  // namespace app
