#pragma once
// The training view of a dataset: every step of the chosen split as one column, with the chosen observation
// keys stacked, optionally with history (the last n frames) and with a chunk of future labels.
//   features (n · Σ dim(key), N): frames oldest → newest, each frame the keys in the order given. Before an
//            episode's first step the first frame is repeated (padding), so every column is complete.
//   labels   (2 · H, N): the labels of steps t … t+H-1; past the episode's end the last label is repeated.
// Only steps with real labels become columns (Episode::labelled): a step is left out when any label of its chunk
// (t … min(t+H-1, T-1)) is unlabelled. Left-out steps still serve as history frames of later columns.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "learning/data/dataset.h"

namespace learning::data {

struct BatchDef {
  std::vector<std::string> obsKeys;  // which observation components, in this order
  int history = 1;                   // frames per column (1 = the current frame only)
  int chunk = 1;                     // future labels per column (1 = the current label only)
  Split split = Split::kAll;
};

struct Batch {
  Eigen::MatrixXf features;  // (history · frameDim, N)
  Eigen::MatrixXf labels;    // (2 · chunk, N)
  std::vector<int> episode;  // (N) which episode each column comes from
  std::vector<int> step;     // (N) and which step within it (labelled steps only, so gaps are possible)
  int frameDim = 0;          // Σ dim(key) for one frame
};

// Throws core::Error for an unknown key (naming the valid ones) or history/chunk < 1.
Batch GatherBatch(const Dataset& dataset, const BatchDef& def);

}  // namespace learning::data
