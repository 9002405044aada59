// Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/): small files made by the project's own
// writers, so the fuzzer starts from valid inputs and mutates their structure. Usage: make_fuzz_corpus OUTDIR
//   dataset/  a 2-episode dataset (3 + 2 steps); the same with its masks as the only variable-length strings
//   policy/   tiny mse / gmm (stack of 2) / bins policies as saved now (fixed-length strings), and the mse one
//             with its string attributes rewritten as variable-length (the format before, read through hdf5_guard)
//   config/   selector byte + JSON: every scenario's defaults, registry policy configs, the dataset's env_args
#include <filesystem>
#include <fstream>
#include <string>

#include "learning/data/dataset_file.h"
#include "learning/data/env_args.h"
#include "learning/data/hdf5_util.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_config.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"
#include "tests/data/make_test_dataset.h"

namespace {

namespace fs = std::filesystem;
using learning::policies::Policy;
using learning::policies::PolicyConfig;

void WriteText(const fs::path& path, char selector, const std::string& text) {
  std::ofstream(path, std::ios::binary) << selector << text;
}

learning::data::Dataset TinyDataset() {
  core::Rng rng(3);
  learning::data::Dataset dataset;
  dataset.envArgs = learning::data::testing::TestEnvArgs();
  dataset.episodes.push_back(learning::data::testing::MakeTestEpisode(rng, 3, "expert"));
  dataset.episodes.push_back(learning::data::testing::MakeTestEpisode(rng, 2, "human"));
  dataset.train = {0};
  dataset.valid = {1};
  return dataset;
}

void SavePolicy(const fs::path& path, const std::string& name, int history) {
  PolicyConfig config = learning::policies::DefaultPolicyConfig(name);
  config.encoder = history > 1 ? learning::policies::EncoderKind::kStack : learning::policies::EncoderKind::kMlp;
  config.history = history;
  config.width = 4;
  config.depth = 1;
  config.bins = 5;
  config.mixtures = 2;
  Policy(config, {{"ego", 3}, {"brake_indicator", 1}}).Save(path.string());
}

// The string attributes rewritten as variable-length UTF-8, as policy files were written before.
void AsVariableLengthStrings(const fs::path& path) {
  H5::H5File file(path.string(), H5F_ACC_RDWR);
  for (const char* name : {"kind", "policy", "config", "obs_layout"}) {
    const std::string value = learning::data::ReadStringAttribute(file, name, path.string());
    learning::data::WriteStringAttribute(file, name, value);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_fuzz_corpus OUTDIR\n");
    return 2;
  }
  learning::data::QuietHdf5Errors();
  const fs::path out = argv[1];
  for (const char* dir : {"dataset", "policy", "config"}) fs::create_directories(out / dir);

  const learning::data::Dataset dataset = TinyDataset();
  learning::data::SaveDataset((out / "dataset" / "tiny.h5").string(), dataset);

  SavePolicy(out / "policy" / "tiny_mse.h5", "mse", 1);
  SavePolicy(out / "policy" / "tiny_gmm_stack.h5", "gmm", 2);
  SavePolicy(out / "policy" / "tiny_bins.h5", "bins", 1);
  SavePolicy(out / "policy" / "tiny_mse_vlen.h5", "mse", 1);
  AsVariableLengthStrings(out / "policy" / "tiny_mse_vlen.h5");

  for (const sim::ScenarioInfo& info : sim::Scenarios())
    WriteText(out / "config" / ("scenario_" + info.name + ".json"), '\0', sim::DefaultScenarioJson(info.name));
  for (const char* name : {"mse", "gmm", "ar_bins", "flow_matching"})
    WriteText(out / "config" / ("policy_" + std::string(name) + ".json"), '\1',
              learning::policies::PolicyConfigToJson(learning::policies::DefaultPolicyConfig(name)));
  WriteText(out / "config" / "env_args.json", '\2', learning::data::EnvArgsToJson(dataset.envArgs));
  return 0;
}
