#pragma once
// Datasets on disk: HDF5 in the robomimic layout (docs/design.md, "Files"), so h5py and robomimic tools read them:
//   /                 attrs format = "ildrive.dataset", format_version
//   data/             attrs total (steps), env_args (JSON with env_name, type, env_kwargs; see env_args.h)
//   data/demo_<i>/    attrs num_samples, seed (uint64), source, scenario, success, collision (uint8), metrics (JSON),
//                     terminated (uint8, with final_obs)
//     obs/<key>       float32 (T, dim)
//     next_obs/<key>  float32 (T, dim), a virtual view over obs and final_obs/<key> (1, dim): next_obs.h. Demos
//                     written before ildrive stored it have neither and load with an unknown ending.
//     actions         float32 (T, 2) executed      labels   float32 (T, 2) what the labeller said
//     rewards         float32 (T,)                 dones    uint8 (T,)
//     labelled        uint8 (T,): 1 where `labels` is a real label, 0 where the labeller gave none (DAgger steps a
//                     person approved by pressing nothing); 0-steps are left out of training. Files without it
//                     (written before it existed) load as fully labelled; a wrong length or a value other than 0/1
//                     is refused naming the demo.
//   mask/train, mask/valid   variable-length UTF-8 demo names
// Every write is atomic (temporary file + rename): readers and crashes see the old file or the new one. Writers
// take turns (core::WriterLock), so of two writers appending to one file at once (two app windows, the app and
// `ildrive record`) one lands and the other is refused with a message: no episode silently vanishes.
#include <string>

#include "learning/data/dataset.h"

namespace learning::data {

inline constexpr const char* kDatasetFormat = "ildrive.dataset";
inline constexpr int kDatasetFormatVersion = 1;

// Validates, then writes the whole dataset atomically. Throws core::Error naming the file (unwritable path,
// invalid episode).
void SaveDataset(const std::string& path, const Dataset& dataset);

// Reads and validates everything: layout, attributes, shapes, lengths, finite values, version and split.
// Throws core::Error naming the file, the demo and the field.
Dataset LoadDataset(const std::string& path);

// Adds `dataset.episodes.back()` to the file at `path`, which must hold exactly the other episodes (as written
// by SaveDataset or a previous append), and rewrites the split and totals from `dataset`. Atomic, and cheaper
// than SaveDataset for long recordings: the earlier episodes are copied as bytes, not re-encoded.
void AppendLastEpisode(const std::string& path, const Dataset& dataset);

// True when `path` holds an ildrive dataset (the root `format` attribute), false for other HDF5 files;
// a non-HDF5 or unreadable file is a core::Error.
bool IsDatasetFile(const std::string& path);

}  // namespace learning::data
