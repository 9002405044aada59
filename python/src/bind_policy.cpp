// ildrive._core.Policy: policies::Policy from Python — load/save checkpoints, act on observation dicts (single or
// batched), and the parameters and normaliser as numpy arrays, so weights trained elsewhere (PyTorch) are saved
// through the C++ checkpoint code and driven by the app and the CLI.
#include <pybind11/stl.h>

#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/rng.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"
#include "python/src/bindings.h"
#include "python/src/convert.h"
#include "python/src/py_policy.h"

namespace ildrive_py {

namespace {

namespace policies = learning::policies;

// The policy's own decode is the deterministic one.
bool MeanDecode(const policies::Policy& policy) { return policy.Config().decode == policies::DecodeKind::kMean; }

py::array_t<float> RowMajor(const Eigen::MatrixXf& columns) {  // (rows, B) → (B, rows)
  py::array_t<float> a({static_cast<py::ssize_t>(columns.cols()), static_cast<py::ssize_t>(columns.rows())});
  if (columns.size() > 0) std::memcpy(a.mutable_data(), columns.data(), static_cast<size_t>(columns.size()) * sizeof(float));
  return a;
}

Eigen::MatrixXf ColumnsOf(py::handle value, const std::string& what, py::ssize_t cols) {  // (B, cols) → (cols, B)
  const auto a = FloatMatrix(value, what, -1, cols);
  Eigen::MatrixXf m(cols, a.shape(0));
  if (m.size() > 0) std::memcpy(m.data(), a.data(), static_cast<size_t>(m.size()) * sizeof(float));
  return m;
}

// Raw policy input (InputDim, B) from an observation dict: arrays (dim,) / (history, dim) for one observation,
// (B, dim) / (B, history, dim) for a batch. Sets `batched`.
Eigen::MatrixXf InputFromDict(const policies::Policy& policy, const py::dict& obs, bool& batched) {
  const policies::ObsLayout& layout = policy.Layout();
  const int history = policy.Config().history;
  const int singleRank = history == 1 ? 1 : 2;
  Eigen::MatrixXf input;
  py::ssize_t batch = -1;
  int offset = 0;
  for (size_t k = 0; k < layout.keys.size(); ++k) {
    const std::string& key = layout.keys[k];
    const int dim = layout.dims[k];
    if (!obs.contains(key)) throw std::invalid_argument("act(): obs has no key \"" + key + "\" (the policy reads " + layout.ToText() + ")");
    const py::array a = py::array::ensure(obs[py::str(key)]);
    if (!a || a.dtype().kind() != 'f') throw std::invalid_argument("act(): obs[\"" + key + "\"] must be a floating-point array");
    const bool isBatch = a.ndim() == singleRank + 1;
    if (a.ndim() != singleRank && !isBatch)
      throw std::invalid_argument("act(): obs[\"" + key + "\"] has " + std::to_string(a.ndim()) + " dimensions, expected " +
                                  std::to_string(singleRank) + " (one observation) or " + std::to_string(singleRank + 1) +
                                  " (a batch)");
    const py::ssize_t b = isBatch ? a.shape(0) : 1;
    if (batch < 0) {
      batch = b;
      batched = isBatch;
      input.resize(policy.InputDim(), b);
    } else if (b != batch || isBatch != batched) {
      throw std::invalid_argument("act(): obs[\"" + key + "\"] has a different batch size than the other keys");
    }
    const py::ssize_t last = a.shape(a.ndim() - 1);
    const py::ssize_t frames = history == 1 ? 1 : a.shape(a.ndim() - 2);
    if (last != dim || frames != history)
      throw std::invalid_argument("act(): obs[\"" + key + "\"] has " + std::to_string(last) + " entries" +
                                  (history > 1 ? " in " + std::to_string(frames) + " frames" : std::string()) +
                                  ", expected " + std::to_string(dim) +
                                  (history > 1 ? " in " + std::to_string(history) + " frames" : std::string()));
    const py::array_t<float, py::array::c_style | py::array::forcecast> f(a);
    const float* data = f.data();
    for (py::ssize_t j = 0; j < b; ++j)
      for (int t = 0; t < history; ++t)
        for (int e = 0; e < dim; ++e)
          input(t * policy.FrameDim() + offset + e, j) = data[(j * history + t) * dim + e];
    offset += dim;
  }
  return input;
}

}  // namespace

PyPolicy::PyPolicy(policies::Policy policy, uint64_t seed)
    : policy_(std::make_shared<policies::Policy>(std::move(policy))), rng_(seed) {}

void BindPolicy(py::module_& m) {
  m.def(
      "policy_names",
      [] {
        std::vector<std::pair<std::string, std::string>> list;
        for (const policies::PolicyEntry& e : policies::PolicyRegistry()) list.emplace_back(e.name, e.description);
        return list;
      },
      "The policy registry as (name, description) pairs.");

  py::class_<PyPolicy>(m, "Policy")
      .def_static(
          "load", [](const std::string& path, uint64_t seed) { return PyPolicy(policies::Policy::Load(path), seed); },
          py::arg("path"), py::arg("seed") = 0)
      .def_static(
          "create",
          [](const std::string& configJson, const std::map<std::string, int>& obsDims, uint64_t seed) {
            try {
              const nlohmann::json j = nlohmann::json::parse(configJson);
              if (!j.contains("policy") || !j["policy"].is_string())
                throw std::invalid_argument("Policy.create: the config needs a policy name");
              const std::string name = j["policy"].get<std::string>();
              const policies::PolicyConfig config =
                  policies::PolicyConfigFromJson(configJson, "Policy.create", policies::DefaultPolicyConfig(name));
              return PyPolicy(policies::Policy(config, obsDims), seed);
            } catch (const core::Error& e) {
              throw std::invalid_argument(e.what());
            } catch (const nlohmann::json::exception& e) {
              throw std::invalid_argument(std::string("Policy.create: ") + e.what());
            }
          },
          py::arg("config_json"), py::arg("obs_dims"), py::arg("seed") = 0)
      .def("save", [](const PyPolicy& p, const std::string& path) { p.Get().Save(path); }, py::arg("path"))
      .def_property_readonly("config_json", [](const PyPolicy& p) { return policies::PolicyConfigToJson(p.Get().Config()); })
      .def_property_readonly("obs_keys", [](const PyPolicy& p) { return p.Get().Layout().keys; })
      .def_property_readonly("obs_dims", [](const PyPolicy& p) { return p.Get().Layout().dims; })
      .def_property_readonly("history", [](const PyPolicy& p) { return p.Get().Config().history; })
      .def_property_readonly("chunk", [](const PyPolicy& p) { return p.Get().Config().chunk; })
      .def_property_readonly("input_dim", [](const PyPolicy& p) { return p.Get().InputDim(); })
      .def_property_readonly("frame_dim", [](const PyPolicy& p) { return p.Get().FrameDim(); })
      .def(
          "act",
          [](PyPolicy& p, const py::dict& obs, bool mean) {
            const policies::Policy& policy = p.Get();
            bool batched = false;
            const Eigen::MatrixXf input = InputFromDict(policy, obs, batched);
            Eigen::MatrixXf actions;
            try {
              actions = policy.Sample(input, p.Rng(), policy.Config().temperature, mean || MeanDecode(policy));
            } catch (const core::Error& e) {
              throw std::invalid_argument(std::string("act(): ") + e.what());
            }
            py::array_t<float> out = RowMajor(actions);  // (B, 2·chunk)
            const py::ssize_t chunk = policy.Config().chunk;
            if (chunk == 1) return batched ? py::array(out) : py::array(out.attr("reshape")(2));
            return batched ? py::array(out.attr("reshape")(actions.cols(), chunk, 2))
                           : py::array(out.attr("reshape")(chunk, 2));
          },
          py::arg("obs"), py::arg("mean") = false)
      .def(
          "act_features",
          [](PyPolicy& p, py::handle features, bool mean) {
            const policies::Policy& policy = p.Get();
            const Eigen::MatrixXf input = ColumnsOf(features, "act_features(): features", policy.InputDim());
            return RowMajor(policy.Sample(input, p.Rng(), policy.Config().temperature, mean || MeanDecode(policy)));
          },
          py::arg("features"), py::arg("mean") = false, "Actions (B, 2*chunk) for raw features (B, input_dim).")
      .def(
          "loss",
          [](const PyPolicy& p, py::handle features, py::handle labels, uint64_t seed) {
            const policies::Policy& policy = p.Get();
            const Eigen::MatrixXf obs = policy.Normalize(ColumnsOf(features, "loss(): features", policy.InputDim()));
            const Eigen::MatrixXf actions = ColumnsOf(labels, "loss(): labels", policy.ActionDim());
            if (actions.cols() != obs.cols()) throw std::invalid_argument("loss(): features and labels differ in rows");
            learning::nn::Tape<float> tape;
            tape.SetGradEnabled(false);
            core::Rng rng(seed);
            return static_cast<double>(policy.Loss(tape, obs, actions, rng).Item());
          },
          py::arg("features"), py::arg("labels"), py::arg("seed") = 0,
          "The policy's training loss on raw features (N, input_dim) and labels (N, 2*chunk).")
      .def("parameters",
           [](const PyPolicy& p) {
             const auto& params = p.Get().Params();
             std::vector<std::tuple<std::string, py::array_t<float>, bool>> out;
             for (int i = 0; i < params.Count(); ++i) {
               // (rows, cols) column-major → a row-major (rows, cols) array
               const Eigen::MatrixXf value = params.Value(i);
               const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row = value;
               py::array_t<float> a({static_cast<py::ssize_t>(row.rows()), static_cast<py::ssize_t>(row.cols())});
               if (row.size() > 0) std::memcpy(a.mutable_data(), row.data(), static_cast<size_t>(row.size()) * sizeof(float));
               out.emplace_back(params.Name(i), a, params.Decays(i));
             }
             return out;
           },
           "(name, array (rows, cols), decays) for every tensor, in order. A Linear weight is (outputs, inputs).")
      .def(
          "set_parameters",
          [](PyPolicy& p, const py::dict& values) {
            auto& params = p.Mutable().Params();
            for (int i = 0; i < params.Count(); ++i)
              if (!values.contains(params.Name(i)))
                throw std::invalid_argument("set_parameters: no value for \"" + params.Name(i) + "\"");
            if (static_cast<int>(values.size()) != params.Count())
              throw std::invalid_argument("set_parameters: " + std::to_string(values.size()) + " values for " +
                                          std::to_string(params.Count()) + " tensors");
            std::vector<Eigen::MatrixXf> staged;
            for (int i = 0; i < params.Count(); ++i) {
              const auto a = FloatMatrix(values[py::str(params.Name(i))], "set_parameters: \"" + params.Name(i) + "\"",
                                         params.Rows(i), params.Cols(i));
              Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> row(
                  a.data(), params.Rows(i), params.Cols(i));
              if (!row.allFinite()) throw std::invalid_argument("set_parameters: \"" + params.Name(i) + "\" is not finite");
              staged.emplace_back(row);
            }
            for (int i = 0; i < params.Count(); ++i) params.Value(i) = staged[static_cast<size_t>(i)];
          },
          py::arg("values"))
      .def_property_readonly("normalizer_mean", [](const PyPolicy& p) {
        const Eigen::VectorXf& v = p.Get().GetNormalizer().Mean();
        return FloatArray(v.data(), v.size());
      })
      .def_property_readonly("normalizer_std", [](const PyPolicy& p) {
        const Eigen::VectorXf& v = p.Get().GetNormalizer().Std();
        return FloatArray(v.data(), v.size());
      })
      .def(
          "fit_normalizer",
          [](PyPolicy& p, py::handle features) {
            p.Mutable().FitNormalizer(ColumnsOf(features, "fit_normalizer(): features", p.Get().InputDim()));
          },
          py::arg("features"), "Fits the normaliser on raw features (N, input_dim), as training does.");
}

}  // namespace ildrive_py
