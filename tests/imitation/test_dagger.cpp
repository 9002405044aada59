// DAgger: β schedules, the mixture and gated drivers (who drives, who labels), HG-DAgger aggregating only
// takeover segments, observation masks, and DAgger improving on BC where BC's own mistakes matter.
#include <doctest/doctest.h>

#include <cmath>

#include "core/error.h"
#include "learning/imitation/collect_episodes.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/dagger_drivers.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/brake_light.h"

using namespace learning;
using namespace learning::imitation;

namespace {

std::shared_ptr<const policies::Policy> SmallPolicy(const sim::Env& env) {
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 16;
  config.seed = 3;
  return std::make_shared<const policies::Policy>(config, ObsDimsOf(env));
}

EnvFactory BrakeLight() {
  return [] { return sim::Env(sim::MakeBrakeLight(sim::BrakeLightDef{})); };
}

}  // namespace

TEST_CASE("dagger: beta schedules") {
  CHECK(BetaAt(BetaSchedule::kConstant, 0.3, 0.5, 4, 5) == doctest::Approx(0.3));
  CHECK(BetaAt(BetaSchedule::kLinear, 0.8, 0.5, 0, 5) == doctest::Approx(0.8));
  CHECK(BetaAt(BetaSchedule::kLinear, 0.8, 0.5, 2, 5) == doctest::Approx(0.4));
  CHECK(BetaAt(BetaSchedule::kLinear, 0.8, 0.5, 4, 5) == doctest::Approx(0.0));
  CHECK(BetaAt(BetaSchedule::kExponential, 1.0, 0.5, 3, 5) == doctest::Approx(0.125));
  CHECK(ParseBetaSchedule("linear") == BetaSchedule::kLinear);
  CHECK_THROWS_AS(ParseBetaSchedule("cosine"), core::Error);
  DaggerDef bad;
  bad.beta0 = 1.5;
  CHECK_THROWS_AS(ValidateDaggerDef(bad), core::Error);
  DaggerDef gated;
  gated.humanGated = true;  // without any gate threshold
  CHECK_THROWS_AS(ValidateDaggerDef(gated), core::Error);
}

TEST_CASE("dagger: the mixture labels with the expert and drives with the expert only at rate beta") {
  sim::Env env = BrakeLight()();
  const auto policy = SmallPolicy(env);
  for (double beta : {0.0, 1.0, 0.5}) {
    MixtureDriver driver(policy, env, beta);
    RolloutOptions options;
    options.maxSteps = 200;
    long expertDrove = 0, labelled = 0;
    options.onStep = [&](const RolloutStep& s) {
      ++labelled;
      expertDrove += (s.decision.executed.steer == s.decision.label.steer &&
                      s.decision.executed.accel == s.decision.label.accel) ? 1 : 0;
    };
    RunEpisode(env, driver, 11, options, nullptr);
    CHECK(driver.Stats().steps == labelled);
    if (beta == 0.0) CHECK(driver.Stats().expertSteps == 0);
    if (beta == 1.0) {
      CHECK(driver.Stats().expertSteps == labelled);
      CHECK(expertDrove == labelled);
    }
    if (beta == 0.5) {
      CHECK(driver.Stats().expertSteps > labelled / 4);
      CHECK(driver.Stats().expertSteps < 3 * labelled / 4);
    }
  }
}

TEST_CASE("dagger: labels are the expert's action at the visited state") {
  sim::Env env = BrakeLight()();
  MixtureDriver driver(SmallPolicy(env), env, 0.0);
  sim::Observation obs = env.Reset(5);
  driver.Reset(5);
  for (int t = 0; t < 100 && !env.Done(); ++t) {
    const sim::Action expert = env.ExpertAction();
    const sim::DriverDecision d = driver.Decide(env, obs);
    CHECK(d.label.steer == expert.steer);
    CHECK(d.label.accel == expert.accel);
    obs = env.Step(d.executed).observation;
  }
}

TEST_CASE("dagger: the gate fires on time to collision, lane deviation and disagreement") {
  sim::Observation obs;
  auto& vehicles = obs.Add("vehicles", {"v0.present", "v0.dx", "v0.dy", "v0.dvx", "v0.dvy"});
  vehicles.values = {1.f, 24.5f, 0.f, -5.f, 0.f};  // 20 m bumper gap closing at 5 m/s: 4 s
  auto& ego = obs.Add("ego", {"speed", "lane_offset"});
  ego.values = {10.f, 0.5f};
  const sim::Action a{0.f, 0.f};
  GateDef gate;
  gate.timeToCollision = 3.0;
  CHECK_FALSE(GateFires(gate, obs, a, a, 4.5));
  gate.timeToCollision = 5.0;
  CHECK(GateFires(gate, obs, a, a, 4.5));
  gate = {};
  gate.laneDeviation = 0.4;
  CHECK(GateFires(gate, obs, a, a, 4.5));
  gate.laneDeviation = 0.6;
  CHECK_FALSE(GateFires(gate, obs, a, a, 4.5));
  gate = {};
  gate.disagreement = 0.3;
  CHECK_FALSE(GateFires(gate, obs, a, sim::Action{0.2f, 0.f}, 4.5));
  CHECK(GateFires(gate, obs, a, sim::Action{0.f, -0.5f}, 4.5));
}

TEST_CASE("dagger: HG-DAgger aggregates exactly the takeover steps") {
  DaggerDef def;
  def.iterations = 1;
  def.episodesPerIteration = 2;
  def.initialEpisodes = 10;
  def.seed = 9;
  def.humanGated = true;
  def.gate.disagreement = 0.2;
  def.gate.holdTime = 0.5;
  def.train.steps = 20;
  def.train.evalInterval = 10;
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 16;
  const DaggerResult r = RunDagger(BrakeLight(), config, def);
  REQUIRE(r.iterations.size() == 2);
  const DaggerIteration& it = r.iterations[1];
  CHECK(it.beta == 0.0);
  CHECK(it.expertShare > 0.0);  // a barely trained policy disagrees with the expert somewhere
  CHECK(it.expertShare < 1.0);
  CHECK(it.totalSamples == r.iterations[0].totalSamples + it.newSamples);
  long takeoverSteps = 0;
  for (const data::Episode& e : r.dataset.episodes)
    if (e.source == "hg-dagger") {
      takeoverSteps += e.Length();
      CHECK(e.actions.isApprox(e.labels));  // only steps the expert drove
    }
  CHECK(takeoverSteps == it.newSamples);
}

TEST_CASE("dagger: two on-policy iterations beat behaviour cloning in goal_arena") {
  // BC from 10 demonstrations drives off the expert's paths and often fails to recover; DAgger labels exactly
  // those states. Measured (seed 0): success .42 after BC, .53 and .85 after the two iterations (60 held-out
  // episodes; intervals [.30, .54] vs [.74, .92]).
  DaggerDef def;
  def.iterations = 2;
  def.episodesPerIteration = 20;
  def.initialEpisodes = 10;
  def.seed = 0;
  def.train.steps = 1500;
  def.train.evalInterval = 150;
  def.train.progressInterval = 1500;
  def.evalEpisodes = 60;
  def.threads = 2;
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.obsKeys = {"ego", "goal", "lidar"};
  const DaggerResult r = RunDagger([] { return sim::MakeEnv("goal_arena"); }, config, def);
  REQUIRE(r.iterations.size() == 3);
  REQUIRE(r.iterations[0].evaluated);
  REQUIRE(r.iterations[2].evaluated);
  CHECK(r.iterations[1].beta == 0.0);
  CHECK(r.iterations[2].totalSamples > r.iterations[0].totalSamples);
  MESSAGE("goal_arena success: BC " << r.iterations[0].success.rate << " [" << r.iterations[0].success.low << ", "
                                   << r.iterations[0].success.high << "], after two DAgger iterations "
                                   << r.iterations[2].success.rate << " [" << r.iterations[2].success.low << ", "
                                   << r.iterations[2].success.high << "]");
  // DAgger ahead of BC by a margin. Not "the intervals separate": with 60 episodes and one seed that held on one
  // machine (BC .42, DAgger .85) and not on another (-march=native float differences: BC .27, DAgger .43).
  CHECK(r.iterations[2].success.rate > r.iterations[0].success.rate + 0.1);
}

namespace {

// Stands in for a person: acts (with the expert's action) on every third control step only.
class EveryThirdLabeller : public Labeller {
 public:
  void Reset(uint64_t /*seed*/) override { step_ = 0; }
  LabellerStep Observe(const sim::Env& env, const sim::Observation& /*obs*/) override {
    return {env.ExpertAction(), step_++ % 3 == 0};
  }

 private:
  int step_ = 0;
};

// Never acts and always says "hard left, brake": what it drives when handed the wheel.
class ConstantLabeller : public Labeller {
 public:
  void Reset(uint64_t /*seed*/) override {}
  LabellerStep Observe(const sim::Env& /*env*/, const sim::Observation& /*obs*/) override {
    return {sim::Action{0.75f, -0.5f}, false};
  }
};

DaggerDef LabellerDef() {
  DaggerDef def;
  def.iterations = 1;
  def.episodesPerIteration = 2;
  def.initialEpisodes = 4;
  def.seed = 5;
  def.train.steps = 20;
  def.train.evalInterval = 10;
  def.labeller = [](const sim::Env&) { return std::make_unique<EveryThirdLabeller>(); };
  return def;
}

}  // namespace

TEST_CASE("dagger: a labeller that acts on some steps labels only those, the rest are stored unlabelled") {
  sim::Env env = BrakeLight()();
  MixtureDriver driver(SmallPolicy(env), env, 0.0, std::make_unique<EveryThirdLabeller>());
  const EpisodeResult ran = RunEpisode(env, driver, 4, {}, nullptr);
  const auto length = static_cast<size_t>(ran.length);
  REQUIRE(driver.Labelled().size() == length);
  REQUIRE(length > 3);
  for (size_t t = 0; t < length; ++t) CHECK(driver.Labelled()[t] == (t % 3 == 0 ? 1 : 0));
  CHECK(driver.Stats().labelledSteps == static_cast<long>((length + 2) / 3));

  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 16;
  const DaggerResult r = RunDagger(BrakeLight(), config, LabellerDef());
  REQUIRE(r.iterations.size() == 2);
  const DaggerIteration& it = r.iterations[1];
  long labelled = 0, steps = 0;
  for (const data::Episode& e : r.dataset.episodes) {
    if (e.source != "dagger") {
      CHECK(e.labelled.empty());  // the expert's demonstrations: every step
      continue;
    }
    REQUIRE(static_cast<int>(e.labelled.size()) == e.Length());
    for (int t = 0; t < e.Length(); ++t) CHECK(e.IsLabelled(t) == (t % 3 == 0));
    labelled += e.LabelledSteps();
    steps += e.Length();
  }
  CHECK(it.newSamples == labelled);
  CHECK(it.labelledShare == doctest::Approx(static_cast<double>(labelled) / steps));
  CHECK(it.totalSamples == r.iterations[0].totalSamples + steps);

  // Labels on every step (the app before the mask): nothing is left out.
  DaggerDef every = LabellerDef();
  every.labelSteps = LabelSteps::kEvery;
  const DaggerResult all = RunDagger(BrakeLight(), config, every);
  for (const data::Episode& e : all.dataset.episodes) CHECK(e.labelled.empty());
  CHECK(all.iterations[1].newSamples == all.iterations[1].totalSamples - all.iterations[0].totalSamples);
  CHECK(ParseLabelSteps("every") == LabelSteps::kEvery);
  CHECK_THROWS_AS(ParseLabelSteps("some"), core::Error);
}

TEST_CASE("dagger: in HG-DAgger the labeller drives the takeovers, which are labelled whether or not it acted") {
  DaggerDef def = LabellerDef();
  def.humanGated = true;
  def.gate.disagreement = 0.2;  // the constant labeller disagrees with any sensible policy
  def.gate.holdTime = 0.5;
  def.labeller = [](const sim::Env&) { return std::make_unique<ConstantLabeller>(); };
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 16;
  const DaggerResult r = RunDagger(BrakeLight(), config, def);
  long takeoverSteps = 0;
  for (const data::Episode& e : r.dataset.episodes) {
    if (e.source != "hg-dagger") continue;
    CHECK(e.labelled.empty());
    for (int t = 0; t < e.Length(); ++t) {
      CHECK(e.actions(0, t) == 0.75f);
      CHECK(e.labels(1, t) == -0.5f);
    }
    takeoverSteps += e.Length();
  }
  CHECK(takeoverSteps > 0);
  CHECK(r.iterations[1].newSamples == takeoverSteps);
}
