// GuiApp's intents half: what keys and panels asked for this frame, applied after drawing (docs/design.md: drawing
// never changes the simulation), and the background jobs they start (training, lessons). A user error (a corrupt
// file, a missing policy) goes to the error dialog and leaves the state as it was.
#include <algorithm>

#include "app/gui/gui_app.h"
#include "core/error.h"
#include "learning/policies/obs_layout.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace app {

// By area, in this order (the first error stops the rest): the clock, the episode and scenario, the replay, who
// drives and records, the data and the policy file, the background jobs (training, watch, lessons), quitting.
void GuiApp::ApplyIntents(const Intents& in) {
  try {
    ApplyClockIntents(in);
    ApplyScenarioIntents(in);
    ApplyReplayIntents(in);
    ApplyDataIntents(in);
    ApplyJobIntents(in);
    if (in.saveAndQuit) {
      session_.SaveData(dataPanel_.path);
      quit_ = true;
    }
    if (in.quitConfirmed) quit_ = true;
  } catch (const core::Error& e) {
    ReportError(e.what());  // e.g. a corrupt file in Load: the message is shown, what is loaded stays
  }
}

void GuiApp::ApplyClockIntents(const Intents& in) {
  if (in.togglePause) clock_.SetPaused(!clock_.Paused());
  if (in.step) {
    clock_.SetPaused(true);
    stepRequested_ = true;
  }
  if (in.cycleSlowMotion) clock_.CycleSlowMotion();
  if (in.cycleFastForward) clock_.CycleFastForward();
  if (in.simSpeed) clock_.SetSpeed(*in.simSpeed);
}

void GuiApp::ApplyScenarioIntents(const Intents& in) {
  if (in.reset) session_.Reset();
  if (in.scenario.empty()) return;
  watch_.Stop();  // a tally over two scenarios would mean nothing
  const bool wasRecording = session_.Recording();
  try {
    session_.SetScenario(in.scenario);
  } catch (const core::Error&) {
    NoteRecordingAfterSwitch(wasRecording);  // switched, but the policy was dropped: both are said
    throw;
  }
  NoteRecordingAfterSwitch(wasRecording);
}

void GuiApp::ApplyReplayIntents(const Intents& in) {
  if (in.replayOpen) {
    replayer_.Open(session_.Data(), *in.replayOpen);
    replayPlaying_ = false;
    relabel_.Restart();
  }
  if (in.replaySpeed) replaySpeed_ = *in.replaySpeed;
  if (in.replayRelabel) {
    replayRelabelling_ = *in.replayRelabel;
    relabel_.Restart();
  }
  if (in.replaySeek && replayer_.IsOpen()) {
    if (*in.replaySeek == replayer_.Step() + 1) {
      ReplayForward();  // a step forward passes a step (and may relabel it)
    } else {
      relabel_.Restart();
      replayer_.Seek(*in.replaySeek);
    }
  }
  if (in.replayTogglePlay) replayPlaying_ = !replayPlaying_;
  if (in.replayUndo)
    for (const LabelEdit& edit : relabel_.Undo()) {
      session_.RelabelStep(edit.episode, edit.step, edit.label, edit.labelled);
      if (replayer_.IsOpen() && replayer_.EpisodeIndex() == edit.episode)
        replayer_.SetLabel(edit.step, edit.label, edit.labelled);
    }
  if (in.replayClose) {
    replayer_.Close();
    replayPlaying_ = false;
  }
}

void GuiApp::ApplyDataIntents(const Intents& in) {
  if (in.driver) session_.SetDriving(*in.driver);
  if (in.toggleRecording) session_.SetRecording(!session_.Recording());
  if (in.toggleCorrections) session_.SetCorrections(!session_.Corrections());
  if (in.discardLastEpisode || in.deleteEpisode || in.clearData || !in.loadDataPath.empty()) {
    // Episode indices change: the replay and its undo history would point at the wrong episodes.
    replayer_.Close();
    replayPlaying_ = false;
    relabel_ = {};
  }
  if (in.discardLastEpisode) session_.DiscardLastEpisode();
  if (in.deleteEpisode) session_.DeleteEpisode(*in.deleteEpisode);
  if (in.clearData) session_.ClearData();
  if (!in.saveDataPath.empty()) session_.SaveData(in.saveDataPath);
  if (!in.loadDataPath.empty()) session_.LoadData(in.loadDataPath);
  if (!in.loadPolicyPath.empty()) {
    session_.LoadPolicy(in.loadPolicyPath);
    session_.SetLaneKeeping(false);
    watch_.Stop();  // the tally belongs to the policy that drove it
    settings_.lastPolicyFile = in.loadPolicyPath;
  }
  if (in.addExpertEpisodes > 0) session_.AddExpertEpisodes(in.addExpertEpisodes, false);
  if (in.addNoisyExpertEpisodes > 0) session_.AddExpertEpisodes(in.addNoisyExpertEpisodes, true);
}

void GuiApp::ApplyJobIntents(const Intents& in) {
  if (in.cancelTraining) training_.Cancel();
  if (in.startTraining) StartTraining(*in.startTraining);
  if (in.laneKeeping) session_.SetLaneKeeping(*in.laneKeeping);
  if (in.watchStop) watch_.Stop();
  if (in.watchStart) StartWatch(*in.watchStart);
  if (in.cancelLesson) lessons_.Cancel();
  if (in.startLesson) StartLesson(*in.startLesson);
  if (in.watchLessonPolicy) WatchLessonPolicy(*in.watchLessonPolicy);
}

void GuiApp::NoteRecordingAfterSwitch(bool wasRecording) {
  if (!wasRecording) return;
  const std::string scenario = session_.Env().ScenarioName();
  if (session_.Recording())
    notices_.Post(NoticeKind::kInfo, "STILL RECORDING",
                  "in " + scenario + "; the episode in progress was dropped", Notices::kSeconds * 1.5f);
  else
    notices_.Post(NoticeKind::kFailure, "RECORDING STOPPED",
                  "the open dataset was recorded in " + session_.Data().envArgs.scenario + "; save and clear it (Data) "
                  "to record in " + scenario, Notices::kSeconds * 2.f);
}

void GuiApp::StartWatch(int episodes) {
  session_.SetDriving(DriverKind::kPolicy);  // throws when no policy is loaded
  if (replayer_.IsOpen()) replayer_.Close();  // the live simulation waits while a replay is shown
  session_.Reset();                           // a fresh seed for the first watched episode
  watch_.Start(episodes);
  dashboardPanel_.watchEpisodes = episodes;
  clock_.SetPaused(false);
}

void GuiApp::WatchLessonPolicy(const LessonPolicyRequest& request) {
  const std::shared_ptr<const learning::imitation::LessonResult> result = lessons_.Status().result;
  const learning::imitation::LessonPolicy* kept = result ? result->FindPolicy(request.table, request.method) : nullptr;
  if (kept == nullptr) throw core::Error("the lesson result holds no policy for \"" + request.method + "\"");
  // The scenario first, with the lesson's parameters (the policy that drove before may not fit it), then the policy.
  std::unique_ptr<sim::Scenario> scenario =
      sim::MakeScenarioFromJson(kept->scenarioJson, "lesson " + result->lesson);  // throws before anything changes
  watch_.Stop();
  session_.UnloadPolicy();
  const bool wasRecording = session_.Recording();
  session_.SetScenario(std::move(scenario));
  NoteRecordingAfterSwitch(wasRecording);
  session_.SetPolicy(kept->policy, result->lesson + ": " + kept->method);
  session_.SetLaneKeeping(kept->laneKeeping);
  StartWatch(dashboardPanel_.watchEpisodes);
}

void GuiApp::StartTraining(TrainScope scope) {
  std::vector<learning::policies::PolicyEntry> registry = learning::policies::PolicyRegistry();
  learning::policies::PolicyConfig config =
      registry.at(static_cast<size_t>(std::clamp(trainPanel_.policy, 0, static_cast<int>(registry.size()) - 1)))
          .defaults;
  const learning::policies::ObsDims dims = learning::imitation::ObsDimsOf(session_.Env());
  if (trainPanel_.keys.empty()) {  // the panel was never shown: the library's default keys
    std::vector<std::string> keys;
    for (const auto& [key, count] : dims) keys.push_back(key);
    ResetKeyChecks(trainPanel_, keys, learning::policies::DefaultObsKeys(dims));
  }
  config.obsKeys.clear();
  for (size_t i = 0; i < trainPanel_.keys.size(); ++i)
    if (trainPanel_.checked[i] != 0) config.obsKeys.push_back(trainPanel_.keys[i]);
  if (config.obsKeys.empty()) throw core::Error("choose at least one observation key to train on");
  config.history = trainPanel_.history;
  learning::policies::LetHistoryBeSeen(config);
  config.chunk = trainPanel_.chunk;
  config.execute = trainPanel_.execute;
  config.temporalEnsemble = trainPanel_.temporalEnsemble && config.chunk > 1;
  learning::data::Dataset data = TrainingData(session_.Data(), scope);
  if (data.episodes.empty())
    throw core::Error(scope == TrainScope::kDemos ? "no demonstrations to train on: record or add human or expert "
                                                    "episodes (or use Retrain on all)"
                                                  : "no episodes to train on: record or load some first");
  // The policy is built for this scenario and must drive in it: refuse data recorded with another layout now,
  // saying which side has what, rather than after the worker has started.
  const learning::policies::ObsDims recorded = data.envArgs.ObsDims();
  for (const std::string& key : config.obsKeys) {
    auto found = recorded.find(key);
    const std::string here = "this scenario (" + session_.Env().ScenarioName() + ") gives \"" + key + "\" " +
                             std::to_string(dims.at(key)) + " entries";
    if (found == recorded.end())
      throw core::Error("cannot train: " + here + ", the dataset (recorded in " + data.envArgs.scenario +
                        ") has no \"" + key + "\"; switch back to " + data.envArgs.scenario + " or clear the dataset");
    if (found->second != dims.at(key))
      throw core::Error("cannot train: " + here + ", the dataset (recorded in " + data.envArgs.scenario + ") has " +
                        std::to_string(found->second) + "; switch back to " + data.envArgs.scenario +
                        " or clear the dataset");
  }
  learning::imitation::TrainOptions options = learning::imitation::DefaultTrainOptions();
  options.epochs = trainPanel_.epochs;
  options.minSteps = trainPanel_.minSteps;
  const int episodes = static_cast<int>(data.episodes.size());
  training_.Start(config, dims, std::move(data), options);
  if (!settings_.showTrain)  // started by T: say where the progress is
    notices_.Post(NoticeKind::kInfo, "TRAINING STARTED",
                  config.policy + " on " + std::to_string(episodes) + " episodes; progress in the menu bar, curves in "
                  "Panels > Train");
}

void GuiApp::StartLesson(const LessonRequest& request) {
  learning::imitation::LessonOptions options;
  options.quick = request.quick;
  options.seeds = request.seeds;
  options.evalEpisodes = request.evalEpisodes;
  options.seed = request.seed;
  options.threads = request.threads;
  lessons_.Start(request.name, std::move(options));
}

}  // namespace app
