#pragma once
// What `ildrive export` writes for other tools, whatever the format: training pairs whose target is the label.
// ildrive never trains on unlabelled steps (DAgger steps a person approved by pressing nothing), so every maximal
// run of labelled steps becomes an episode of its own; a run that stops before the episode's end ends with the
// real observation that followed it, marked as cut (not terminated). Episodes written before ildrive stored the
// final observation have no next observation for their last step: they are refused, or with `dropLastStep`
// exported without that step (it then serves as the final observation of a cut episode).
#include <string>
#include <vector>

#include "learning/data/dataset.h"

namespace learning::data {

struct ExportedEpisode {
  Episode episode;      // every step labelled; ending known
  int sourceIndex = 0;  // the demo it came from (data/demo_<sourceIndex>)
  int firstStep = 0;    // where in that demo it starts
  bool valid = false;   // in the source's validation split
};

// Throws core::Error naming `where` and the demo when an episode has no ending and `dropLastStep` is off.
std::vector<ExportedEpisode> EpisodesForExport(const Dataset& dataset, bool dropLastStep, const std::string& where);

}  // namespace learning::data
