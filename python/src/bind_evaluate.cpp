// ildrive._core.evaluate_policy / evaluate_callable: closed-loop evaluation through learning/imitation/evaluation
// (the metrics and 95% intervals of `ildrive eval`). An ildrive Policy runs on C++ threads without the GIL while
// this thread watches for Ctrl-C; a Python callable (obs dict → action) is driven through a sim::Driver that takes
// the GIL for each decision.
#include <pybind11/stl.h>

#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/error.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/policy_driver.h"
#include "python/src/bindings.h"
#include "python/src/convert.h"
#include "python/src/py_policy.h"
#include "python/src/scenario_overrides.h"

namespace ildrive_py {

namespace {

namespace imitation = learning::imitation;

// The first Python exception raised by a callable on any thread, re-raised by the caller.
struct PythonErrorSlot {
  std::mutex mutex;
  std::optional<py::error_already_set> error;
  void Store(py::error_already_set&& e) {
    std::lock_guard lock(mutex);
    if (!error) error.emplace(std::move(e));
  }
};

class CallableDriver : public sim::Driver {
 public:
  CallableDriver(py::handle callable, const sim::Env& env, PythonErrorSlot& errors)
      : callable_(callable), errors_(errors) {
    for (const auto& [key, names] : env.ObservationLayout()) layout_.emplace_back(key, static_cast<int>(names.size()));
    py::gil_scoped_acquire gil;
    keys_ = LayoutKeys(layout_);
  }
  ~CallableDriver() override {
    py::gil_scoped_acquire gil;
    keys_.clear();
  }

  void Reset(uint64_t seed) override {
    py::gil_scoped_acquire gil;
    Guard([&] {
      if (py::hasattr(callable_, "reset")) callable_.attr("reset")(seed);
    });
  }

  sim::DriverDecision Decide(const sim::Env&, const sim::Observation& obs) override {
    py::gil_scoped_acquire gil;
    sim::Action action;
    Guard([&] {
      const py::object result = callable_(ObservationDict(obs, layout_, keys_));
      action = ParseAction(result, "evaluate(): the policy callable's action");
    });
    CheckAction(action, "evaluate(): the policy callable's action");
    return {action, action};
  }
  std::string Source() const override { return "python"; }

 private:
  template <class F>
  void Guard(F&& body) {
    try {
      body();
    } catch (py::error_already_set& e) {
      errors_.Store(std::move(e));
      throw core::Error("the Python policy raised an exception");
    }
  }

  py::handle callable_;  // kept alive by the caller for the whole evaluation
  Layout layout_;
  std::vector<py::str> keys_;
  PythonErrorSlot& errors_;
};

py::dict SummaryDict(const imitation::EvaluationSummary& summary) {
  py::dict out;
  out["scenario"] = summary.scenario;
  for (const auto& [name, value] : imitation::SummaryFigures(summary)) out[py::str(name)] = value;
  py::list results;
  for (const imitation::EpisodeResult& r : summary.results) {
    py::dict e;
    e["seed"] = r.seed;
    e["length"] = r.length;
    e["total_reward"] = r.totalReward;
    e["success"] = r.metrics.success;
    e["collision"] = r.metrics.collision;
    e["off_road"] = r.metrics.offRoad;
    e["progress"] = r.metrics.progress;
    e["mean_speed"] = r.metrics.meanSpeed;
    e["time_stopped"] = r.metrics.timeStopped;
    e["duration"] = r.metrics.duration;
    for (const auto& [name, value] : r.metrics.extra) e[py::str(name)] = value;
    results.append(e);
  }
  out["results"] = results;
  return out;
}

imitation::EvaluationDef MakeDef(int episodes, uint64_t seed, int threads, long maxSteps) {
  if (episodes < 1) throw std::invalid_argument("evaluate(): episodes must be >= 1, got " + std::to_string(episodes));
  if (threads < 0) throw std::invalid_argument("evaluate(): threads must be >= 0, got " + std::to_string(threads));
  if (maxSteps < 0) throw std::invalid_argument("evaluate(): max_steps must be >= 0");
  if (threads == 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return imitation::EvaluationDef{episodes, seed, threads, maxSteps};
}

// Runs `work` on its own thread while this one (holding the GIL between waits) looks for Ctrl-C every 50 ms:
// Python runs signal handlers on the main thread only. On an interrupt the work is asked to stop, finished, and
// the KeyboardInterrupt raised.
imitation::EvaluationSummary RunInterruptible(const std::function<imitation::EvaluationSummary(std::stop_token)>& work) {
  std::stop_source stop;
  auto run = std::async(std::launch::async, [&] { return work(stop.get_token()); });
  for (;;) {
    std::future_status status;
    {
      py::gil_scoped_release release;
      status = run.wait_for(std::chrono::milliseconds(50));
    }
    if (status == std::future_status::ready) return run.get();
    if (PyErr_CheckSignals() != 0) {
      py::error_already_set interrupt;
      stop.request_stop();
      {
        py::gil_scoped_release release;
        run.wait();
      }
      throw interrupt;
    }
  }
}

void CheckScenario(const std::string& scenarioJson) { MakeEnvFromJson(scenarioJson, "evaluate()"); }

py::dict EvaluatePolicy(const PyPolicy& policy, const std::string& scenarioJson, int episodes, uint64_t seed,
                        int threads, long maxSteps, double temperature) {
  const imitation::EvaluationDef def = MakeDef(episodes, seed, threads, maxSteps);
  try {
    policy.Get().CheckLayout(imitation::ObsDimsOf(MakeEnvFromJson(scenarioJson, "evaluate()")));
  } catch (const core::Error& e) {
    throw std::invalid_argument(std::string("evaluate(): ") + e.what());
  }
  const std::shared_ptr<const learning::policies::Policy> shared = policy.Shared();
  return SummaryDict(RunInterruptible([&](std::stop_token stop) {
    return imitation::EvaluatePolicy(shared, [&] { return MakeEnvFromJson(scenarioJson, "evaluate()"); }, def,
                                     temperature, {}, stop);
  }));
}

py::dict EvaluateCallable(py::object callable, const std::string& scenarioJson, int episodes, uint64_t seed,
                          int threads, long maxSteps) {
  if (!PyCallable_Check(callable.ptr()))
    throw std::invalid_argument("evaluate(): policy is neither an ildrive Policy nor callable");
  const imitation::EvaluationDef def = MakeDef(episodes, seed, threads, maxSteps);
  CheckScenario(scenarioJson);
  PythonErrorSlot errors;
  try {
    return SummaryDict(RunInterruptible([&](std::stop_token stop) {
      return imitation::Evaluate([&] { return MakeEnvFromJson(scenarioJson, "evaluate()"); },
                                 [&](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
                                   return std::make_unique<CallableDriver>(callable, env, errors);
                                 },
                                 def, {}, stop);
    }));
  } catch (const core::Error&) {
    if (errors.error) throw py::error_already_set(*errors.error);  // the callable's own exception
    throw;
  }
}

}  // namespace

void BindEvaluate(py::module_& m) {
  m.def("evaluate_policy", &EvaluatePolicy, py::arg("policy"), py::arg("scenario_json"), py::arg("episodes"),
        py::arg("seed"), py::arg("threads"), py::arg("max_steps") = 0, py::arg("temperature") = -1.0);
  m.def("evaluate_callable", &EvaluateCallable, py::arg("policy"), py::arg("scenario_json"), py::arg("episodes"),
        py::arg("seed"), py::arg("threads"), py::arg("max_steps") = 0);
}

}  // namespace ildrive_py
