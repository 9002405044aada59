// ildrive._core.Dataset: the HDF5 datasets of learning/data from Python (read, write, and the training view).
// Arrays cross as numpy (T, dim) row-major float32, which is byte for byte Episode's (dim, T) column-major matrices.
#include <pybind11/stl.h>

#include <cstring>

#include "core/error.h"
#include "learning/data/batch.h"
#include "learning/data/dataset_file.h"
#include "learning/data/env_args.h"
#include "learning/imitation/rollout.h"
#include "python/src/scenario_overrides.h"
#include "python/src/bindings.h"
#include "python/src/convert.h"

namespace ildrive_py {

namespace {

namespace data = learning::data;

// (T, rows) numpy copy of a (rows, T) column-major matrix.
py::array_t<float> Rows(const Eigen::MatrixXf& m) {
  py::array_t<float> a({static_cast<py::ssize_t>(m.cols()), static_cast<py::ssize_t>(m.rows())});
  if (m.size() > 0) std::memcpy(a.mutable_data(), m.data(), static_cast<size_t>(m.size()) * sizeof(float));
  return a;
}

Eigen::MatrixXf Columns(py::handle value, const std::string& what, py::ssize_t steps, py::ssize_t dim) {
  const auto a = FloatMatrix(value, what, steps, dim);
  Eigen::MatrixXf m(a.shape(1), a.shape(0));
  if (m.size() > 0) std::memcpy(m.data(), a.data(), static_cast<size_t>(m.size()) * sizeof(float));
  return m;
}

data::Split ParseSplit(const std::string& split) {
  if (split == "all") return data::Split::kAll;
  if (split == "train") return data::Split::kTrain;
  if (split == "valid") return data::Split::kValid;
  throw std::invalid_argument("split \"" + split + "\": expected all, train or valid");
}

py::dict EpisodeDict(const data::Episode& e) {
  py::dict obs;
  for (const auto& [key, m] : e.obs) obs[py::str(key)] = Rows(m);
  py::dict d;
  d["obs"] = obs;
  d["actions"] = Rows(e.actions);
  d["labels"] = Rows(e.labels);
  py::array_t<float> rewards(static_cast<py::ssize_t>(e.rewards.size()));
  if (e.rewards.size() > 0) std::memcpy(rewards.mutable_data(), e.rewards.data(), e.rewards.size() * sizeof(float));
  d["rewards"] = rewards;
  py::array dones(py::dtype("bool"), {static_cast<py::ssize_t>(e.dones.size())}, {});
  if (!e.dones.empty()) std::memcpy(dones.mutable_data(), e.dones.data(), e.dones.size());
  d["dones"] = dones;
  d["seed"] = e.seed;
  d["source"] = e.source;
  d["scenario"] = e.scenario;
  d["success"] = e.success;
  d["collision"] = e.collision;
  d["metrics"] = e.metrics;
  return d;
}

void AddEpisode(data::Dataset& dataset, const py::dict& obs, py::handle actions, py::handle labels, py::handle rewards,
                uint64_t seed, const std::string& source, bool success, bool collision,
                const std::map<std::string, double>& metrics, bool valid) {
  data::Episode e;
  const std::map<std::string, int> dims = dataset.envArgs.ObsDims();
  const auto a = FloatMatrix(actions, "add_episode: actions", -1, 2);
  const py::ssize_t steps = a.shape(0);
  if (steps < 1) throw std::invalid_argument("add_episode: an episode needs at least one step");
  e.actions = Columns(actions, "add_episode: actions", steps, 2);
  e.labels = labels.is_none() ? e.actions : Columns(labels, "add_episode: labels", steps, 2);
  for (const auto& [key, dim] : dims) {
    if (!obs.contains(key)) throw std::invalid_argument("add_episode: obs has no key \"" + key + "\"");
    e.obs[key] = Columns(obs[py::str(key)], "add_episode: obs[\"" + key + "\"]", steps, dim);
  }
  for (auto item : obs)
    if (dims.count(item.first.cast<std::string>()) == 0)
      throw std::invalid_argument("add_episode: obs key \"" + item.first.cast<std::string>() +
                                  "\" is not in the dataset's layout");
  if (rewards.is_none()) {
    e.rewards = Eigen::VectorXf::Zero(steps);
  } else {
    const auto r = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(rewards);
    if (!r || r.ndim() != 1 || r.shape(0) != steps)
      throw std::invalid_argument("add_episode: rewards must be a float array of shape (" + std::to_string(steps) + ",)");
    e.rewards = Eigen::Map<const Eigen::VectorXf>(r.data(), steps);
  }
  e.dones.assign(static_cast<size_t>(steps), 0);
  e.dones.back() = 1;
  e.seed = seed;
  e.source = source;
  e.scenario = dataset.envArgs.scenario;
  e.success = success;
  e.collision = collision;
  e.metrics = metrics;
  const std::string where = "add_episode (episode " + std::to_string(dataset.episodes.size()) + ")";
  try {
    data::ValidateEpisode(e, dims, where);
  } catch (const core::Error& err) {
    throw std::invalid_argument(err.what());
  }
  (valid ? dataset.valid : dataset.train).push_back(static_cast<int>(dataset.episodes.size()));
  dataset.episodes.push_back(std::move(e));
}

}  // namespace

void BindDataset(py::module_& m) {
  py::class_<data::Dataset>(m, "Dataset")
      .def(py::init([](const std::string& envArgsJson) {
             data::Dataset d;
             try {
               d.envArgs = data::EnvArgsFromJson(envArgsJson, "Dataset env_args");
             } catch (const core::Error& e) {
               throw std::invalid_argument(e.what());
             }
             return d;
           }),
           py::arg("env_args_json"))
      .def_static("load", &data::LoadDataset, py::arg("path"))
      .def("save", [](const data::Dataset& d, const std::string& path) { data::SaveDataset(path, d); }, py::arg("path"))
      .def_property_readonly("env_args_json", [](const data::Dataset& d) { return data::EnvArgsToJson(d.envArgs); })
      .def_property_readonly("scenario", [](const data::Dataset& d) { return d.envArgs.scenario; })
      .def_property_readonly("obs_layout", [](const data::Dataset& d) { return d.envArgs.obsLayout; })
      .def_property_readonly("num_episodes", [](const data::Dataset& d) { return d.episodes.size(); })
      .def_property_readonly("total_steps", &data::Dataset::TotalSteps)
      .def_readwrite("train", &data::Dataset::train)
      .def_readwrite("valid", &data::Dataset::valid)
      .def("__len__", [](const data::Dataset& d) { return d.episodes.size(); })
      .def(
          "episode",
          [](const data::Dataset& d, py::ssize_t i) {
            const py::ssize_t n = static_cast<py::ssize_t>(d.episodes.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) throw py::index_error("episode " + std::to_string(i) + " of " + std::to_string(n));
            return EpisodeDict(d.episodes[static_cast<size_t>(i)]);
          },
          py::arg("index"))
      .def("add_episode", &AddEpisode, py::arg("obs"), py::arg("actions"), py::arg("labels") = py::none(),
           py::arg("rewards") = py::none(), py::arg("seed") = 0, py::arg("source") = "python",
           py::arg("success") = false, py::arg("collision") = false,
           py::arg("metrics") = std::map<std::string, double>{}, py::arg("valid") = false)
      .def(
          "make_split",
          [](data::Dataset& d, double validFraction, uint64_t seed) {
            if (!(validFraction >= 0.0 && validFraction < 1.0))
              throw std::invalid_argument("make_split: valid_fraction must be in [0, 1)");
            data::MakeSplit(d, validFraction, seed);
          },
          py::arg("valid_fraction"), py::arg("seed") = 0)
      .def(
          "features",
          [](const data::Dataset& d, const std::vector<std::string>& keys, int history, int chunk,
             const std::string& split) {
            const data::Batch b = data::GatherBatch(d, data::BatchDef{keys, history, chunk, ParseSplit(split)});
            return py::make_tuple(Rows(b.features), Rows(b.labels));
          },
          py::arg("keys"), py::arg("history") = 1, py::arg("chunk") = 1, py::arg("split") = "all",
          "The training view (learning/data/batch.h): (features (N, history*frame_dim), labels (N, 2*chunk)).");
  m.def(
      "env_args_json",
      [](const std::string& scenarioJson) {
        return data::EnvArgsToJson(learning::imitation::EnvArgsFor(MakeEnvFromJson(scenarioJson, "env_args_json()")));
      },
      py::arg("scenario_json"), "The dataset description (env_args) of a scenario, for a new Dataset.");
  m.def("is_dataset_file", &data::IsDatasetFile, py::arg("path"));
}

}  // namespace ildrive_py
