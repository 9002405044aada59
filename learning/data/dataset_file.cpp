#include "learning/data/dataset_file.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/writer_lock.h"
#include "learning/data/hdf5_util.h"
#include "learning/data/hdf5_write.h"
#include "learning/data/demo_group.h"

namespace learning::data {

namespace {

std::string DemoName(size_t index) { return "demo_" + std::to_string(index); }

// "demo_<n>" → n, or -1.
long DemoIndex(const std::string& name) {
  constexpr size_t kPrefix = 5;
  if (name.size() <= kPrefix || name.compare(0, kPrefix, "demo_") != 0) return -1;
  long index = 0;
  for (size_t i = kPrefix; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || index > 100'000'000) return -1;
    index = index * 10 + (name[i] - '0');
  }
  return index;
}

std::map<std::string, double> MetricsFromJson(const std::string& text, const std::string& where) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {  // parse_error, and out_of_range for 1e99999
    throw core::Error(where + ": attribute \"metrics\" is not valid JSON");
  }
  if (!json.is_object()) throw core::Error(where + ": attribute \"metrics\" must be a JSON object");
  std::map<std::string, double> metrics;
  for (const auto& item : json.items()) {
    if (!item.value().is_number()) throw core::Error(where + ": metric \"" + item.key() + "\" must be a number");
    metrics[item.key()] = item.value().get<double>();
  }
  return metrics;
}

void WriteEpisode(const H5::Group& data, const std::string& name, const Episode& episode) {
  H5::Group demo = data.createGroup(name);
  WriteDemoAttributes(demo, episode);
  WriteObservations(demo, episode);
  WriteFloatMatrix(demo, "actions", episode.actions);
  WriteFloatMatrix(demo, "labels", episode.labels);
  WriteFloatMatrix(demo, "rewards", episode.rewards.transpose(), /*asVector=*/true);
  WriteUint8Vector(demo, "dones", episode.dones);
  WriteUint8Vector(demo, "labelled",
                   episode.labelled.empty() ? std::vector<uint8_t>(static_cast<size_t>(episode.Length()), 1)
                                            : episode.labelled);
}

// The per-step label mask: absent in files written before it existed (every step labelled then); otherwise one
// 0/1 flag per step, else core::Error naming the demo. All ones is kept as the empty (implicit) mask.
std::vector<uint8_t> ReadLabelledMask(const H5::Group& demo, long steps, const std::string& where) {
  if (!demo.nameExists("labelled")) return {};
  const std::vector<int64_t> flags = ReadInt64Vector(demo, "labelled", where);
  if (static_cast<long>(flags.size()) != steps)
    throw core::Error(where + ": \"labelled\" has " + std::to_string(flags.size()) +
                      " entries, expected one per step (" + std::to_string(steps) + ")");
  std::vector<uint8_t> mask(flags.size());
  bool allOnes = true;
  for (size_t t = 0; t < flags.size(); ++t) {
    if (flags[t] != 0 && flags[t] != 1)
      throw core::Error(where + ": \"labelled\" must hold 0 or 1 (step " + std::to_string(t) + " holds " +
                        std::to_string(flags[t]) + ")");
    mask[t] = static_cast<uint8_t>(flags[t]);
    allOnes = allOnes && flags[t] == 1;
  }
  if (allOnes) mask.clear();
  return mask;
}

std::vector<std::string> DemoNames(const std::vector<int>& indices) {
  std::vector<std::string> names;
  for (int index : indices) names.push_back(DemoName(static_cast<size_t>(index)));
  return names;
}

void WriteMasks(const H5::H5File& file, const Dataset& dataset) {
  if (file.nameExists("mask")) file.unlink("mask");
  H5::Group mask = file.createGroup("mask");
  WriteStringVector(mask, "train", DemoNames(dataset.train));
  WriteStringVector(mask, "valid", DemoNames(dataset.valid));
}

void WriteHeader(const H5::H5File& file, const H5::Group& data, const Dataset& dataset) {
  WriteStringAttribute(file, "format", kDatasetFormat);
  WriteIntAttribute(file, "format_version", kDatasetFormatVersion);
  WriteIntAttribute(data, "total", dataset.TotalSteps());
  WriteStringAttribute(data, "env_args", EnvArgsToJson(dataset.envArgs));
}

// What `episode` adds to a file: its values, plus Hdf5BytesBound's allowance per object for its group, attributes
// and datasets.
long long EpisodeBytesBound(const Episode& episode) {
  long long raw = 0;
  long long objects = 16;  // the demo group, its attributes and obs group, the datasets beside obs
  for (const auto& [key, matrix] : episode.obs) {
    raw += 4LL * matrix.size();
    objects += 2;  // the observation and its ending row
  }
  raw += 4LL * (episode.actions.size() + episode.labels.size() + episode.rewards.size());
  raw += 2LL * static_cast<long long>(episode.dones.size() + static_cast<size_t>(episode.Length()));
  return Hdf5BytesBound(raw, objects) - Hdf5BytesBound(0, 0);
}

// What grows with the number of demos besides the demos: the masks name every demo (a variable-length string of
// ~12 bytes, ~16 of heap header and 16 of reference each) and data/'s link names and B-tree (~32 bytes each).
long long PerDemoBytesBound(const Dataset& dataset) { return 80LL * static_cast<long long>(dataset.episodes.size()); }

Episode ReadEpisode(const H5::Group& demo, const std::map<std::string, int>& dims, const std::string& where) {
  Episode episode;
  const int64_t samples = ReadIntAttribute(demo, "num_samples", where);
  episode.seed = ReadUint64Attribute(demo, "seed", where);
  episode.source = ReadStringAttribute(demo, "source", where);
  episode.scenario = ReadStringAttribute(demo, "scenario", where);
  episode.success = ReadIntAttribute(demo, "success", where) != 0;
  episode.collision = ReadIntAttribute(demo, "collision", where) != 0;
  episode.metrics = MetricsFromJson(ReadStringAttribute(demo, "metrics", where), where);
  H5::Group obs = OpenGroup(demo, "obs", where);
  for (const auto& [key, dim] : dims) episode.obs[key] = ReadFloatMatrix(obs, key, dim, where + "/obs");
  for (hsize_t i = 0; i < obs.getNumObjs(); ++i) {
    const std::string key = obs.getObjnameByIdx(i);
    if (!dims.contains(key)) throw core::Error(where + ": observation \"obs/" + key + "\" is not in env_args");
  }
  episode.actions = ReadFloatMatrix(demo, "actions", kActionDim, where);
  episode.labels = ReadFloatMatrix(demo, "labels", kActionDim, where);
  episode.rewards = ReadFloatMatrix(demo, "rewards", 0, where).row(0).transpose();
  episode.dones = ReadUint8Vector(demo, "dones", where);
  episode.labelled = ReadLabelledMask(demo, episode.Length(), where);
  episode.ending = ReadEnding(demo, dims, where);
  if (samples != episode.Length())
    throw core::Error(where + ": num_samples is " + std::to_string(samples) + " but \"actions\" has " +
                      std::to_string(episode.Length()) + " steps");
  ValidateEpisode(episode, dims, where);
  return episode;
}

std::vector<int> ReadMask(const H5::Group& mask, const std::string& name, const std::map<std::string, int>& byName,
                          const std::string& where) {
  std::vector<int> indices;
  for (const std::string& demo : ReadStringVector(mask, name, where + ": mask")) {
    auto it = byName.find(demo);
    if (it == byName.end())
      throw core::Error(where + ": mask/" + name + " names \"" + demo + "\", which is not in data/");
    indices.push_back(it->second);
  }
  std::sort(indices.begin(), indices.end());
  return indices;
}

Dataset ReadDataset(const H5::H5File& file, const std::string& path) {
  if (!HasAttribute(file, "format", path) || ReadStringAttribute(file, "format", path) != kDatasetFormat)
    throw core::Error(path + ": not an ildrive dataset (root attribute \"format\" is not \"" + kDatasetFormat + "\")");
  const int64_t version = ReadIntAttribute(file, "format_version", path);
  if (version != kDatasetFormatVersion)
    throw core::Error(path + ": dataset format version " + std::to_string(version) + " is not supported (expected " +
                      std::to_string(kDatasetFormatVersion) + ")");
  H5::Group data = OpenGroup(file, "data", path);
  Dataset dataset;
  dataset.envArgs = EnvArgsFromJson(ReadStringAttribute(data, "env_args", path + ": data"), path + ": data");
  const std::map<std::string, int> dims = dataset.envArgs.ObsDims();

  std::vector<std::pair<long, std::string>> demos;
  for (hsize_t i = 0; i < data.getNumObjs(); ++i) {
    const std::string name = data.getObjnameByIdx(i);
    const long index = DemoIndex(name);
    if (index < 0 || data.childObjType(name) != H5O_TYPE_GROUP)
      throw core::Error(path + ": data/" + name + " is not a demo_<i> group");
    demos.emplace_back(index, name);
  }
  std::sort(demos.begin(), demos.end());
  std::map<std::string, int> byName;
  for (const auto& [index, name] : demos) {
    const std::string where = path + ": data/" + name;
    byName[name] = static_cast<int>(dataset.episodes.size());
    dataset.episodes.push_back(ReadEpisode(OpenGroup(data, name, where), dims, where));
  }
  const int64_t total = ReadIntAttribute(data, "total", path + ": data");
  if (total != dataset.TotalSteps())
    throw core::Error(path + ": data attribute total is " + std::to_string(total) + " but the demos hold " +
                      std::to_string(dataset.TotalSteps()) + " steps");
  H5::Group mask = OpenGroup(file, "mask", path);
  dataset.train = ReadMask(mask, "train", byName, path);
  dataset.valid = ReadMask(mask, "valid", byName, path);
  dataset.Validate(path);
  return dataset;
}

}  // namespace

void SaveDataset(const std::string& path, const Dataset& dataset) {
  dataset.Validate(path);
  const core::WriterLock lock(path);
  long long bytes = PerDemoBytesBound(dataset) + static_cast<long long>(EnvArgsToJson(dataset.envArgs).size());
  for (const Episode& episode : dataset.episodes) bytes += EpisodeBytesBound(episode);
  bytes = Hdf5BytesBound(bytes, /*objects=*/8);
  WriteHdf5FileAtomically(path, /*copyExisting=*/false, bytes, "writing the dataset", [&](H5::H5File& file) {
    H5::Group data = file.createGroup("data");
    WriteHeader(file, data, dataset);
    for (size_t i = 0; i < dataset.episodes.size(); ++i) WriteEpisode(data, DemoName(i), dataset.episodes[i]);
    WriteMasks(file, dataset);
  });
}

void AppendLastEpisode(const std::string& path, const Dataset& dataset) {
  ILD_CHECK(!dataset.episodes.empty(), "an episode to append");
  const size_t last = dataset.episodes.size() - 1;
  const std::string where = path + ": " + DemoName(last);
  ValidateEpisode(dataset.episodes[last], dataset.envArgs.ObsDims(), where);
  if (dataset.episodes[last].scenario != dataset.envArgs.scenario)
    throw core::Error(where + ": scenario differs from the dataset's");
  // Without the lock two writers could both copy the file with N demos and both rename theirs over it: one
  // episode would vanish. With it they take turns, and the second finds N + 1 demos and is refused below.
  const core::WriterLock lock(path);
  const long long bytes = Hdf5BytesBound(EpisodeBytesBound(dataset.episodes[last]) + PerDemoBytesBound(dataset), 4);
  WriteHdf5FileAtomically(path, /*copyExisting=*/true, bytes, "appending an episode", [&](H5::H5File& file) {
    H5::Group data = OpenGroup(file, "data", path);
    if (data.getNumObjs() != last)
      throw core::Error(path + ": holds " + std::to_string(data.getNumObjs()) + " demos, expected " +
                        std::to_string(last) + " before appending" +
                        (data.getNumObjs() > last ? " (another writer, e.g. a second ildrive window or `ildrive "
                                                    "record`, appended to it): nothing was written; save to "
                                                    "another file or reload this one"
                                                  : ""));
    // env_args stay as they are (rewriting them would leave the old string's space unused in the file).
    if (EnvArgsFromJson(ReadStringAttribute(data, "env_args", path + ": data"), path + ": data") != dataset.envArgs)
      throw core::Error(path + ": recorded with a different environment (env_args differ); cannot append");
    WriteIntAttribute(data, "total", dataset.TotalSteps());
    WriteEpisode(data, DemoName(last), dataset.episodes[last]);
    WriteMasks(file, dataset);
  });
}

Dataset LoadDataset(const std::string& path) {
  H5::H5File file = OpenHdf5ForReading(path);
  return WithHdf5Errors(path, "reading the dataset", [&] { return ReadDataset(file, path); });
}

bool IsDatasetFile(const std::string& path) {
  H5::H5File file = OpenHdf5ForReading(path);
  return WithHdf5Errors(path, "reading the root attributes", [&] {
    return HasAttribute(file, "format", path) && ReadStringAttribute(file, "format", path) == kDatasetFormat;
  });
}

}  // namespace learning::data
