#include "learning/data/minari_export.h"

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/export_episodes.h"
#include "learning/data/hdf5_util.h"

namespace learning::data {

namespace {

// Minari's serialized Box (minari.serialization): a JSON string; unbounded limits are Python's Infinity literals,
// which json.loads reads (nlohmann would write them as null).
std::string BoxJson(int dim, const std::string& low, const std::string& high) {
  std::string lows, highs;
  for (int i = 0; i < dim; ++i) {
    lows += (i ? ", " : "") + low;
    highs += (i ? ", " : "") + high;
  }
  return "{\"type\": \"Box\", \"dtype\": \"float32\", \"shape\": [" + std::to_string(dim) + "], \"low\": [" + lows +
         "], \"high\": [" + highs + "]}";
}

std::string ObservationSpaceJson(const EnvArgs& env) {
  std::string subspaces;
  for (const auto& [key, names] : env.obsLayout)
    subspaces += (subspaces.empty() ? "" : ", ") + nlohmann::json(key).dump() + ": " +
                 BoxJson(static_cast<int>(names.size()), "-Infinity", "Infinity");
  return "{\"type\": \"Dict\", \"subspaces\": {" + subspaces + "}}";
}

// numpy bool as h5py stores it: an 8-bit enum {FALSE: 0, TRUE: 1}.
void WriteBoolVector(const H5::Group& group, const std::string& name, const std::vector<int8_t>& values) {
  H5::EnumType type(H5::PredType::NATIVE_INT8);
  int8_t no = 0, yes = 1;  // EnumType::insert takes non-const pointers
  type.insert("FALSE", &no);
  type.insert("TRUE", &yes);
  const hsize_t dims[1] = {values.size()};
  group.createDataSet(name, type, H5::DataSpace(1, dims)).write(values.data(), type);
}

void WriteDoubleAttribute(const H5::H5Object& object, const std::string& name, double value) {
  object.createAttribute(name, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR))
      .write(H5::PredType::NATIVE_DOUBLE, &value);
}

void WriteEpisode(const H5::H5File& file, int id, const ExportedEpisode& exported) {
  const Episode& episode = exported.episode;
  const int steps = episode.Length();
  H5::Group group = file.createGroup("episode_" + std::to_string(id));
  WriteIntAttribute(group, "id", id);
  WriteIntAttribute(group, "total_steps", steps);
  WriteUint64Attribute(group, "seed", episode.seed);
  const Eigen::VectorXd rewards = episode.rewards.cast<double>();
  const double mean = rewards.mean();
  WriteDoubleAttribute(group, "rewards_max", rewards.maxCoeff());
  WriteDoubleAttribute(group, "rewards_min", rewards.minCoeff());
  WriteDoubleAttribute(group, "rewards_mean", mean);
  WriteDoubleAttribute(group, "rewards_std", std::sqrt((rewards.array() - mean).square().mean()));
  WriteDoubleAttribute(group, "rewards_sum", rewards.sum());
  WriteStringAttribute(group, "source", episode.source);
  WriteStringAttribute(group, "scenario", episode.scenario);
  WriteUint8Attribute(group, "success", episode.success ? 1 : 0);
  WriteUint8Attribute(group, "collision", episode.collision ? 1 : 0);
  WriteStringAttribute(group, "source_demo", "demo_" + std::to_string(exported.sourceIndex));
  WriteIntAttribute(group, "first_step", exported.firstStep);

  H5::Group observations = group.createGroup("observations");
  for (const auto& [key, values] : episode.obs) {
    Eigen::MatrixXf withFinal(values.rows(), steps + 1);
    withFinal << values, episode.ending->obs.at(key);
    WriteFloatMatrix(observations, key, withFinal);
  }
  WriteFloatMatrix(group, "actions", episode.labels);
  WriteFloatMatrix(group, "rewards", episode.rewards.transpose(), /*asVector=*/true);
  std::vector<int8_t> terminations(static_cast<size_t>(steps), 0), truncations(static_cast<size_t>(steps), 0);
  (episode.ending->terminated ? terminations : truncations).back() = 1;
  WriteBoolVector(group, "terminations", terminations);
  WriteBoolVector(group, "truncations", truncations);
  H5::Group infos = group.createGroup("infos");
  Eigen::MatrixXf executed = Eigen::MatrixXf::Zero(kActionDim, steps + 1);
  executed.rightCols(steps) = episode.actions;
  WriteFloatMatrix(infos, "executed_action", executed);
}

std::string MetadataJson(const Dataset& dataset, const std::vector<ExportedEpisode>& episodes,
                         const std::string& datasetId, const std::string& inputPath) {
  long steps = 0;
  std::set<std::string> sources;
  for (const ExportedEpisode& e : episodes) {
    steps += e.episode.Length();
    sources.insert(e.episode.source);
  }
  std::string algorithm;
  for (const std::string& source : sources) algorithm += (algorithm.empty() ? "" : ", ") + source;
  nlohmann::ordered_json json;
  json["dataset_id"] = datasetId;
  json["total_episodes"] = episodes.size();
  json["total_steps"] = steps;
  json["data_format"] = "hdf5";
  json["minari_version"] = "~=0.5";
  json["observation_space"] = ObservationSpaceJson(dataset.envArgs);
  json["action_space"] = BoxJson(kActionDim, "-1.0", "1.0");
  json["algorithm_name"] = algorithm;
  json["description"] = "ildrive demonstrations of scenario '" + dataset.envArgs.scenario + "' exported from " +
                        std::filesystem::path(inputPath).filename().string() +
                        ": actions are the labels (the training target), infos/executed_action what the car "
                        "executed; each episode is one run of labelled steps.";
  json["ildrive_env_args"] = nlohmann::ordered_json::parse(EnvArgsToJson(dataset.envArgs));
  return json.dump(2) + "\n";
}

bool NamePart(const std::string& part) {
  if (part.empty()) return false;
  for (char c : part)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

std::string DefaultMinariDatasetId(const Dataset& dataset) {
  std::set<std::string> sources;
  for (const Episode& episode : dataset.episodes) sources.insert(episode.source);
  const std::string name = sources.size() == 1 ? *sources.begin() : "mixed";
  return "ildrive/" + dataset.envArgs.scenario + "/" + name + "-v0";
}

void CheckMinariDatasetId(const std::string& id) {
  const size_t version = id.rfind("-v");
  bool ok = version != std::string::npos && version + 2 < id.size();
  for (size_t i = version + 2; ok && i < id.size(); ++i) ok = std::isdigit(static_cast<unsigned char>(id[i])) != 0;
  size_t start = 0;
  while (ok) {
    const size_t slash = id.find('/', start);
    ok = NamePart(id.substr(start, slash == std::string::npos ? version - start : slash - start));
    if (slash == std::string::npos || slash > version) break;
    start = slash + 1;
  }
  if (!ok)
    throw core::Error("--dataset-id '" + id +
                      "' is not a Minari id: (namespace/)(env_name/)dataset_name-v<number>, names of letters, "
                      "digits, '_', '-' and '.'");
}

int ExportMinari(const Dataset& dataset, const std::string& inputPath, const std::string& outDir,
                 const std::string& datasetId, bool replace, bool dropLastStep) {
  CheckMinariDatasetId(datasetId);
  const std::vector<ExportedEpisode> episodes = EpisodesForExport(dataset, dropLastStep, inputPath);
  if (episodes.empty()) throw core::Error(inputPath + ": no labelled steps to export");
  core::WriteDirectoryAtomically(outDir, replace, [&](const std::string& temp) {
    const std::filesystem::path data = std::filesystem::path(temp) / "data";
    std::filesystem::create_directories(data);
    const std::string hdf5 = (data / "main_data.hdf5").string();
    WithHdf5Errors(outDir, "writing main_data.hdf5", [&] {
      H5::H5File file(hdf5, H5F_ACC_TRUNC);
      for (size_t i = 0; i < episodes.size(); ++i) WriteEpisode(file, static_cast<int>(i), episodes[i]);
      file.close();
    });
    core::WriteFileAtomically((data / "metadata.json").string(), MetadataJson(dataset, episodes, datasetId, inputPath));
  });
  return static_cast<int>(episodes.size());
}

}  // namespace learning::data
