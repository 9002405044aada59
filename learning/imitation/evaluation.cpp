#include "learning/imitation/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/rng.h"
#include "learning/imitation/parallel_for.h"
#include "learning/imitation/policy_driver.h"

namespace learning::imitation {

namespace {

constexpr uint64_t kHeldOutSalt = 0x68656c642d6f7574ull;  // "held-out"
// sim::EpisodeMetrics::extra: "weight:NAME" is the event count behind the per-event mean NAME.
constexpr std::string_view kWeightPrefix = "weight:";

// Metric names in first-seen order with every episode's finite values.
struct MetricColumns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;

  void Add(const std::string& name, double value) {
    size_t i = 0;
    while (i < names.size() && names[i] != name) ++i;
    if (i == names.size()) {
      names.push_back(name);
      values.emplace_back();
    }
    if (std::isfinite(value)) values[i].push_back(value);
  }
};

}  // namespace

uint64_t HeldOutSeed(uint64_t baseSeed, int index) {
  return core::Rng(baseSeed).Derive(kHeldOutSalt).Derive(static_cast<uint64_t>(index)).NextU64();
}

const MeanEstimate& EvaluationSummary::Metric(const std::string& name) const {
  for (const MetricEstimate& m : metrics)
    if (m.name == name) return m.estimate;
  throw core::Error("evaluation of \"" + scenario + "\" has no metric \"" + name + "\"");
}

EvaluationSummary Summarize(const std::string& scenario, std::vector<EpisodeResult> results) {
  EvaluationSummary summary;
  summary.scenario = scenario;
  summary.episodes = static_cast<int>(results.size());
  int successes = 0, collisions = 0, offRoad = 0;
  MetricColumns columns;
  // Per-event metrics: each episode's value with its event count ("weight:NAME") as the weight.
  MetricColumns weights;
  for (const EpisodeResult& r : results) {
    const sim::EpisodeMetrics& m = r.metrics;
    successes += m.success ? 1 : 0;
    collisions += m.collision ? 1 : 0;
    offRoad += m.offRoad ? 1 : 0;
    summary.steps += r.length;
    columns.Add("progress", m.progress);
    columns.Add("mean_speed", m.meanSpeed);
    columns.Add("time_stopped", m.timeStopped);
    columns.Add("duration", m.duration);
    for (const auto& [name, value] : m.extra) {
      if (name.starts_with(kWeightPrefix)) continue;
      double weight = -1.0;
      for (const auto& [other, events] : m.extra)
        if (other.starts_with(kWeightPrefix) && other.substr(kWeightPrefix.size()) == name) weight = events;
      columns.Add(name, value);
      if (weight >= 0.0 && std::isfinite(value)) weights.Add(name, weight);
    }
  }
  summary.success = WilsonInterval(successes, summary.episodes);
  summary.collision = WilsonInterval(collisions, summary.episodes);
  summary.offRoad = WilsonInterval(offRoad, summary.episodes);
  for (size_t i = 0; i < columns.names.size(); ++i) {
    size_t w = 0;
    while (w < weights.names.size() && weights.names[w] != columns.names[i]) ++w;
    const bool perEvent = w < weights.names.size() && weights.values[w].size() == columns.values[i].size();
    summary.metrics.push_back(MetricEstimate{
        columns.names[i], perEvent ? WeightedMeanInterval(columns.values[i], weights.values[w])
                                   : MeanInterval(columns.values[i])});
  }
  summary.results = std::move(results);
  return summary;
}

EvaluationSummary Evaluate(const EnvFactory& makeEnv, const DriverFactory& makeDriver, const EvaluationDef& def,
                           const EvaluationProgress& progress, std::stop_token cancel) {
  if (def.episodes < 1) throw core::Error("evaluation: episodes must be >= 1, got " + std::to_string(def.episodes));
  if (def.threads < 1) throw core::Error("evaluation: threads must be >= 1, got " + std::to_string(def.threads));
  if (def.maxSteps < 0) throw core::Error("evaluation: maxSteps must be >= 0");
  const auto start = std::chrono::steady_clock::now();

  const int threads = std::min(def.threads, def.episodes);
  WorkerEnvs workers = MakeWorkerEnvs(makeEnv, makeDriver, threads);

  std::vector<std::optional<EpisodeResult>> slots(static_cast<size_t>(def.episodes));
  std::mutex progressMutex;
  int done = 0;
  RolloutOptions options;
  options.maxSteps = def.maxSteps;
  ParallelFor(
      def.episodes, threads,
      [&](int worker, int index) {
        EpisodeResult result = RunEpisode(workers.envs[static_cast<size_t>(worker)],
                                          *workers.drivers[static_cast<size_t>(worker)],
                                          HeldOutSeed(def.seed, index), options, nullptr);
        const std::lock_guard<std::mutex> lock(progressMutex);
        slots[static_cast<size_t>(index)] = std::move(result);
        ++done;
        if (progress) progress(done, def.episodes, *slots[static_cast<size_t>(index)]);
      },
      cancel);

  std::vector<EpisodeResult> results;
  for (std::optional<EpisodeResult>& slot : slots)
    if (slot) results.push_back(std::move(*slot));
  EvaluationSummary summary = Summarize(workers.envs.front().ScenarioName(), std::move(results));
  summary.cancelled = summary.episodes < def.episodes;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

DriverFactory PolicyDrivers(std::shared_ptr<const policies::Policy> policy, double temperature) {
  return [policy, temperature](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
    auto driver = std::make_unique<PolicyDriver>(policy, env);
    if (temperature >= 0.0) driver->SetTemperature(temperature);
    return driver;
  };
}

WorkerEnvs MakeWorkerEnvs(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int threads) {
  WorkerEnvs workers;
  workers.envs.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    workers.envs.push_back(makeEnv());
    workers.drivers.push_back(makeDriver(workers.envs.back()));
  }
  return workers;
}

EvaluationSummary EvaluatePolicy(std::shared_ptr<const policies::Policy> policy, const EnvFactory& makeEnv,
                                 const EvaluationDef& def, double temperature, const EvaluationProgress& progress,
                                 std::stop_token cancel) {
  return Evaluate(makeEnv, PolicyDrivers(std::move(policy), temperature), def, progress, cancel);
}

std::vector<std::pair<std::string, double>> SummaryFigures(const EvaluationSummary& s) {
  std::vector<std::pair<std::string, double>> figures;
  figures.emplace_back("episodes", s.episodes);
  auto addRate = [&](const std::string& name, const RateEstimate& r) {
    figures.emplace_back(name + "_rate", r.rate);
    figures.emplace_back(name + "_ci_low", r.low);
    figures.emplace_back(name + "_ci_high", r.high);
  };
  addRate("success", s.success);
  addRate("collision", s.collision);
  addRate("off_road", s.offRoad);
  for (const MetricEstimate& m : s.metrics) {
    figures.emplace_back(m.name, m.estimate.mean);
    figures.emplace_back(m.name + "_ci_low", m.estimate.low);
    figures.emplace_back(m.name + "_ci_high", m.estimate.high);
  }
  figures.emplace_back("steps", static_cast<double>(s.steps));
  figures.emplace_back("seconds", s.seconds);
  return figures;
}

}  // namespace learning::imitation
