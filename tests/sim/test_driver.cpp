#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sim/driver.h"
#include "sim/env.h"

using namespace sim;

namespace {

struct Trace {
  std::vector<double> noise;  // executed - label, steer
  bool labelsAreExpert = true;
  uint64_t hash = 0;
};

Trace Drive(Driver& driver, uint64_t seed, int steps) {
  Env env = MakeEnv("highway");
  Observation obs = env.Reset(seed);
  driver.Reset(seed);
  Trace t;
  for (int k = 0; k < steps && !env.Done(); ++k) {
    const DriverDecision d = driver.Decide(env, obs);
    const Action expert = env.ExpertAction();
    t.labelsAreExpert &= d.label.steer == expert.steer && d.label.accel == expert.accel;
    t.noise.push_back(d.executed.steer - d.label.steer);
    obs = env.Step(d.executed).observation;
  }
  t.hash = env.TrajectoryHash();
  return t;
}

}  // namespace

TEST_CASE("driver: the expert executes its label") {
  ExpertDriver expert;
  const Trace t = Drive(expert, 1, 50);
  CHECK(t.labelsAreExpert);
  for (double n : t.noise) CHECK(n == 0.0);
  CHECK(expert.Source() == "expert");
}

TEST_CASE("driver: the noisy expert labels with the clean expert and executes correlated noise") {
  NoisyExpertDef def;
  def.sigma = 0.2;
  def.steerScale = 1.0;
  NoisyExpertDriver noisy(def);
  const Trace t = Drive(noisy, 2, 200);
  CHECK(t.labelsAreExpert);
  double sum2 = 0.0, lag = 0.0;
  for (size_t i = 0; i < t.noise.size(); ++i) {
    sum2 += t.noise[i] * t.noise[i];
    if (i > 0) lag += t.noise[i] * t.noise[i - 1];
  }
  const double std = std::sqrt(sum2 / t.noise.size());
  CHECK(std > 0.05);
  CHECK(std < 0.5);
  CHECK(lag / sum2 > 0.8);  // temporally correlated (theta·dt = 0.075 → lag-1 correlation ≈ 0.93)
  // Reproducible from the seed.
  NoisyExpertDriver again(def);
  CHECK(Drive(again, 2, 200).hash == t.hash);
  CHECK(Drive(again, 3, 200).hash != t.hash);
}

TEST_CASE("driver: injection probability 0 drives like the expert") {
  NoisyExpertDef def;
  def.episodeProbability = 0.0;
  NoisyExpertDriver noisy(def);
  ExpertDriver expert;
  CHECK(Drive(noisy, 4, 100).hash == Drive(expert, 4, 100).hash);
}
