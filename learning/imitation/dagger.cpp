#include "learning/imitation/dagger.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "learning/imitation/collect_episodes.h"

namespace learning::imitation {

namespace {

enum DaggerSalt : uint64_t { kSaltDemos = 1, kSaltSplit = 2, kSaltTrain = 3, kSaltRollouts = 4 };

uint64_t Child(uint64_t seed, uint64_t salt, int index) {
  return core::Rng(seed).Derive(salt).Derive(static_cast<uint64_t>(index)).NextU64();
}

// HG-DAgger keeps only the steps the expert drove: each maximal run of takeover steps becomes one episode.
std::vector<data::Episode> TakeoverSegments(const data::Episode& episode, const std::vector<uint8_t>& takeover) {
  return data::SplitIntoRuns(episode, takeover);
}

void Evaluate(DaggerIteration& it, const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
              const DaggerDef& def, std::stop_token cancel) {
  if (def.evalEpisodes <= 0) return;
  EvaluationDef eval;
  eval.episodes = def.evalEpisodes;
  eval.seed = def.evalSeed;
  eval.threads = def.threads;
  const EvaluationSummary s = imitation::Evaluate(makeEnv, PolicyDrivers(policy), eval, {}, cancel);
  it.evaluated = !s.cancelled;
  it.success = s.success;
  it.collision = s.collision;
}

}  // namespace

BetaSchedule ParseBetaSchedule(const std::string& name) {
  if (name == "constant") return BetaSchedule::kConstant;
  if (name == "linear") return BetaSchedule::kLinear;
  if (name == "exponential") return BetaSchedule::kExponential;
  throw core::Error("unknown beta schedule \"" + name + "\" (expected constant, linear or exponential)");
}

const char* BetaScheduleName(BetaSchedule schedule) {
  switch (schedule) {
    case BetaSchedule::kConstant: return "constant";
    case BetaSchedule::kLinear: return "linear";
    case BetaSchedule::kExponential: return "exponential";
  }
  return "?";
}

double BetaAt(BetaSchedule schedule, double beta0, double decay, int index, int count) {
  switch (schedule) {
    case BetaSchedule::kConstant: return beta0;
    case BetaSchedule::kLinear:
      return count <= 1 ? beta0 : beta0 * std::max(0.0, 1.0 - static_cast<double>(index) / (count - 1));
    case BetaSchedule::kExponential: return beta0 * std::pow(decay, index);
  }
  return beta0;
}

void ValidateDaggerDef(const DaggerDef& def) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw core::Error("dagger: " + what);
  };
  require(def.iterations >= 0, "iterations must be >= 0");
  require(def.episodesPerIteration >= 1, "episodes per iteration must be >= 1");
  require(def.initialEpisodes >= 1, "initial episodes must be >= 1");
  require(def.beta0 >= 0.0 && def.beta0 <= 1.0, "beta0 must be in [0, 1]");
  require(def.betaDecay >= 0.0 && def.betaDecay <= 1.0, "beta decay must be in [0, 1]");
  require(def.validFraction >= 0.0 && def.validFraction < 1.0, "valid fraction must be in [0, 1)");
  require(def.evalEpisodes >= 0, "eval episodes must be >= 0");
  require(def.threads >= 1, "threads must be >= 1");
  require(def.gate.timeToCollision >= 0.0 && def.gate.laneDeviation >= 0.0 && def.gate.disagreement >= 0.0 &&
              def.gate.holdTime >= 0.0,
          "gate thresholds must be >= 0");
  require(!def.humanGated || def.gate.Enabled(), "human-gated DAgger needs a gate (a threshold > 0)");
  ValidateTrainOptions(def.train);
}

DaggerResult RunDagger(const EnvFactory& makeEnv, const policies::PolicyConfig& config, const DaggerDef& def,
                       const data::Dataset* initial, const DaggerProgress& progress, std::stop_token cancel) {
  ValidateDaggerDef(def);
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&clock] {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - clock).count();
    clock = now;
    return s;
  };
  const sim::Env probe = makeEnv();
  DaggerResult out;
  if (initial != nullptr) {
    out.dataset = *initial;
  } else {
    CollectDef demos;
    demos.episodes = def.initialEpisodes;
    demos.seed = Child(def.seed, kSaltDemos, 0);
    demos.threads = def.threads;
    std::vector<data::Episode> episodes;
    for (CollectedEpisode& c : CollectEpisodes(
             makeEnv, [](const sim::Env&) { return std::make_unique<sim::ExpertDriver>(); }, demos, {}, cancel))
      episodes.push_back(std::move(c.episode));
    if (episodes.empty()) throw core::Error("dagger: cancelled before any demonstration was recorded");
    out.dataset = MakeDataset(probe, std::move(episodes), def.validFraction, Child(def.seed, kSaltSplit, 0));
  }
  out.policy = std::make_shared<policies::Policy>(config, out.dataset.envArgs.ObsDims());
  out.policy->CheckLayout(ObsDimsOf(probe));

  TrainOptions train = def.train;
  train.warmStart = false;
  train.seed = Child(def.seed, kSaltTrain, 0);
  DaggerIteration base;
  base.totalSamples = out.dataset.TotalSteps();
  for (const data::Episode& e : out.dataset.episodes) base.newSamples += e.LabelledSteps();
  base.episodes = static_cast<int>(out.dataset.episodes.size());
  base.train = TrainBehaviourCloning(*out.policy, out.dataset, train, {}, cancel);
  Evaluate(base, out.policy, makeEnv, def, cancel);
  base.seconds = lap();
  out.iterations.push_back(base);
  if (progress) progress(base);

  for (int i = 1; i <= def.iterations && !cancel.stop_requested(); ++i) {
    DaggerIteration it;
    it.iteration = i;
    it.beta = def.humanGated ? 0.0 : BetaAt(def.schedule, def.beta0, def.betaDecay, i - 1, def.iterations);
    const std::shared_ptr<const policies::Policy> learner = out.policy;
    CollectDef rollouts;
    rollouts.episodes = def.episodesPerIteration;
    rollouts.seed = Child(def.seed, kSaltRollouts, i);
    rollouts.threads = def.threads;
    std::vector<MixStats> stats(static_cast<size_t>(def.episodesPerIteration));
    std::vector<std::vector<uint8_t>> takeovers(stats.size());
    const DriverFactory drivers = [&](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
      std::unique_ptr<Labeller> labeller = def.labeller ? def.labeller(env) : nullptr;
      if (def.humanGated) return std::make_unique<GatedDriver>(learner, env, def.gate, std::move(labeller));
      return std::make_unique<MixtureDriver>(learner, env, it.beta, std::move(labeller), def.labelSteps);
    };
    const EpisodeFinish finish = [&](int index, sim::Driver& driver, CollectedEpisode& collected) {
      if (def.humanGated) {
        const auto& gated = static_cast<const GatedDriver&>(driver);
        stats[static_cast<size_t>(index)] = gated.Stats();
        takeovers[static_cast<size_t>(index)] = gated.Takeover();
      } else {
        const auto& mixture = static_cast<const MixtureDriver&>(driver);
        stats[static_cast<size_t>(index)] = mixture.Stats();
        const std::vector<uint8_t>& labelled = mixture.Labelled();
        if (std::find(labelled.begin(), labelled.end(), 0) != labelled.end()) collected.episode.labelled = labelled;
      }
    };
    std::vector<CollectedEpisode> collected = CollectEpisodes(makeEnv, drivers, rollouts, finish, cancel);
    if (cancel.stop_requested()) break;

    MixStats total;
    int collisions = 0;
    data::Dataset added;
    added.envArgs = out.dataset.envArgs;
    for (size_t e = 0; e < collected.size(); ++e) {
      total.steps += stats[e].steps;
      total.expertSteps += stats[e].expertSteps;
      total.labelledSteps += stats[e].labelledSteps;
      total.disagreement += stats[e].disagreement;
      collisions += collected[e].result.metrics.collision ? 1 : 0;
      if (def.humanGated) {
        for (data::Episode& s : TakeoverSegments(collected[e].episode, takeovers[e])) added.episodes.push_back(std::move(s));
      } else {
        added.episodes.push_back(std::move(collected[e].episode));
      }
    }
    it.episodes = static_cast<int>(collected.size());
    for (const data::Episode& e : added.episodes) it.newSamples += e.LabelledSteps();
    it.expertShare = total.steps > 0 ? static_cast<double>(total.expertSteps) / total.steps : 0.0;
    it.labelledShare = total.steps > 0 ? static_cast<double>(total.labelledSteps) / total.steps : 0.0;
    it.disagreement = total.steps > 0 ? total.disagreement / total.steps : 0.0;
    it.rolloutCollision = WilsonInterval(collisions, it.episodes);
    for (data::Episode& e : added.episodes) out.dataset.episodes.push_back(std::move(e));
    data::MakeSplit(out.dataset, def.validFraction, Child(def.seed, kSaltSplit, i));
    it.totalSamples = out.dataset.TotalSteps();

    if (it.newSamples > 0) {
      train.warmStart = def.warmStart;
      train.seed = Child(def.seed, kSaltTrain, i);
      it.train = TrainBehaviourCloning(*out.policy, out.dataset, train, {}, cancel);
      Evaluate(it, out.policy, makeEnv, def, cancel);
    } else {  // the gate never fired, or the labeller never acted: nothing new to learn, the policy stays
      it.train = out.iterations.back().train;
      it.evaluated = out.iterations.back().evaluated;
      it.success = out.iterations.back().success;
      it.collision = out.iterations.back().collision;
    }
    it.seconds = lap();
    out.iterations.push_back(it);
    if (progress) progress(it);
  }
  out.cancelled = cancel.stop_requested();
  return out;
}

}  // namespace learning::imitation
