#pragma once
// `ildrive export --format robomimic`: a file robomimic's SequenceDataset trains on with a stock config, whose
// `actions` are ildrive's training target (the labels), not what the car executed:
//   /                      attrs format = "ildrive.robomimic_export", format_version, source_file
//   data/                  attrs total, env_args (as in the dataset: env_name, type "ildrive", env_kwargs, …)
//   data/demo_<k>/         attrs num_samples, seed, source, scenario, success, collision, metrics, terminated,
//                          source_demo (the ildrive demo it came from), first_step (its first step there)
//     obs/, final_obs/, next_obs/   as in the dataset (demo_group.h; next_obs is a virtual view)
//     actions            float32 (T, 2) the labels       executed_actions  float32 (T, 2) what the car executed
//     rewards            float32 (T,)                   dones             uint8 (T,) 1 only on a terminating step
//   mask/train, mask/valid   the source's split, per exported demo
// Demos are the labelled runs of export_episodes.h (unlabelled steps are left out by splitting, never relabelled).
// `dones` marks terminations only: a time limit or a cut run is not done, so offline RL bootstraps through it.
// ildrive does not load this file as a dataset (its actions are not the executed ones); `ildrive info` lists it.
#include <string>

#include "learning/data/dataset.h"

namespace learning::data {

inline constexpr const char* kRobomimicExportFormat = "ildrive.robomimic_export";

// Writes atomically; refuses an existing `outPath` unless `replace`. `inputPath` is recorded as source_file and
// names errors. Returns the number of demos written.
int ExportRobomimic(const Dataset& dataset, const std::string& inputPath, const std::string& outPath, bool replace,
                    bool dropLastStep);

}  // namespace learning::data
