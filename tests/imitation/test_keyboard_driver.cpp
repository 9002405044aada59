// The simulated keyboard driver: what it executes is always what the app's key ramps make of digital keys, an
// episode is reproducible from its seed, it drives highway without crashing most of the time, bad Def values are
// refused naming the field.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/keyboard_driver.h"
#include "learning/imitation/keyboard_labeller.h"
#include "sim/env.h"
#include "sim/human_driver.h"

using namespace learning::imitation;

namespace {

struct KeyTrace {
  std::vector<sim::Action> executed;
  std::vector<sim::HumanInput> keys;
  std::vector<bool> acted;
  int steps = 0;
};

KeyTrace Drive(const std::string& scenario, uint64_t seed, int steps, const KeyboardDef& def = {}) {
  sim::Env env = sim::MakeEnv(scenario);
  sim::Observation obs = env.Reset(seed);
  KeyboardDriver driver(def);
  driver.Reset(seed);
  KeyTrace t;
  for (int i = 0; i < steps; ++i) {
    const sim::DriverDecision d = driver.Decide(env, obs);
    CHECK(d.executed.steer == d.label.steer);  // a person's demonstration: the keys' action is its own label
    CHECK(d.executed.accel == d.label.accel);
    t.executed.push_back(d.executed);
    t.keys.push_back(driver.Keys());
    t.acted.push_back(driver.Acted());
    const sim::StepResult r = env.Step(d.executed);
    obs = r.observation;
    ++t.steps;
    if (r.terminated || r.truncated) break;
  }
  return t;
}

// Replays the recorded keys through the app's ramps from the start of the episode.
void CheckRampsFromKeys(const KeyTrace& t, sim::ActionMode mode, const sim::Action& start, double dt) {
  sim::Action ramp = start;
  for (size_t i = 0; i < t.executed.size(); ++i) {
    REQUIRE_FALSE(t.keys[i].analog.has_value());  // keys only, no stick
    ramp = sim::RampAction(ramp, t.keys[i], mode, static_cast<float>(dt), {});
    REQUIRE(t.executed[i].steer == ramp.steer);
    REQUIRE(t.executed[i].accel == ramp.accel);
  }
}

}  // namespace

TEST_CASE("keyboard driver: every action is the app's ramps applied to digital keys") {
  for (const std::string scenario : {"highway", "lane_choice", "goal_arena"}) {
    CAPTURE(scenario);
    const KeyTrace t = Drive(scenario, 3, 400);
    sim::Env env = sim::MakeEnv(scenario);
    REQUIRE(env.Mode() == sim::ActionMode::kDirect);
    CheckRampsFromKeys(t, sim::ActionMode::kDirect, {}, env.ControlDt());
    // It taps: keys go down and up again, the steering keys among them.
    int presses = 0, left = 0, right = 0;
    for (size_t i = 1; i < t.keys.size(); ++i) {
      presses += (AnyKeyDown(t.keys[i]) && !AnyKeyDown(t.keys[i - 1])) ? 1 : 0;
      left += t.keys[i].left ? 1 : 0;
      right += t.keys[i].right ? 1 : 0;
    }
    CHECK(presses > 3);
    CHECK(left + right > 0);
    // Acted = a key held now or released since the step before.
    for (size_t i = 1; i < t.keys.size(); ++i)
      CHECK(t.acted[i] == (AnyKeyDown(t.keys[i]) || AnyKeyDown(t.keys[i - 1])));
  }
}

TEST_CASE("keyboard driver: in targets mode the keys move the targets, starting from the expert's") {
  sim::Env env = sim::MakeEnv("fast_slow");
  REQUIRE(env.Mode() == sim::ActionMode::kTargets);
  env.Reset(4);
  const sim::Action start = env.ExpertAction();
  const KeyTrace t = Drive("fast_slow", 4, 60);
  CheckRampsFromKeys(t, sim::ActionMode::kTargets, start, env.ControlDt());
}

TEST_CASE("keyboard driver: deterministic by seed, and the seed matters") {
  const KeyTrace a = Drive("highway", 11, 300);
  const KeyTrace b = Drive("highway", 11, 300);
  const KeyTrace c = Drive("highway", 12, 300);
  REQUIRE(a.steps == b.steps);
  bool differs = a.steps != c.steps;
  for (int i = 0; i < a.steps; ++i) {
    CHECK(a.executed[i].steer == b.executed[i].steer);
    CHECK(a.executed[i].accel == b.executed[i].accel);
    if (i < c.steps && (a.executed[i].steer != c.executed[i].steer || a.executed[i].accel != c.executed[i].accel))
      differs = true;
  }
  CHECK(differs);
}

TEST_CASE("keyboard driver: late releases keep a key down longer than the intention asks") {
  KeyboardDef never;
  never.lateReleaseProbability = 0.0;
  KeyboardDef always;
  always.lateReleaseProbability = 1.0;
  always.lateReleaseMin = always.lateReleaseMax = 0.3;
  long heldNever = 0, heldAlways = 0;
  for (const sim::HumanInput& k : Drive("highway", 7, 400, never).keys) heldNever += AnyKeyDown(k) ? 1 : 0;
  for (const sim::HumanInput& k : Drive("highway", 7, 400, always).keys) heldAlways += AnyKeyDown(k) ? 1 : 0;
  CHECK(heldAlways > heldNever);
}

TEST_CASE("keyboard driver: drives highway without crashing most of the time") {
  EvaluationDef eval;
  eval.episodes = 20;
  eval.seed = 21;
  eval.threads = 2;
  const EvaluationSummary s =
      Evaluate([] { return sim::MakeEnv("highway"); },
               [](const sim::Env&) { return std::make_unique<KeyboardDriver>(); }, eval);
  CHECK(s.collision.rate <= 0.2);
  CHECK(s.success.rate >= 0.7);
}

TEST_CASE("keyboard driver: a bad Def value is refused naming the field") {
  auto message = [](const KeyboardDef& def) {
    try {
      KeyboardDriver driver(def);
    } catch (const core::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  KeyboardDef def;
  def.pressThreshold = -1.0;
  CHECK(message(def).find("pressThreshold") != std::string::npos);
  def = {};
  def.releaseThreshold = 0.5;
  CHECK(message(def).find("releaseThreshold") != std::string::npos);
  def = {};
  def.lateReleaseMin = 1.0;
  def.lateReleaseMax = 0.5;
  CHECK(message(def).find("lateReleaseMin") != std::string::npos);
  def = {};
  def.intention.delayMin = 0.5;
  def.intention.delayMax = 0.1;
  CHECK(message(def).find("delay") != std::string::npos);
  CHECK(message({}).empty());
}

namespace {

// Steps at which the keyboard person watching `command(env)` drive acted, over `steps` control steps of highway.
int ActedWatching(sim::Action (*command)(const sim::Env&), int steps) {
  sim::Env env = sim::MakeEnv("highway");
  sim::Observation obs = env.Reset(3);
  KeyboardLabeller person;
  person.Reset(3);
  int acted = 0;
  for (int i = 0; i < steps; ++i) {
    const LabellerStep step = person.Observe(env, obs);
    acted += step.acted ? 1 : 0;
    CHECK(std::abs(step.action.steer) <= 1.f);
    const sim::StepResult r = env.Step(command(env));
    obs = r.observation;
    if (r.terminated || r.truncated) break;
  }
  return acted;
}

}  // namespace

TEST_CASE("keyboard labeller: the person presses where the car does not do what they want, not where it does") {
  const int approving = ActedWatching([](const sim::Env& env) { return env.ExpertAction(); }, 200);
  const int braking = ActedWatching([](const sim::Env&) { return sim::Action{0.f, -1.f}; }, 200);
  CHECK(braking > approving + 50);  // a car braking for no reason: the person holds the throttle
}
