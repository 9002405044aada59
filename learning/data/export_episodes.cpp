#include "learning/data/export_episodes.h"

#include <algorithm>

#include "core/error.h"

namespace learning::data {

std::vector<ExportedEpisode> EpisodesForExport(const Dataset& dataset, bool dropLastStep, const std::string& where) {
  std::vector<uint8_t> valid(dataset.episodes.size(), 0);
  for (int index : dataset.valid) valid[static_cast<size_t>(index)] = 1;
  std::vector<ExportedEpisode> out;
  for (size_t i = 0; i < dataset.episodes.size(); ++i) {
    const Episode& source = dataset.episodes[i];
    int length = source.Length();
    if (!source.ending) {
      if (!dropLastStep)
        throw core::Error(where + ": data/demo_" + std::to_string(i) +
                          " has no final observation (written before ildrive stored next_obs); re-record it, or "
                          "pass --drop-last-step to export such demos without their last step");
      --length;  // that step's observation becomes the final one
    }
    std::vector<uint8_t> flags(static_cast<size_t>(source.Length()), 0);
    for (int t = 0; t < length; ++t) flags[static_cast<size_t>(t)] = source.IsLabelled(t) ? 1 : 0;
    int firstStep = 0;
    for (Episode& run : SplitIntoRuns(source, flags)) {
      while (!flags[static_cast<size_t>(firstStep)]) ++firstStep;
      const int runLength = run.Length();
      run.labelled.clear();
      out.push_back(ExportedEpisode{std::move(run), static_cast<int>(i), firstStep, valid[i] != 0});
      firstStep += runLength;
    }
  }
  return out;
}

}  // namespace learning::data
