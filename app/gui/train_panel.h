#pragma once
// The Train panel: a policy from the registry, observation keys as checkboxes (brake_indicator among them; the
// default checked set is the library's DefaultObsKeys), history, chunking (with ACT's temporal ensembling) and
// epochs. Two runs, both from scratch in the background (TrainingJob) with a progress bar, a live
// train/validation loss plot and Cancel: "Train on demos" clones the demonstrations only (human and expert
// episodes); "Retrain on all" adds the DAgger-labelled episodes, the DAgger loop's aggregate-and-retrain step.
// The finished policy is swapped in and can drive at once.
#include <optional>
#include <string>
#include <vector>

#include "app/gui/intents.h"
#include "app/gui/training_job.h"
#include "learning/imitation/trainer.h"

namespace app {

struct TrainPanelState {
  int policy = 0;               // index into the registry
  std::vector<std::string> keys;  // the scenario's keys
  std::vector<char> checked;    // one per key
  bool temporalEnsemble = false;  // with chunk H > 1: predict every step and average the overlapping chunks
  int history = 1;
  int chunk = 1;
  int execute = 1;
  int epochs = learning::imitation::DefaultTrainOptions().epochs;
  int minSteps = static_cast<int>(learning::imitation::DefaultTrainOptions().minSteps);  // at least this many steps
};

struct TrainPanelModel {
  std::vector<std::string> policies;      // registry names
  std::vector<std::string> descriptions;
  std::vector<std::string> scenarioKeys;  // what the scenario provides
  std::vector<std::string> defaultKeys;   // checked when the scenario changes (DefaultObsKeys)
  int episodes = 0;
  int daggerEpisodes = 0;
  int humanEpisodes = 0;  // recorded from the keys (source "human", or "keyboard" from `ildrive record`)
  TrainingStatus status;
};

// When most demonstrations come from the keys and the chosen head is mse, the head to suggest instead
// (flow_matching) and why; empty otherwise. Keyboard labels are taps: at one state a person steers full or not at
// all, and mse averages the two into weak steering (docs/lessons.md, keyboard_demos).
std::optional<std::string> KeyboardDemosHint(const TrainPanelModel& model, const TrainPanelState& state);

// Checks exactly `defaultKeys` among `keys` (a new scenario, or the panel never shown).
void ResetKeyChecks(TrainPanelState& state, const std::vector<std::string>& keys,
                    const std::vector<std::string>& defaultKeys);

void DrawTrainPanel(const TrainPanelModel& model, TrainPanelState& state, Intents& intents, bool* open);

}  // namespace app
