#pragma once
// The Train panel: a policy from the registry, observation keys as checkboxes (brake_indicator among them),
// history, chunking and epochs; Train runs in the background (TrainingJob) with a progress bar, a live
// train/validation loss plot and Cancel. The finished policy is swapped in and can drive at once.
#include <string>
#include <vector>

#include "app/gui/intents.h"
#include "app/gui/training_job.h"

namespace app {

struct TrainPanelState {
  int policy = 0;               // index into the registry
  std::vector<std::string> keys;  // the scenario's keys
  std::vector<char> checked;    // one per key
  int history = 1;
  int chunk = 1;
  int execute = 1;
  int epochs = 20;
};

struct TrainPanelModel {
  std::vector<std::string> policies;      // registry names
  std::vector<std::string> descriptions;
  std::vector<std::string> scenarioKeys;  // what the scenario provides
  int episodes = 0;
  TrainingStatus status;
};

void DrawTrainPanel(const TrainPanelModel& model, TrainPanelState& state, Intents& intents, bool* open);

}  // namespace app
