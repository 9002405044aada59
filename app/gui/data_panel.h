#pragma once
// The Data panel: the episodes of the dataset open in the app (source, length, outcome), delete one, discard the
// last, save and load HDF5 files, and add N expert or noisy-expert episodes with one button.
#include <string>

#include "app/gui/intents.h"
#include "learning/data/dataset.h"

namespace app {

// The panel's own widgets' state (text field, counter), kept outside the drawing code.
struct DataPanelState {
  char path[512] = "demos.h5";
  char policyPath[512] = "";  // the file "Load policy" reads; shows the file of the policy loaded last
  int addCount = 10;
};

struct DataPanelModel {
  const learning::data::Dataset* data = nullptr;
  std::string filePath;  // where finished episodes are appended ("" = not saved yet)
  bool unsaved = false;
  bool recording = false;
  std::string policy;  // the loaded policy: where it came from and its head ("" = none)
};

void DrawDataPanel(const DataPanelModel& model, DataPanelState& state, Intents& intents, bool* open);

}  // namespace app
