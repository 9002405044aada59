#pragma once
// `ildrive export --format minari --out DIR`: Farama Minari's on-disk dataset (format 0.5, data_format "hdf5"),
// so Minari and Gymnasium users load ildrive demonstrations with MinariDataset("DIR/data"), or with
// minari.load_dataset(ID) once DIR is at <MINARI_DATASETS_PATH>/<ID>:
//   DIR/data/metadata.json   dataset_id, total_episodes, total_steps, data_format "hdf5", minari_version "~=0.5",
//                            observation_space (Dict of float32 Boxes, one per observation key) and action_space
//                            (float32 Box [-1, 1]^2) as Minari's space JSON strings, algorithm_name (the sources),
//                            description, ildrive_env_args
//   DIR/data/main_data.hdf5  episode_<i>/ attrs id, total_steps, seed, rewards_{max,min,mean,std,sum}, and ildrive's
//                            source, scenario, success, collision, source_demo, first_step
//     observations/<key>     float32 (T+1, dim), the initial and the final observation included
//     actions                float32 (T, 2) the labels (the training target)
//     rewards                float32 (T,)
//     terminations, truncations   bool (T,) (HDF5 enum FALSE/TRUE, as h5py writes numpy bools); the last step
//                            is terminated or truncated, every other step neither
//     infos/executed_action  float32 (T+1, 2): row t+1 is what the car executed at step t (the step's info),
//                            row 0 (reset) is zero
// Episodes are the labelled runs of export_episodes.h. The folder is written atomically: a non-empty DIR is
// refused unless `replace`.
#include <string>

#include "learning/data/dataset.h"

namespace learning::data {

// "ildrive/<scenario>/<source or mixed>-v0".
std::string DefaultMinariDatasetId(const Dataset& dataset);

// Minari's id syntax: (namespace/)(env_name/)dataset_name-v<version>, names of letters, digits, '_', '-', '.'.
// core::Error naming the id otherwise.
void CheckMinariDatasetId(const std::string& id);

// Returns the number of episodes written.
int ExportMinari(const Dataset& dataset, const std::string& inputPath, const std::string& outDir,
                 const std::string& datasetId, bool replace, bool dropLastStep);

}  // namespace learning::data
