// ildrive._core.Env: one environment with the Gymnasium conventions (python/ildrive/env.py wraps it with spaces).
#include <box2d/box2d.h>
#include <pybind11/stl.h>

#include <chrono>
#include <optional>

#include "python/src/bindings.h"
#include "python/src/convert.h"
#include "python/src/gym_env.h"
#include "python/src/scenario_overrides.h"
#ifdef ILDRIVE_PY_RENDER
#include "python/src/render_scene.h"
#endif
#include "sim/scenario_registry.h"

namespace ildrive_py {

namespace {

class PyEnv {
 public:
  explicit PyEnv(const std::string& scenarioJson)
      : json_(scenarioJson), env_(MakeEnvFromJson(scenarioJson, "make()")), keys_(LayoutKeys(env_.ObsLayout())) {}

  py::tuple Reset(std::optional<uint64_t> seed) {
    const sim::Observation& obs = env_.Reset(seed);
    py::dict info;
    info["episode_seed"] = env_.EpisodeSeed();
    info["expert_action"] = ExpertAction();
    return py::make_tuple(ObservationDict(obs, env_.ObsLayout(), keys_), info);
  }

  py::tuple Step(py::handle action) {
    const sim::StepResult& result = env_.Step(ParseAction(action, "step()"));
    py::dict events;
    events["collision"] = result.events.collision;
    events["off_road"] = result.events.offRoad;
    events["goal_reached"] = result.events.goalReached;
    events["stalled"] = result.events.stalled;
    py::dict terms;
    for (const auto& [name, value] : result.rewardTerms) terms[py::str(name)] = value;
    py::dict info;
    info["events"] = events;
    info["reward_terms"] = terms;
    info["expert_action"] = ExpertAction();
    if (result.terminated || result.truncated) info["metrics"] = Metrics();
    return py::make_tuple(ObservationDict(result.observation, env_.ObsLayout(), keys_), result.reward,
                          result.terminated, result.truncated, info);
  }

  py::array_t<float> ExpertAction() const {
    const sim::Action a = env_.Inner().ExpertAction();
    const float values[2] = {a.steer, a.accel};
    return FloatArray(values, 2);
  }

  py::dict Metrics() const {
    py::dict metrics;
    for (const auto& [name, value] : env_.NamedMetrics()) metrics[py::str(name)] = value;
    return metrics;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> ObservationLayout() const {
    return env_.Inner().ObservationLayout();
  }

  GymEnv& Gym() { return env_; }
  const std::string& Json() const { return json_; }

 private:
  std::string json_;
  GymEnv env_;
  std::vector<py::str> keys_;
};

}  // namespace

void BindEnv(py::module_& m) {
  m.def("scenario_json", &ScenarioJson, py::arg("scenario"), py::arg("scenario_file"), py::arg("overrides_json"),
        "The scenario's Def as JSON text with overrides merged in (ValueError naming a bad field).");
  m.def(
      "scenarios",
      [] {
        std::vector<std::pair<std::string, std::string>> list;
        for (const sim::ScenarioInfo& info : sim::Scenarios()) list.emplace_back(info.name, info.description);
        return list;
      },
      "Registered scenarios as (name, description) pairs.");

  m.def(
      "_box2d_profile_ms",
      [] {
        // Box2D's own step profile after stepping a small world: 0 when sim/b2_timer_override.cpp's no-op timer is
        // the one libbox2d calls inside this module (as in the executables), > 0 when Box2D times itself.
        b2World world(b2Vec2(0.f, -10.f));
        b2PolygonShape box;
        box.SetAsBox(0.5f, 0.5f);
        for (float y = 0.f; y < 20.f; y += 1.f) {  // a column of boxes: steps long enough for a µs timer
          b2BodyDef falling;
          falling.type = b2_dynamicBody;
          falling.position.Set(0.f, y);
          world.CreateBody(&falling)->CreateFixture(&box, 1.f);
        }
        float total = 0.f;
        for (int i = 0; i < 200; ++i, total += world.GetProfile().step) world.Step(1.f / 60.f, 8, 3);
        return total;
      },
      "Test hook: Box2D's accumulated step profile (0 when the no-op timer is in effect).");

  py::class_<PyEnv>(m, "Env")
      .def(py::init<const std::string&>(), py::arg("scenario_json"))
      .def("reset", &PyEnv::Reset, py::arg("seed") = py::none())
      .def("step", &PyEnv::Step, py::arg("action"))
      .def("close", [](PyEnv& e) { e.Gym().Close(); })
      .def_property_readonly("closed", [](PyEnv& e) { return e.Gym().Closed(); })
      .def_property_readonly("episode_over", [](PyEnv& e) { return e.Gym().EpisodeOver(); })
      .def(
          "render",
          [](PyEnv& e, int width, int height, float zoom) {
#ifdef ILDRIVE_PY_RENDER
            if (e.Gym().Closed()) throw std::logic_error("render() after close()");
            return RenderScene(e.Gym().Inner(), width, height, zoom);
#else
            (void)e, (void)width, (void)height, (void)zoom;
            throw std::runtime_error("render(): this ildrive was built without the rendering library (ILDRIVE_GUI=OFF)");
            return py::array_t<uint8_t>();
#endif
          },
          py::arg("width") = 640, py::arg("height") = 360, py::arg("zoom") = 8.f)
      .def_property_readonly_static("can_render", [](py::object) {
#ifdef ILDRIVE_PY_RENDER
        return true;
#else
        return false;
#endif
      })
      .def("expert_action", &PyEnv::ExpertAction)
      .def("metrics", &PyEnv::Metrics)
      .def("observation_layout", &PyEnv::ObservationLayout)
      .def("trajectory_hash", [](PyEnv& e) { return e.Gym().Inner().TrajectoryHash(); })
      .def_property_readonly("episode_seed", [](PyEnv& e) { return e.Gym().EpisodeSeed(); })
      .def_property_readonly("scenario", [](PyEnv& e) { return e.Gym().Inner().ScenarioName(); })
      .def_property_readonly("scenario_json", &PyEnv::Json)
      .def_property_readonly("action_mode", [](PyEnv& e) { return sim::ActionModeName(e.Gym().Inner().Mode()); })
      .def_property_readonly("control_dt", [](PyEnv& e) { return e.Gym().Inner().ControlDt(); })
      .def_property_readonly("time", [](PyEnv& e) { return e.Gym().Inner().Time(); })
      .def(
          "_time_cpp_steps",
          [](PyEnv& e, int steps) {
            // The work of `steps` Python steps in C++ alone, for ildrive.bench: the expert drives, and its action
            // for the next state is computed after every step as Env.step does for info["expert_action"].
            GymEnv& gym = e.Gym();
            sim::Action action = gym.Inner().ExpertAction();
            const auto start = std::chrono::steady_clock::now();
            for (int i = 0; i < steps; ++i) {
              gym.Step(action);
              if (gym.EpisodeOver()) gym.Reset(std::nullopt);
              action = gym.Inner().ExpertAction();
            }
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          },
          py::arg("steps"), py::call_guard<py::gil_scoped_release>());  // two at once: the 2-thread ceiling
}

}  // namespace ildrive_py
