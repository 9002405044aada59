// Lesson `chunking` on `highway` (Zhao et al. 2023, ACT: "Learning fine-grained bimanual manipulation with
// low-cost hardware"): predicting H future actions and executing h of them open loop, or averaging overlapping
// chunks (temporal ensembling), is meant to help with demonstrations that are not Markovian in the observation —
// human pauses and hesitations, which a single-step policy cannot predict from the current frame — at the price
// of reacting to the world only every h steps. The lesson trains the same H/h sweep on the Markovian scripted
// expert and on human-like demonstrations (HumanLikeExpertDriver: reaction delay, hesitations, pauses) and
// reports success, collisions, and smoothness of the executed commands (mean |Δsteer|, |Δaccel| per step).
// Rows: per demonstration source, mse (mean) and bins (sampled) heads × H/h ∈ {1/1, 8/4, 16/10, 8 + temporal
// ensembling}; the demonstrator itself as a reference row.
#include <map>
#include <mutex>

#include "learning/imitation/human_like_driver.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/imitation/policy_driver.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/highway.h"

namespace learning::imitation {

namespace {

struct ChunkVariant {
  std::string name;
  int chunk = 1;
  int execute = 1;
  bool ensemble = false;
};

struct Smoothness {
  double steer = 0.0;  // mean |Δsteer| per control step
  double accel = 0.0;  // mean |Δaccel| per control step
};

// Per-episode smoothness by episode seed, filled by the drivers of one evaluation (several threads).
class SmoothnessLog {
 public:
  void Add(uint64_t seed, const Smoothness& s) {
    const std::lock_guard<std::mutex> lock(mutex_);
    bySeed_[seed] = s;
  }
  std::vector<double> Steer() const { return Column(&Smoothness::steer); }
  std::vector<double> Accel() const { return Column(&Smoothness::accel); }

 private:
  std::vector<double> Column(double Smoothness::*field) const {
    std::vector<double> out;
    for (const auto& [seed, s] : bySeed_) out.push_back(s.*field);
    return out;
  }
  std::mutex mutex_;
  std::map<uint64_t, Smoothness> bySeed_;
};

// Drives with `inner` and measures how much its executed command changes from step to step.
class SmoothnessMeter : public sim::Driver {
 public:
  SmoothnessMeter(std::unique_ptr<sim::Driver> inner, std::shared_ptr<SmoothnessLog> log)
      : inner_(std::move(inner)), log_(std::move(log)) {}
  ~SmoothnessMeter() override { Flush(); }
  SmoothnessMeter(const SmoothnessMeter&) = delete;
  SmoothnessMeter& operator=(const SmoothnessMeter&) = delete;

  void Reset(uint64_t seed) override {
    Flush();
    seed_ = seed;
    inner_->Reset(seed);
  }
  sim::DriverDecision Decide(const sim::Env& env, const sim::Observation& obs) override {
    const sim::DriverDecision d = inner_->Decide(env, obs);
    if (steps_ > 0) {
      sumSteer_ += std::abs(d.executed.steer - last_.steer);
      sumAccel_ += std::abs(d.executed.accel - last_.accel);
    }
    last_ = d.executed;
    ++steps_;
    return d;
  }
  std::string Source() const override { return inner_->Source(); }

 private:
  void Flush() {
    if (steps_ > 1) log_->Add(seed_, {sumSteer_ / (steps_ - 1), sumAccel_ / (steps_ - 1)});
    steps_ = 0;
    sumSteer_ = sumAccel_ = 0.0;
  }
  std::unique_ptr<sim::Driver> inner_;
  std::shared_ptr<SmoothnessLog> log_;
  uint64_t seed_ = 0;
  sim::Action last_{};
  long steps_ = 0;
  double sumSteer_ = 0.0, sumAccel_ = 0.0;
};

struct MeasuredRun {
  EvaluationSummary summary;
  std::vector<double> steerChange, accelChange;
};

MeasuredRun EvaluateSmoothness(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes,
                               uint64_t seed, int threads, std::stop_token cancel) {
  auto log = std::make_shared<SmoothnessLog>();
  EvaluationDef def;
  def.episodes = episodes;
  def.seed = seed;
  def.threads = threads;
  MeasuredRun out;
  out.summary = Evaluate(
      makeEnv,
      [&](const sim::Env& env) -> std::unique_ptr<sim::Driver> {
        return std::make_unique<SmoothnessMeter>(makeDriver(env), log);
      },
      def, {}, cancel);
  if (out.summary.cancelled) throw core::Error("lesson cancelled while evaluating");
  out.steerChange = log->Steer();
  out.accelChange = log->Accel();
  return out;
}

LessonRow& AddChunkOutcome(LessonRow& row, const MeasuredRun& m) {
  return AddRoadOutcome(row, m.summary)
      .Mean("steer_change", MeanOf(m.steerChange), 4)
      .Mean("accel_change", MeanOf(m.accelChange), 4);
}

MeasuredRun PoolRuns(const std::vector<MeasuredRun>& runs) {
  MeasuredRun pooled;
  std::vector<EvaluationSummary> summaries;
  for (const MeasuredRun& r : runs) {
    summaries.push_back(r.summary);
    pooled.steerChange.insert(pooled.steerChange.end(), r.steerChange.begin(), r.steerChange.end());
    pooled.accelChange.insert(pooled.accelChange.end(), r.accelChange.begin(), r.accelChange.end());
  }
  pooled.summary = Pool(summaries);
  return pooled;
}

}  // namespace

LessonResult ChunkingLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const std::vector<ChunkVariant> chunks = {
      {"H=1 h=1", 1, 1, false},
      {"H=8 h=4", 8, 4, false},
      {"H=16 h=10", 16, 10, false},
      {"H=8 ensemble", 8, 1, true},
  };
  const std::vector<std::string> heads = quick ? std::vector<std::string>{"mse"}
                                               : std::vector<std::string>{"mse", "bins"};
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 1 : 3);
  const int demos = quick ? 40 : 100;
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 20 : 100);
  const long steps = quick ? 1500 : 3000;
  LessonRun run(options, 2 * (2 + static_cast<int>(heads.size() * chunks.size()) * seeds));
  const sim::HighwayDef scenario;
  const EnvFactory makeEnv = FactoryOf([scenario] { return sim::MakeHighway(scenario); });
  const HumanLikeDef human;

  struct Source {
    std::string name;
    DriverFactory drivers;
  };
  const std::vector<Source> sources = {
      {"scripted expert", ExpertDrivers()},
      {"human-like", [human](const sim::Env&) -> std::unique_ptr<sim::Driver> {
         return std::make_unique<HumanLikeExpertDriver>(human);
       }},
  };

  LessonResult result;
  result.statement =
      "Action chunking does not help a clone of a Markovian expert and costs it feedback; with human-like "
      "demonstrations (reaction delay, hesitations, pauses) the table shows whether chunks help or hurt.";
  LessonTable perSeed{"each training seed", {}};
  for (size_t si = 0; si < sources.size(); ++si) {
    const Source& source = sources[si];
    LessonTable table{source.name + " demonstrations", {}};
    run.Stage("record " + std::to_string(demos) + " " + source.name + " episodes");
    const data::Dataset demosData =
        CollectDemos(makeEnv, source.drivers, demos, run.Seed(1, static_cast<int>(si)), run.Threads(), run.Cancel());
    run.Stage("evaluate the " + source.name + " demonstrator");
    AddChunkOutcome(table.AddRow("demonstrator: " + source.name),
                    EvaluateSmoothness(makeEnv, source.drivers, evalEpisodes, run.Seed(3), run.Threads(),
                                       run.Cancel()));
    for (const std::string& head : heads) {
      for (const ChunkVariant& c : chunks) {
        policies::PolicyConfig config = policies::DefaultPolicyConfig(head);
        config.decode = head == "mse" ? "mean" : "sample";
        config.chunk = c.chunk;
        config.execute = c.execute;
        config.temporalEnsemble = c.ensemble;
        const std::string method = head + " " + c.name;
        std::vector<MeasuredRun> runs;
        std::vector<double> validLoss;
        for (int s = 0; s < seeds; ++s) {
          run.Stage("train and evaluate " + source.name + " " + method + " seed " + std::to_string(s));
          const TrainedPolicy t =
              TrainPolicy(config, demosData, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
          runs.push_back(EvaluateSmoothness(makeEnv, PolicyDrivers(t.policy), evalEpisodes, run.Seed(3),
                                            run.Threads(), run.Cancel()));
          validLoss.push_back(t.train.validLoss);
          AddChunkOutcome(perSeed.AddRow(source.name + ": " + method + " #" + std::to_string(s)), runs.back())
              .Value("valid_loss", validLoss.back(), 5);
        }
        AddChunkOutcome(table.AddRow(method), PoolRuns(runs)).Mean("valid_loss", MeanOf(validLoss), 5);
      }
    }
    result.tables.push_back(table);
  }
  result.tables.push_back(perSeed);
  result.notes = {
      "scenario highway (defaults); direct control at 20 Hz; default observation keys (no controls)",
      std::to_string(demos) + " demonstrations of 40 s per source, " + std::to_string(steps) +
          " AdamW steps (batch 256), " + std::to_string(seeds) + " training seed(s), " +
          std::to_string(evalEpisodes) + " held-out episodes per policy; mse decoded by its mean, bins sampled "
          "(temperature 1)",
      "human-like: the expert's command delayed by 0.2-0.4 s (per episode), hesitations (hold the last command "
      "0.3-0.8 s, 0.15/s) and pauses (accel 0 for 0.5-1.5 s, 0.05/s); its actions are its labels",
      "steer_change / accel_change: mean |a_t - a_(t-1)| of the executed command per control step (action units)",
      "valid_loss is each model's own loss on the validation episodes (chunked losses average over H steps, so "
      "they are not comparable across rows)"};
  return result;
}

}  // namespace learning::imitation
