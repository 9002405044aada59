#include "learning/data/robomimic_export.h"

#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/demo_group.h"
#include "learning/data/export_episodes.h"
#include "learning/data/hdf5_util.h"

namespace learning::data {

namespace {

void WriteDemo(const H5::Group& data, const std::string& name, const ExportedEpisode& exported) {
  const Episode& episode = exported.episode;
  H5::Group demo = data.createGroup(name);
  WriteDemoAttributes(demo, episode);
  WriteStringAttribute(demo, "source_demo", "demo_" + std::to_string(exported.sourceIndex));
  WriteIntAttribute(demo, "first_step", exported.firstStep);
  WriteObservations(demo, episode);
  WriteFloatMatrix(demo, "actions", episode.labels);
  WriteFloatMatrix(demo, "executed_actions", episode.actions);
  WriteFloatMatrix(demo, "rewards", episode.rewards.transpose(), /*asVector=*/true);
  std::vector<uint8_t> dones(static_cast<size_t>(episode.Length()), 0);
  dones.back() = episode.ending->terminated ? 1 : 0;
  WriteUint8Vector(demo, "dones", dones);
}

}  // namespace

int ExportRobomimic(const Dataset& dataset, const std::string& inputPath, const std::string& outPath, bool replace,
                    bool dropLastStep) {
  const std::vector<ExportedEpisode> episodes = EpisodesForExport(dataset, dropLastStep, inputPath);
  if (episodes.empty()) throw core::Error(inputPath + ": no labelled steps to export");
  std::error_code error;
  if (std::filesystem::exists(outPath, error) && !replace)
    throw core::Error(outPath + ": exists (pass --force to replace it)");
  core::WriteAtomically(outPath, [&](const std::string& temp) {
    WithHdf5Errors(outPath, "writing the robomimic export", [&] {
      H5::H5File file;
      try {
        file = H5::H5File(temp, H5F_ACC_TRUNC);
      } catch (const H5::Exception&) {
        throw core::Error(outPath + ": cannot write here (check the directory exists and is writable)");
      }
      WriteStringAttribute(file, "format", kRobomimicExportFormat);
      WriteIntAttribute(file, "format_version", 1);
      WriteStringAttribute(file, "source_file", inputPath);
      H5::Group data = file.createGroup("data");
      long total = 0;
      std::vector<std::string> train, valid;
      for (size_t k = 0; k < episodes.size(); ++k) {
        const std::string name = "demo_" + std::to_string(k);
        WriteDemo(data, name, episodes[k]);
        total += episodes[k].episode.Length();
        (episodes[k].valid ? valid : train).push_back(name);
      }
      WriteIntAttribute(data, "total", total);
      WriteStringAttribute(data, "env_args", EnvArgsToJson(dataset.envArgs));
      H5::Group mask = file.createGroup("mask");
      WriteStringVector(mask, "train", train);
      WriteStringVector(mask, "valid", valid);
      file.close();
    });
  });
  return static_cast<int>(episodes.size());
}

}  // namespace learning::data
