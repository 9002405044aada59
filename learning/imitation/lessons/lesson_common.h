#pragma once
// Building blocks the lessons share: a scenario factory, expert demonstrations in memory, training one policy
// per seed and evaluating it on held-out episodes, pooled results,
// and the stage bookkeeping (progress, cancel) of a lesson run.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_config.h"
#include "sim/driver.h"
#include "sim/scenario.h"

namespace learning::imitation {

// The child streams of a lesson run's base seed (LessonRun::Seed(salt, index)), one per use, so that adding a
// use never moves another's numbers.
enum LessonSalt : uint64_t {
  kSaltDemos = 1,       // demonstration sets (index: the training seed, or set × 100 + seed)
  kSaltTraining = 2,    // training seed s
  kSaltHeldOut = 3,     // the held-out evaluation episodes
  kSaltOnPolicy = 4,    // DAgger's on-policy episodes (causal_confusion, history)
  kSaltNoisyDemos = 4,  // pretrain_finetune's large noisy set (that lesson runs no DAgger)
  kSaltFineTune = 5,    // pretrain_finetune's fine-tuning
};
// The seed LessonRun::Seed(salt, index) gives in a run with base seed `baseSeed` (tests re-derive with it).
uint64_t LessonSeed(uint64_t baseSeed, uint64_t salt, int index = 0);

class LessonRun {
 public:
  LessonRun(const LessonOptions& options, int stages);
  // Reports the stage and throws core::Error when the run was cancelled.
  void Stage(const std::string& what);
  int Seeds(int quick, int full) const;          // options.seeds or the default for the mode
  int EvalEpisodes(int quick, int full) const;   // options.evalEpisodes or the default
  bool Quick() const { return options_.quick; }
  uint64_t Seed(uint64_t salt, int index = 0) const;  // a child of options.seed
  int Threads() const { return options_.threads; }
  std::stop_token Cancel() const { return options_.cancel; }
  LessonTaskState* Tasks() const { return options_.tasks.get(); }  // a task or merge run (lesson_tasks.h)

 private:
  const LessonOptions& options_;
  int stages_;
  int done_ = 0;
};

EnvFactory FactoryOf(std::function<std::unique_ptr<sim::Scenario>()> makeScenario);

// `episodes` episodes of `makeDriver` (e.g. the expert) with a 10% validation split, all in memory.
data::Dataset CollectDemos(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes, uint64_t seed,
                           int threads, std::stop_token cancel = {}, const std::string& source = "");
DriverFactory ExpertDrivers();
// The expert with noise injected into the executed action (labels stay clean; DART).
DriverFactory NoisyExpertDrivers(const sim::NoisyExpertDef& noise = {});

struct TrainedPolicy {
  std::shared_ptr<policies::Policy> policy;
  TrainResult train;
};

// A policy of `config` (its seed replaced by `seed`) trained on `dataset` with `options` (seed too).
TrainedPolicy TrainPolicy(policies::PolicyConfig config, const data::Dataset& dataset, TrainOptions options,
                          uint64_t seed, std::stop_token cancel = {});

// Held-out evaluation of `policy` (PolicyDriver per thread).
EvaluationSummary EvaluateOn(const std::shared_ptr<policies::Policy>& policy, const EnvFactory& makeEnv,
                             int episodes, uint64_t seed, int threads,
                             std::stop_token cancel = {});

// Held-out evaluation of any drivers (a wrapped policy: lane-kept, disturbed) on the run's threads (or on
// `threads` > 0, e.g. 1 inside a job of RunSideBySide); core::Error when the run is cancelled.
EvaluationSummary EvaluateDrivers(const EnvFactory& makeEnv, const DriverFactory& drivers, int episodes,
                                  uint64_t seed, const LessonRun& run, int threads = 0);

// Runs job(index) for every index in [0, count) side by side on the run's threads, one core each (train a
// network, evaluate it on one thread): a training uses one core, so this keeps both busy. Jobs must store
// their results by index (deterministic for any thread count); core::Error when the run is cancelled.
// The jobs are the units a split run spreads over tasks (lesson_tasks.h): each call is a wave, and inside a job
// TrainPolicy, EvaluateOn and EvaluateDrivers record their results or replay them.
void RunSideBySide(int count, const LessonRun& run, const std::function<void(int index)>& job);

// One row of a lesson trained per training seed: `config` trained for `steps` on demonstration set `set` of that
// seed, evaluated on scenario `env` (on the pedals when `laneKept`, lane_kept.h).
struct LessonArm {
  std::string table;
  std::string name;
  policies::PolicyConfig config;
  long steps = 0;
  size_t set = 0;
  size_t env = 0;
  bool laneKept = false;
  std::vector<TrainedPolicy> trained;     // per training seed
  std::vector<EvaluationSummary> evals;   // per training seed, `episodes` held-out episodes
};

// Trains and evaluates every arm for `seeds` training seeds (training seed s: run.Seed(kSaltTraining, s), on
// sets[arm.set][s]),
// all networks side by side on the run's threads (RunSideBySide), each evaluated on the same held-out episodes
// (seed `evalSeed`) of envs[arm.env]. One stage of the run: "train and evaluate N networks".
void TrainAndEvaluate(std::vector<LessonArm>& arms, const std::vector<std::vector<data::Dataset>>& sets,
                      const std::vector<EnvFactory>& envs, int seeds, int episodes, uint64_t evalSeed,
                      LessonRun& run);

// The table of `result` called `title`, appended (empty) when it has none yet.
LessonTable& TableNamed(LessonResult& result, const std::string& title);

// All episodes of several evaluations as one summary (seeds pooled; the intervals then treat every episode as
// independent, which understates the spread between training seeds — per-seed rows show it).
EvaluationSummary Pool(const std::vector<EvaluationSummary>& summaries);
MeanEstimate MeanOf(const std::vector<double>& values);

// Keeps `policy` with the result for the row (table, method), with the scenario `makeEnv` builds, so it can be
// watched where it was evaluated (lesson_policy.h). `laneKeeping`: evaluated on the pedals (lane_kept_driver.h).
void KeepPolicy(LessonResult& result, const std::string& table, const std::string& method,
                std::shared_ptr<const policies::Policy> policy, const EnvFactory& makeEnv, bool laneKeeping = false);

// The standard training budget of the lessons for `steps` optimiser steps: TrainOptions' optimiser (AdamW,
// weight decay 0.1, cosine schedule from 1e-3, batch 256, clipping), the best validation weights kept.
TrainOptions LessonTrainOptions(long steps);
// What `options` train with, for a lesson's notes, e.g. "AdamW (weight decay 0.1), batch 256, cosine schedule
// from 0.001 to 0.0001, gradient norm clipped at 1, the weights with the best validation loss kept": written from
// the options, so the notes cannot drift from what runs.
std::string TrainingNote(const TrainOptions& options);
// TrainingNote of LessonTrainOptions (the same whatever the number of steps).
std::string LessonTrainingNote();

}  // namespace learning::imitation

namespace learning::imitation {

// The values of a scenario metric (EpisodeMetrics::extra) over a summary's episodes.
std::vector<double> ExtraValues(const EvaluationSummary& summary, const std::string& name);
// The share of episodes whose metric `name` satisfies `test`, with its Wilson interval.
RateEstimate ExtraRate(const EvaluationSummary& summary, const std::string& name, bool (*test)(double));
// The share of episodes that ended by standing still for the stall timeout (a road episode ends early only by a
// collision, leaving the road, or stalling).
RateEstimate StallRate(const EvaluationSummary& summary);
// success, collision, off_road (rates) and progress_m (mean) of a road scenario's evaluation.
LessonRow& AddRoadOutcome(LessonRow& row, const EvaluationSummary& summary);

}  // namespace learning::imitation
