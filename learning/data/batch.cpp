#include "learning/data/batch.h"

#include <algorithm>

#include "core/error.h"

namespace learning::data {

namespace {

// Every label of the chunk starting at step t is a real one (the chunk's padding repeats the last step's).
bool ChunkLabelled(const Episode& episode, int t, int chunk) {
  if (episode.labelled.empty()) return true;
  const int last = std::min(t + chunk - 1, episode.Length() - 1);
  for (int k = t; k <= last; ++k)
    if (!episode.IsLabelled(k)) return false;
  return true;
}

}  // namespace

Batch GatherBatch(const Dataset& dataset, const BatchDef& def) {
  if (def.history < 1) throw core::Error("history must be at least 1, got " + std::to_string(def.history));
  if (def.chunk < 1) throw core::Error("chunk must be at least 1, got " + std::to_string(def.chunk));
  if (def.obsKeys.empty()) throw core::Error("no observation keys chosen");
  const std::map<std::string, int> dims = dataset.envArgs.ObsDims();
  Batch batch;
  for (const std::string& key : def.obsKeys) {
    auto it = dims.find(key);
    if (it == dims.end()) {
      std::string valid;
      for (const auto& entry : dims) valid += (valid.empty() ? "" : ", ") + entry.first;
      throw core::Error("observation key \"" + key + "\" is not in the dataset (it has: " + valid + ")");
    }
    batch.frameDim += it->second;
  }

  const std::vector<int> indices = dataset.Indices(def.split);
  long columns = 0;
  for (int index : indices) {
    const Episode& episode = dataset.episodes[static_cast<size_t>(index)];
    for (int t = 0; t < episode.Length(); ++t) columns += ChunkLabelled(episode, t, def.chunk) ? 1 : 0;
  }
  batch.features.resize(static_cast<Eigen::Index>(def.history) * batch.frameDim, columns);
  batch.labels.resize(static_cast<Eigen::Index>(kActionDim) * def.chunk, columns);
  batch.episode.reserve(static_cast<size_t>(columns));
  batch.step.reserve(static_cast<size_t>(columns));

  Eigen::Index column = 0;
  for (int index : indices) {
    const Episode& episode = dataset.episodes[static_cast<size_t>(index)];
    const int length = episode.Length();
    for (int t = 0; t < length; ++t) {
      if (!ChunkLabelled(episode, t, def.chunk)) continue;
      Eigen::Index row = 0;
      for (int h = def.history - 1; h >= 0; --h) {  // oldest frame first
        const int frame = std::max(t - h, 0);
        for (const std::string& key : def.obsKeys) {
          const Eigen::MatrixXf& values = episode.obs.at(key);
          batch.features.block(row, column, values.rows(), 1) = values.col(frame);
          row += values.rows();
        }
      }
      for (int k = 0; k < def.chunk; ++k)
        batch.labels.block<kActionDim, 1>(kActionDim * k, column) = episode.labels.col(std::min(t + k, length - 1));
      batch.episode.push_back(index);
      batch.step.push_back(t);
      ++column;
    }
  }
  return batch;
}

}  // namespace learning::data
