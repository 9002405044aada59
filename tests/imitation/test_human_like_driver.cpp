// The human-like demonstrator: the expert's commands arrive a per-episode reaction delay late, hesitations hold
// the last command and pauses release the accelerator; episodes are reproducible from their seed.
#include <doctest/doctest.h>

#include <vector>

#include "core/error.h"
#include "learning/imitation/human_like_driver.h"
#include "sim/env.h"

using namespace learning::imitation;

namespace {

struct Trace {
  std::vector<sim::Action> expert;    // the expert's command at each step
  std::vector<sim::Action> executed;  // the driver's
  int delaySteps = 0;
};

Trace Drive(HumanLikeExpertDriver& driver, uint64_t seed, int steps) {
  sim::Env env = sim::MakeEnv("highway");
  sim::Observation obs = env.Reset(seed);
  driver.Reset(seed);
  Trace t;
  for (int i = 0; i < steps; ++i) {
    t.expert.push_back(env.ExpertAction());
    const sim::DriverDecision d = driver.Decide(env, obs);
    CHECK(d.executed.steer == d.label.steer);  // a demonstration: what it does is its label
    CHECK(d.executed.accel == d.label.accel);
    t.executed.push_back(d.executed);
    const sim::StepResult r = env.Step(d.executed);
    obs = r.observation;
    if (r.terminated || r.truncated) break;
  }
  t.delaySteps = driver.DelaySteps();
  return t;
}

}  // namespace

TEST_CASE("human-like driver: without hesitations it is the expert delayed by a whole number of steps") {
  HumanLikeDef def;
  def.delayMin = def.delayMax = 0.3;
  def.hesitationRate = def.pauseRate = 0.0;
  HumanLikeExpertDriver driver(def);
  const Trace t = Drive(driver, 5, 200);
  REQUIRE(t.delaySteps == 6);  // 0.3 s at 20 Hz
  REQUIRE(t.executed.size() > 20);
  for (size_t i = 0; i < t.executed.size(); ++i) {
    const sim::Action& want = t.expert[i >= 6 ? i - 6 : 0];
    CHECK(t.executed[i].steer == want.steer);
    CHECK(t.executed[i].accel == want.accel);
  }
}

TEST_CASE("human-like driver: hesitations hold the last command and pauses release the accelerator") {
  HumanLikeDef def;
  def.delayMin = def.delayMax = 0.0;
  def.hesitationRate = 1.0;
  def.pauseRate = 1.0;
  HumanLikeExpertDriver driver(def);
  sim::Env env = sim::MakeEnv("highway");
  sim::Observation obs = env.Reset(11);
  driver.Reset(11);
  int held = 0, paused = 0;
  sim::Action previous{};
  for (int i = 0; i < 400; ++i) {
    const sim::DriverDecision d = driver.Decide(env, obs);
    if (i > 0 && driver.Hesitating()) {
      ++held;
      CHECK(d.executed.steer == previous.steer);
      CHECK(d.executed.accel == previous.accel);
    }
    if (i > 0 && driver.Pausing()) {
      ++paused;
      CHECK(d.executed.accel == 0.f);
      CHECK(d.executed.steer == previous.steer);
    }
    previous = d.executed;
    const sim::StepResult r = env.Step(d.executed);
    obs = r.observation;
    if (r.terminated || r.truncated) break;
  }
  CHECK(held > 10);  // with rate 1/s over 20 s both happen many times
  CHECK(paused > 10);
}

TEST_CASE("human-like driver: reproducible from the episode seed, different across seeds") {
  HumanLikeDef def;
  def.hesitationRate = 0.5;
  HumanLikeExpertDriver a(def), b(def);
  const Trace t1 = Drive(a, 3, 300), t2 = Drive(b, 3, 300), t3 = Drive(a, 4, 300);
  REQUIRE(t1.executed.size() == t2.executed.size());
  for (size_t i = 0; i < t1.executed.size(); ++i) CHECK(t1.executed[i].accel == t2.executed[i].accel);
  bool differs = t1.delaySteps != t3.delaySteps;
  for (size_t i = 0; i < std::min(t1.executed.size(), t3.executed.size()); ++i)
    differs = differs || t1.executed[i].accel != t3.executed[i].accel;
  CHECK(differs);
}

TEST_CASE("human-like driver: bad definitions are user errors") {
  HumanLikeDef def;
  def.delayMin = 0.5;
  def.delayMax = 0.2;
  CHECK_THROWS_AS(HumanLikeExpertDriver{def}, core::Error);
  def = {};
  def.pauseRate = -1.0;
  CHECK_THROWS_AS(HumanLikeExpertDriver{def}, core::Error);
}
