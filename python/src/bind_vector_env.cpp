// ildrive._core.VectorEnv: N environments stepped on C++ worker threads with the GIL released; results are
// read-only numpy views of preallocated buffers, valid until the next step or reset (copy=True returns copies).
#include <pybind11/stl.h>

#include <optional>

#include "python/src/bindings.h"
#include "python/src/convert.h"
#include "python/src/scenario_overrides.h"
#include "python/src/vector_env.h"

namespace ildrive_py {

namespace {

template <class T>
py::array View(std::vector<T>& buffer, std::vector<py::ssize_t> shape, py::handle owner) {
  py::array array(py::dtype::of<T>(), std::move(shape), {}, buffer.data(), owner);
  array.attr("flags").attr("writeable") = false;
  return array;
}

py::array BoolView(std::vector<uint8_t>& buffer, py::ssize_t n, py::handle owner) {
  py::array array(py::dtype("bool"), {n}, {}, buffer.data(), owner);
  array.attr("flags").attr("writeable") = false;
  return array;
}

class PyVectorEnv {
 public:
  PyVectorEnv(const std::string& scenarioJson, int numEnvs, int numThreads, uint64_t seed, bool copy,
              bool expertActions)
      : json_(scenarioJson),
        pool_([&] { return MakeEnvFromJson(scenarioJson, "VectorEnv()"); }, numEnvs, numThreads, seed, expertActions),
        keys_(LayoutKeys(pool_.ObsLayout())),
        copy_(copy) {}

  py::tuple Reset(py::object self, std::optional<uint64_t> seed) {
    MakeViews(self);
    {
      py::gil_scoped_release release;
      pool_.Reset(seed);
    }
    return py::make_tuple(Out(obs_), Info());
  }

  py::tuple Step(py::object self, py::handle actions) {
    MakeViews(self);
    const py::ssize_t n = pool_.NumEnvs();
    const py::array a = py::array::ensure(actions);
    if (!a || a.dtype().kind() != 'f')
      throw std::invalid_argument("VectorEnv.step(): actions must be a floating-point array of shape (" +
                                  std::to_string(n) + ", 2), got " +
                                  (a ? "dtype " + py::str(a.dtype()).cast<std::string>()
                                     : py::str(py::type::of(actions).attr("__name__")).cast<std::string>()));
    if (a.ndim() != 2 || a.shape(0) != n || a.shape(1) != 2) {
      std::string shape = "(";
      for (py::ssize_t d = 0; d < a.ndim(); ++d) shape += (d ? ", " : "") + std::to_string(a.shape(d));
      throw std::invalid_argument("VectorEnv.step(): actions shape " + shape + (a.ndim() == 1 ? ",)" : ")") +
                                  ", expected (" + std::to_string(n) + ", 2)");
    }
    const py::array_t<float, py::array::c_style | py::array::forcecast> f(a);
    {
      py::gil_scoped_release release;
      pool_.Step(f.data());
    }
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();  // Ctrl-C between batches
    return py::make_tuple(Out(obs_), Out(rewards_), Out(terminated_), Out(truncated_), Info());
  }

  VectorEnv& Pool() { return pool_; }
  const std::string& Json() const { return json_; }

 private:
  void MakeViews(py::handle self) {
    if (obs_) return;
    VectorBuffers& b = pool_.Buffers();
    const py::ssize_t n = pool_.NumEnvs();
    obs_ = py::dict();
    finalObs_ = py::dict();
    const Layout& layout = pool_.ObsLayout();
    for (size_t k = 0; k < layout.size(); ++k) {
      obs_[keys_[k]] = View(b.obs[k], {n, layout[k].second}, self);
      finalObs_[keys_[k]] = View(b.finalObs[k], {n, layout[k].second}, self);
    }
    rewards_ = View(b.rewards, {n}, self);
    terminated_ = BoolView(b.terminated, n, self);
    truncated_ = BoolView(b.truncated, n, self);
    expert_ = View(b.expertActions, {n, 2}, self);
    episodeReturn_ = View(b.episodeReturn, {n}, self);
    episodeLength_ = View(b.episodeLength, {n}, self);
    episodeSuccess_ = BoolView(b.episodeSuccess, n, self);
    episodeSeed_ = View(b.episodeSeed, {n}, self);
  }

  // A view, or a copy with copy=True (dicts are always new dicts).
  py::object Out(const py::object& view) const {
    if (py::isinstance<py::dict>(view)) {
      py::dict out;
      for (auto item : py::reinterpret_borrow<py::dict>(view)) out[item.first] = Out(py::reinterpret_borrow<py::object>(item.second));
      return out;
    }
    return copy_ ? view.attr("copy")() : view;
  }

  py::dict Info() const {
    py::dict info;
    info["episode_seed"] = Out(episodeSeed_);
    if (pool_.ExpertActions()) info["expert_action"] = Out(expert_);
    info["final_obs"] = Out(finalObs_);
    info["episode_return"] = Out(episodeReturn_);
    info["episode_length"] = Out(episodeLength_);
    info["episode_success"] = Out(episodeSuccess_);
    return info;
  }

  std::string json_;
  VectorEnv pool_;
  std::vector<py::str> keys_;
  bool copy_;
  py::object obs_, finalObs_, rewards_, terminated_, truncated_, expert_, episodeReturn_, episodeLength_,
      episodeSuccess_, episodeSeed_;
};

}  // namespace

void BindVectorEnv(py::module_& m) {
  py::class_<PyVectorEnv>(m, "VectorEnv")
      .def(py::init<const std::string&, int, int, uint64_t, bool, bool>(), py::arg("scenario_json"),
           py::arg("num_envs"), py::arg("num_threads") = 0, py::arg("seed") = 0, py::arg("copy") = false,
           py::arg("expert_actions") = false)
      .def("reset", [](py::object self, std::optional<uint64_t> seed) { return self.cast<PyVectorEnv&>().Reset(self, seed); },
           py::arg("seed") = py::none())
      .def("step", [](py::object self, py::handle actions) { return self.cast<PyVectorEnv&>().Step(self, actions); },
           py::arg("actions"))
      .def("close", [](PyVectorEnv& v) { v.Pool().Close(); })
      .def_property_readonly("closed", [](PyVectorEnv& v) { return v.Pool().Closed(); })
      .def_property_readonly("num_envs", [](PyVectorEnv& v) { return v.Pool().NumEnvs(); })
      .def_property_readonly("num_threads", [](PyVectorEnv& v) { return v.Pool().NumThreads(); })
      .def_property_readonly("scenario_json", &PyVectorEnv::Json)
      .def("trajectory_hash", [](PyVectorEnv& v, int i) {
        if (i < 0 || i >= v.Pool().NumEnvs()) throw py::index_error("env index " + std::to_string(i) + " out of range");
        return v.Pool().Env(i).Inner().TrajectoryHash();
      }, py::arg("index"));
}

}  // namespace ildrive_py
