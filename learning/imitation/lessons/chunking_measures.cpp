#include "learning/imitation/lessons/chunking_measures.h"

#include <cmath>
#include <map>
#include <mutex>

#include "core/error.h"

namespace learning::imitation {

namespace {

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

// The side tally of the passes (scenario metric "side": +1 left, -1 right, 0 did not pass).
RateEstimate LeftShareOfPasses(const EvaluationSummary& s) {
  int left = 0, passed = 0;
  for (double side : ExtraValues(s, "side")) {
    passed += side != 0.0 ? 1 : 0;
    left += side > 0.0 ? 1 : 0;
  }
  return WilsonInterval(left, passed);
}

}  // namespace

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

LessonRow& AddModeOutcome(LessonRow& row, const MeasuredRun& m) {
  return row.Rate("success", m.summary.success)
      .Rate("collision", m.summary.collision)
      .Rate("switch_episodes", ExtraRate(m.summary, "side_switches", [](double n) { return n > 0.0; }))
      .Mean("side_switches", MeanOf(ExtraValues(m.summary, "side_switches")), 3)
      .Rate("left_share_of_passes", LeftShareOfPasses(m.summary))
      .Mean("steer_change", MeanOf(m.steerChange), 4);
}

}  // namespace learning::imitation
