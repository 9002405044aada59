// `ildrive info FILE.h5`: what a dataset holds (episodes, steps, sources, scenario, observation keys, split,
// success), or for any other HDF5 file (policy checkpoints) its root attributes and objects.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/figures.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/hdf5_overview.h"

namespace app {

namespace {

namespace data = learning::data;

struct InfoOptions {
  std::string path;
  std::string json;  // optional figures file
};

std::string Percent(int count, int total) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", total > 0 ? 100.0 * count / total : 0.0);
  return buffer;
}

void PrintRow(const char* name, const std::string& value) { std::printf("  %-16s %s\n", name, value.c_str()); }

void DescribeDataset(const InfoOptions& options) {
  const data::Dataset dataset = data::LoadDataset(options.path);
  const data::EnvArgs& env = dataset.envArgs;
  const int episodes = static_cast<int>(dataset.episodes.size());
  std::map<std::string, int> sources;
  int successes = 0, collisions = 0;
  for (const data::Episode& episode : dataset.episodes) {
    ++sources[episode.source];
    successes += episode.success ? 1 : 0;
    collisions += episode.collision ? 1 : 0;
  }
  const int steps = dataset.TotalSteps();
  int labelled = 0;
  for (const data::Episode& episode : dataset.episodes) labelled += episode.LabelledSteps();

  std::printf("%s: ildrive dataset (format %d)\n", options.path.c_str(), data::kDatasetFormatVersion);
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%s (%s actions %s, %s at %g Hz)", env.scenario.c_str(), env.actionMode.c_str(),
                env.actionNames[0].c_str(), env.actionNames[1].c_str(), env.controlRate);
  PrintRow("scenario", buffer);
  PrintRow("episodes", std::to_string(episodes));
  std::snprintf(buffer, sizeof buffer, "%d (%.1f s of driving, mean episode %.1f steps)", steps,
                steps / env.controlRate, episodes > 0 ? static_cast<double>(steps) / episodes : 0.0);
  PrintRow("steps", buffer);
  // DAgger steps a person approved without acting carry no label (data/demo_i/labelled) and are not trained on.
  PrintRow("labelled",
           std::to_string(labelled) + "/" + std::to_string(steps) + " steps (" + Percent(labelled, steps) + ")");
  std::string sourceText;
  for (const auto& [source, count] : sources)
    sourceText += (sourceText.empty() ? "" : ", ") + source + " " + std::to_string(count);
  PrintRow("sources", sourceText.empty() ? "-" : sourceText);
  PrintRow("success",
           std::to_string(successes) + "/" + std::to_string(episodes) + " (" + Percent(successes, episodes) + ")");
  PrintRow("collisions",
           std::to_string(collisions) + "/" + std::to_string(episodes) + " (" + Percent(collisions, episodes) + ")");
  PrintRow("split",
           "train " + std::to_string(dataset.train.size()) + ", valid " + std::to_string(dataset.valid.size()));
  std::string keys;
  for (const auto& [key, names] : env.obsLayout)
    keys += (keys.empty() ? "" : ", ") + key + " (" + std::to_string(names.size()) + ")";
  PrintRow("obs keys", keys);
  // robomimic's loader reads data/demo_i/next_obs/<key> by default (a virtual view over obs, next_obs.h).
  int withNext = 0;
  for (const data::Episode& episode : dataset.episodes) withNext += episode.ending ? 1 : 0;
  if (withNext == episodes)
    PrintRow("next_obs", "yes (a virtual view over obs and final_obs)");
  else if (withNext == 0)
    PrintRow("next_obs", "no (written before ildrive stored it; `ildrive export` needs --drop-last-step)");
  else
    PrintRow("next_obs", std::to_string(withNext) + "/" + std::to_string(episodes) +
                             " demos (the others were written before ildrive stored it)");

  if (options.json.empty()) return;
  Figures figures;
  figures.Add("dataset.episodes", episodes);
  figures.Add("dataset.steps", steps);
  figures.Add("dataset.labelled_steps", labelled);
  figures.Add("dataset.success_rate", episodes > 0 ? static_cast<double>(successes) / episodes : 0.0);
  figures.Add("dataset.collision_rate", episodes > 0 ? static_cast<double>(collisions) / episodes : 0.0);
  figures.Add("dataset.train_episodes", static_cast<double>(dataset.train.size()));
  figures.Add("dataset.valid_episodes", static_cast<double>(dataset.valid.size()));
  figures.Add("dataset.next_obs_episodes", withNext);
  for (const auto& [source, count] : sources) figures.Add("dataset.source." + source, count);
  figures.WriteJson(options.json);
}

void DescribeOtherFile(const InfoOptions& options) {
  const data::Hdf5Overview overview = data::DescribeHdf5File(options.path);
  std::printf("%s: HDF5 file (not a dataset)\n", options.path.c_str());
  std::printf("attributes:\n");
  if (overview.rootAttributes.empty()) std::printf("  (none)\n");
  for (const auto& [name, value] : overview.rootAttributes) PrintRow(name.c_str(), value);
  std::printf("objects:\n");
  if (overview.objects.empty()) std::printf("  (none)\n");
  for (const auto& [path, description] : overview.objects)
    std::printf("  %-40s %s\n", path.c_str(), description.c_str());
  if (overview.objectsLeftOut > 0) std::printf("  … and %ld more\n", overview.objectsLeftOut);
  if (!options.json.empty())
    throw core::Error("--json is only available for datasets; " + options.path + " is not one");
}

}  // namespace

void AddInfoCommand(CLI::App& cli) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = cli.add_subcommand("info", "Say what a dataset or policy file (HDF5) holds");
  command->add_option("file", options->path, "dataset (from `ildrive record`) or policy checkpoint")->required();
  command->add_option("--json", options->json, "also write the dataset's figures to this JSON file");
  command->callback([options] {
    if (data::IsDatasetFile(options->path))
      DescribeDataset(*options);
    else
      DescribeOtherFile(*options);
  });
}

}  // namespace app
