#include "learning/imitation/lessons/lesson_common.h"

#include <algorithm>
#include <cstdio>

#include "core/error.h"
#include "core/rng.h"
#include "learning/imitation/collect_episodes.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/lane_kept_driver.h"
#include "learning/imitation/lessons/lesson_tasks.h"
#include "learning/imitation/parallel_for.h"

namespace learning::imitation {

LessonRun::LessonRun(const LessonOptions& options, int stages) : options_(options), stages_(stages) {}

void LessonRun::Stage(const std::string& what) {
  if (options_.cancel.stop_requested()) throw core::Error("lesson cancelled before \"" + what + "\"");
  if (options_.progress) options_.progress(what, done_, stages_);
  ++done_;
}

int LessonRun::Seeds(int quick, int full) const {
  return options_.seeds > 0 ? options_.seeds : (options_.quick ? quick : full);
}

int LessonRun::EvalEpisodes(int quick, int full) const {
  return options_.evalEpisodes > 0 ? options_.evalEpisodes : (options_.quick ? quick : full);
}

uint64_t LessonSeed(uint64_t baseSeed, uint64_t salt, int index) {
  return core::Rng(baseSeed).Derive(salt).Derive(static_cast<uint64_t>(index)).NextU64();
}

uint64_t LessonRun::Seed(uint64_t salt, int index) const { return LessonSeed(options_.seed, salt, index); }

EnvFactory FactoryOf(std::function<std::unique_ptr<sim::Scenario>()> makeScenario) {
  return [makeScenario] { return sim::Env(makeScenario()); };
}

DriverFactory ExpertDrivers() {
  return [](const sim::Env&) -> std::unique_ptr<sim::Driver> { return std::make_unique<sim::ExpertDriver>(); };
}

DriverFactory NoisyExpertDrivers(const sim::NoisyExpertDef& noise) {
  return [noise](const sim::Env&) -> std::unique_ptr<sim::Driver> {
    return std::make_unique<sim::NoisyExpertDriver>(noise);
  };
}

data::Dataset CollectDemos(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes, uint64_t seed,
                           int threads, std::stop_token cancel, const std::string& source) {
  CollectDef def;
  def.episodes = episodes;
  def.seed = seed;
  def.threads = threads;
  def.source = source;
  std::vector<data::Episode> recorded;
  for (CollectedEpisode& c : CollectEpisodes(makeEnv, makeDriver, def, {}, cancel))
    recorded.push_back(std::move(c.episode));
  if (static_cast<int>(recorded.size()) < episodes) throw core::Error("lesson cancelled while recording");
  return MakeDataset(makeEnv(), std::move(recorded), 0.1, seed);
}

TrainedPolicy TrainPolicy(policies::PolicyConfig config, const data::Dataset& dataset, TrainOptions options,
                          uint64_t seed, std::stop_token cancel) {
  config.seed = seed;
  options.seed = seed;
  TrainedPolicy out;
  LessonJob* job = CurrentLessonJob();  // a split run's job: replay its recorded training, or record it
  if (job != nullptr)
    if (std::optional<TrainResult> recorded = job->ReplayTraining(out.policy)) {
      out.train = std::move(*recorded);
      return out;
    }
  out.policy = std::make_shared<policies::Policy>(config, dataset.envArgs.ObsDims());
  out.train = TrainBehaviourCloning(*out.policy, dataset, options, {}, cancel);
  if (out.train.status == TrainStatus::kCancelled) throw core::Error("lesson cancelled while training");
  if (job != nullptr) job->RecordTraining(*out.policy, out.train);
  return out;
}

EvaluationSummary EvaluateOn(const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
                             int episodes, uint64_t seed, int threads,
                             std::stop_token cancel) {
  EvaluationDef def;
  def.episodes = episodes;
  def.seed = seed;
  def.threads = threads;
  LessonJob* job = CurrentLessonJob();
  if (job != nullptr)
    if (std::optional<EvaluationSummary> recorded = job->ReplayEvaluation()) return std::move(*recorded);
  EvaluationSummary s = EvaluatePolicy(policy, makeEnv, def, -1.0, {}, cancel);
  if (s.cancelled) throw core::Error("lesson cancelled while evaluating");
  if (job != nullptr) job->RecordEvaluation(s);
  return s;
}

EvaluationSummary EvaluateDrivers(const EnvFactory& makeEnv, const DriverFactory& drivers, int episodes,
                                  uint64_t seed, const LessonRun& run, int threads) {
  EvaluationDef def;
  def.episodes = episodes;
  def.seed = seed;
  def.threads = threads > 0 ? threads : run.Threads();
  LessonJob* job = CurrentLessonJob();
  if (job != nullptr)
    if (std::optional<EvaluationSummary> recorded = job->ReplayEvaluation()) return std::move(*recorded);
  EvaluationSummary s = Evaluate(makeEnv, drivers, def, {}, run.Cancel());
  if (s.cancelled) throw core::Error("lesson cancelled while evaluating");
  if (job != nullptr) job->RecordEvaluation(s);
  return s;
}

namespace {

void AllSideBySide(int count, const LessonRun& run, const std::function<void(int index)>& job) {
  std::vector<char> done(static_cast<size_t>(count), 0);
  ParallelFor(
      count, run.Threads(),
      [&](int /*worker*/, int index) {
        job(index);
        done[static_cast<size_t>(index)] = 1;
      },
      run.Cancel());
  for (char d : done)
    if (d == 0) throw core::Error("lesson cancelled");
}

}  // namespace

void RunSideBySide(int count, const LessonRun& run, const std::function<void(int index)>& job) {
  // In a split run each call is a wave of jobs (lesson_tasks.h); a call inside a job is part of that job.
  if (run.Tasks() != nullptr && CurrentLessonJob() == nullptr) {
    RunLessonWave(*run.Tasks(), count,
                  [&run](int n, const std::function<void(int)>& body) { AllSideBySide(n, run, body); }, job);
    return;
  }
  AllSideBySide(count, run, job);
}

void TrainAndEvaluate(std::vector<LessonArm>& arms, const std::vector<std::vector<data::Dataset>>& sets,
                      const std::vector<EnvFactory>& envs, int seeds, int episodes, uint64_t evalSeed,
                      LessonRun& run) {
  run.Stage("train and evaluate " + std::to_string(arms.size() * static_cast<size_t>(seeds)) + " networks");
  for (LessonArm& a : arms) {
    a.trained.assign(static_cast<size_t>(seeds), {});
    a.evals.assign(static_cast<size_t>(seeds), {});
  }
  RunSideBySide(static_cast<int>(arms.size()) * seeds, run, [&](int j) {
    LessonArm& a = arms[static_cast<size_t>(j / seeds)];
    const size_t s = static_cast<size_t>(j % seeds);
    a.trained[s] = TrainPolicy(a.config, sets.at(a.set).at(s), LessonTrainOptions(a.steps),
                               run.Seed(kSaltTraining, static_cast<int>(s)), run.Cancel());
    const DriverFactory drivers = PolicyDrivers(a.trained[s].policy);
    a.evals[s] = EvaluateDrivers(envs.at(a.env), a.laneKept ? LaneKept(drivers) : drivers, episodes, evalSeed, run, 1);
  });
}

LessonTable& TableNamed(LessonResult& result, const std::string& title) {
  for (LessonTable& t : result.tables)
    if (t.title == title) return t;
  return result.tables.emplace_back(LessonTable{title, {}});
}

EvaluationSummary Pool(const std::vector<EvaluationSummary>& summaries) {
  ILD_CHECK(!summaries.empty(), "Pool needs at least one summary");
  std::vector<EpisodeResult> all;
  for (const EvaluationSummary& s : summaries) all.insert(all.end(), s.results.begin(), s.results.end());
  EvaluationSummary pooled = Summarize(summaries.front().scenario, std::move(all));
  for (const EvaluationSummary& s : summaries) pooled.seconds += s.seconds;
  return pooled;
}

MeanEstimate MeanOf(const std::vector<double>& values) { return MeanInterval(values); }

void KeepPolicy(LessonResult& result, const std::string& table, const std::string& method,
                std::shared_ptr<const policies::Policy> policy, const EnvFactory& makeEnv, bool laneKeeping) {
  ILD_CHECK(policy != nullptr, "KeepPolicy needs a policy");
  LessonPolicy kept;
  kept.table = table;
  kept.method = method;
  kept.policy = std::move(policy);
  kept.scenarioJson = makeEnv().GetScenario().DefJson();
  kept.laneKeeping = laneKeeping;
  result.policies.push_back(std::move(kept));
}

TrainOptions LessonTrainOptions(long steps) {
  TrainOptions o;
  o.steps = steps;
  o.batchSize = 256;
  o.learningRate = 1e-3;
  o.evalInterval = std::max(50L, steps / 10);
  o.progressInterval = steps;
  return o;
}

std::string LessonTrainingNote() { return TrainingNote(LessonTrainOptions(0)); }

std::string TrainingNote(const TrainOptions& o) {
  char text[96];
  std::string note;
  if (o.weightDecay > 0.0) {
    std::snprintf(text, sizeof text, "AdamW (weight decay %g)", o.weightDecay);
    note = text;
  } else {
    note = "Adam";
  }
  note += ", batch " + std::to_string(o.batchSize);
  switch (o.schedule) {
    case nn::ScheduleKind::kConstant: std::snprintf(text, sizeof text, ", constant rate %g", o.learningRate); break;
    case nn::ScheduleKind::kLinear:
    case nn::ScheduleKind::kCosine:
      std::snprintf(text, sizeof text, ", %s schedule from %g to %g",
                    o.schedule == nn::ScheduleKind::kCosine ? "cosine" : "linear", o.learningRate,
                    o.learningRate * o.finalLearningRate);
      break;
  }
  note += text;
  if (o.clipNorm > 0.0) {
    std::snprintf(text, sizeof text, ", gradient norm clipped at %g", o.clipNorm);
    note += text;
  }
  if (o.restoreBest) note += ", the weights with the best validation loss kept";
  return note;
}

}  // namespace learning::imitation

namespace learning::imitation {

std::vector<double> ExtraValues(const EvaluationSummary& summary, const std::string& name) {
  std::vector<double> values;
  for (const EpisodeResult& r : summary.results)
    for (const auto& [key, value] : r.metrics.extra)
      if (key == name) values.push_back(value);
  return values;
}

RateEstimate ExtraRate(const EvaluationSummary& summary, const std::string& name, bool (*test)(double)) {
  const std::vector<double> values = ExtraValues(summary, name);
  int hits = 0;
  for (double v : values) hits += test(v) ? 1 : 0;
  return WilsonInterval(hits, static_cast<int>(values.size()));
}

RateEstimate StallRate(const EvaluationSummary& summary) {
  int stalled = 0;
  for (const EpisodeResult& r : summary.results)
    stalled += !r.metrics.success && !r.metrics.collision && !r.metrics.offRoad ? 1 : 0;
  return WilsonInterval(stalled, static_cast<int>(summary.results.size()));
}

LessonRow& AddRoadOutcome(LessonRow& row, const EvaluationSummary& summary) {
  return row.Rate("success", summary.success)
      .Rate("collision", summary.collision)
      .Rate("off_road", summary.offRoad)
      .Mean("progress_m", summary.Metric("progress"), 1);
}

}  // namespace learning::imitation
