// `ildrive export --format robomimic|minari --out PATH FILE.h5`: a dataset rewritten for another tool's default
// loader, with the labels as `actions` (learning/data/robomimic_export.h, minari_export.h). Everything is checked
// before writing; the output appears complete or not at all.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "app/cli/commands.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/minari_export.h"
#include "learning/data/robomimic_export.h"

namespace app {

namespace {

namespace data = learning::data;

struct ExportOptions {
  std::string path;
  std::string format;
  std::string out;
  std::string datasetId;
  bool force = false;
  bool dropLastStep = false;
};

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code error;
  return std::filesystem::equivalent(a, b, error);
}

void Run(const ExportOptions& options) {
  if (options.format == "robomimic" && !options.datasetId.empty())
    throw core::Error("--dataset-id only applies to --format minari");
  if (options.format == "minari") data::CheckMinariDatasetId(options.datasetId.empty() ? "x-v0" : options.datasetId);
  if (SameFile(options.path, options.out)) throw core::Error(options.out + ": is the input file; export elsewhere");
  if (!data::IsDatasetFile(options.path))
    throw core::Error(options.path + ": not an ildrive dataset (root attribute \"format\" is not \"" +
                      data::kDatasetFormat + "\")");
  const data::Dataset dataset = data::LoadDataset(options.path);
  int written = 0;
  std::string where = options.out;
  if (options.format == "robomimic") {
    written = data::ExportRobomimic(dataset, options.path, options.out, options.force, options.dropLastStep);
  } else {
    const std::string id = options.datasetId.empty() ? data::DefaultMinariDatasetId(dataset) : options.datasetId;
    written = data::ExportMinari(dataset, options.path, options.out, id, options.force, options.dropLastStep);
    where = options.out + "/data (dataset id " + id + ")";
  }
  std::printf("exported %d episodes (labelled runs of %zu demos) from %s to %s; actions are the labels\n", written,
              dataset.episodes.size(), options.path.c_str(), where.c_str());
}

}  // namespace

void AddExportCommand(CLI::App& cli) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = cli.add_subcommand(
      "export", "Write a dataset for robomimic or Minari, with the labels as actions (README: Datasets in other tools)");
  command->add_option("file", options->path, "dataset (from `ildrive record`, `ildrive dagger` or the app)")
      ->required();
  command->add_option("--format", options->format, "robomimic (one HDF5 file) or minari (a dataset folder)")
      ->required()
      ->check(CLI::IsMember({"robomimic", "minari"}));
  command->add_option("--out", options->out, "output file (robomimic) or folder (minari)")->required();
  command->add_option("--dataset-id", options->datasetId,
                      "Minari dataset id (default ildrive/<scenario>/<source>-v0)");
  command->add_flag("--force", options->force, "replace an existing output file or non-empty folder");
  command->add_flag("--drop-last-step", options->dropLastStep,
                    "export demos written before ildrive stored next_obs without their last step");
  command->callback([options] { Run(*options); });
}

}  // namespace app
