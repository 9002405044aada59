// Lesson `causal_confusion` (de Haan, Jayaraman & Levine 2019, "Causal confusion in imitation learning") on
// `brake_light`: the car's own brake lamp (its previous commanded brake) predicts the expert's next brake
// almost perfectly, so a cloned policy that sees the lamp learns "brake while the lamp is on" — lower
// validation loss, but in closed loop it keeps braking after the lead drives off, because its own lamp is on.
// Rows: BC without the lamp, BC with it (each training seed reported), BC with the continuous previous action
// (the `controls` component: applied steer/accel) and one DAgger iteration with the lamp.
// The clone works the pedals, the expert's lane keeping steers (lane_kept.h): clones that also steered left the
// lane (88% collisions without the lamp), which hid the lesson.
// Key settings: MSE head, MLP 128×2, 100 expert episodes of 40 s (quick: 30), DAgger: 20 on-policy episodes.
#include <cmath>

#include "learning/data/batch.h"
#include "learning/imitation/lessons/lane_kept.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/brake_light.h"

namespace learning::imitation {

namespace {

struct Variant {
  std::string name;
  std::vector<std::string> keys;
};

// Open-loop brake decisions on the validation episodes: a step "brakes" when accel is below the lamp
// threshold; a lamp transition is a step where the expert's decision differs from the lamp it sees.
struct BrakeAccuracy {
  double all = 0.0;
  double transitions = 0.0;
  int transitionCount = 0;
};

BrakeAccuracy MeasureBrakeAccuracy(const policies::Policy& policy, const data::Dataset& dataset, double threshold) {
  data::BatchDef def;
  def.obsKeys = policy.Config().obsKeys;
  def.history = policy.Config().history;
  def.split = data::Split::kValid;
  const data::Batch batch = data::GatherBatch(dataset, def);
  data::BatchDef lampDef;
  lampDef.obsKeys = {"brake_indicator"};
  lampDef.split = data::Split::kValid;
  const data::Batch lamp = data::GatherBatch(dataset, lampDef);
  core::Rng rng(0);
  const Eigen::MatrixXf predicted = policy.Sample(batch.features, rng, 1.0, true);
  int correct = 0, transitions = 0, correctAtTransitions = 0;
  for (Eigen::Index i = 0; i < batch.labels.cols(); ++i) {
    const bool expertBrakes = batch.labels(1, i) < -threshold;
    const bool policyBrakes = predicted(1, i) < -threshold;
    const bool lampOn = lamp.features(0, i) > 0.5f;
    correct += expertBrakes == policyBrakes ? 1 : 0;
    if (expertBrakes != lampOn) {
      ++transitions;
      correctAtTransitions += expertBrakes == policyBrakes ? 1 : 0;
    }
  }
  BrakeAccuracy a;
  a.all = batch.labels.cols() > 0 ? static_cast<double>(correct) / batch.labels.cols() : 0.0;
  a.transitions = transitions > 0 ? static_cast<double>(correctAtTransitions) / transitions : 0.0;
  a.transitionCount = transitions;
  return a;
}

// Drive-off figures of a set of episodes: start delays weighted by the number of drive-offs.
void AddDriveOffs(LessonRow& row, const EvaluationSummary& s) {
  double driveOffs = 0.0, over3 = 0.0;
  std::vector<double> delays;
  for (const EpisodeResult& r : s.results) {
    double n = 0.0, share = 0.0, mean = 0.0;
    for (const auto& [name, value] : r.metrics.extra) {
      if (name == "drive_offs") n = value;
      if (name == "share_start_delay_over_3s") share = value;
      if (name == "mean_start_delay") mean = value;
    }
    driveOffs += n;
    over3 += share * n;
    if (n > 0) delays.push_back(mean);
  }
  row.Rate("collision", s.collision)
      .Rate("success", s.success)
      .Mean("start_delay_s", MeanOf(delays), 2)
      .Rate("drive_offs_over_3s", WilsonInterval(static_cast<int>(std::lround(over3)), static_cast<int>(driveOffs)));
}

}  // namespace

LessonResult CausalConfusionLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 2 : 5);
  const int daggerSeeds = quick ? 1 : 3;
  LessonRun run(options, 1 + 3 * seeds + daggerSeeds);
  const int demos = quick ? 30 : 100;
  const int evalEpisodes = run.EvalEpisodes(20, 100);
  const long steps = quick ? 1500 : 4000;
  const sim::BrakeLightDef scenario;
  const EnvFactory makeEnv = FactoryOf([scenario] { return sim::MakeBrakeLight(scenario); });
  const double threshold = scenario.common.vehicle.brakeLampThreshold / scenario.common.vehicle.maxBrakeDecel;

  run.Stage("record " + std::to_string(demos) + " expert episodes");
  const data::Dataset raw = CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(1), run.Threads(), run.Cancel());

  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.decode = "mean";
  const std::vector<Variant> variants = {
      {"bc (no lamp)", {"ego", "vehicles"}},
      {"bc + lamp", {"brake_indicator", "ego", "vehicles"}},
      {"bc + previous action", {"controls", "ego", "vehicles"}},
  };
  LessonResult result;
  result.statement =
      "A cue that merely correlates with the expert's action (the car's own brake lamp) lowers validation loss but "
      "makes the clone wait for itself after the lead drives off; DAgger's on-policy labels break the correlation.";
  LessonTable pooled{"pooled over training seeds", {}};
  LessonTable perSeed{"each training seed", {}};
  for (const Variant& v : variants) {
    std::vector<EvaluationSummary> evals;
    std::vector<double> validLoss, acc, accTransitions;
    for (int s = 0; s < seeds; ++s) {
      run.Stage("train and evaluate " + v.name + " seed " + std::to_string(s));
      config.obsKeys = v.keys;
      const TrainedPolicy t = TrainPolicy(config, raw, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
      evals.push_back(EvaluateLaneKept(t.policy, makeEnv, evalEpisodes, run.Seed(3), run));
      const BrakeAccuracy a = MeasureBrakeAccuracy(*t.policy, raw, threshold);
      validLoss.push_back(t.train.validLoss);
      acc.push_back(a.all);
      accTransitions.push_back(a.transitions);
      LessonRow& row = perSeed.AddRow(v.name + " #" + std::to_string(s));
      KeepPolicy(result, perSeed.title, row.method, t.policy, makeEnv, true);
      if (s == 0) KeepPolicy(result, pooled.title, v.name, t.policy, makeEnv, true);
      row.Value("valid_loss", t.train.validLoss, 5).Value("brake_acc", a.all).Value("acc_at_lamp_change", a.transitions);
      AddDriveOffs(row, evals.back());
    }
    LessonRow& row = pooled.AddRow(v.name);
    row.Mean("valid_loss", MeanOf(validLoss), 5).Mean("brake_acc", MeanOf(acc)).Mean("acc_at_lamp_change",
                                                                                       MeanOf(accTransitions));
    AddDriveOffs(row, Pool(evals));
  }

  // DAgger with the lamp: BC on the same demonstrations, then one on-policy iteration (β = 0) of 20 episodes.
  std::vector<EvaluationSummary> daggerEvals;
  std::vector<double> daggerLoss;
  for (int s = 0; s < daggerSeeds; ++s) {
    run.Stage("dagger + lamp seed " + std::to_string(s));
    config.obsKeys = variants[1].keys;
    const TrainedPolicy bc = TrainPolicy(config, raw, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
    const TrainedPolicy d = DaggerOnceLaneKept(config, raw, bc.policy, makeEnv, quick ? 10 : 20, run.Seed(4, s),
                                               LessonTrainOptions(steps), run.Seed(2, s), run);
    daggerEvals.push_back(EvaluateLaneKept(d.policy, makeEnv, evalEpisodes, run.Seed(3), run));
    daggerLoss.push_back(d.train.validLoss);
    LessonRow& row = perSeed.AddRow("dagger + lamp (1 iter) #" + std::to_string(s));
    KeepPolicy(result, perSeed.title, row.method, d.policy, makeEnv, true);
    if (s == 0) KeepPolicy(result, pooled.title, "dagger + lamp (1 iter)", d.policy, makeEnv, true);
    row.Value("valid_loss", d.train.validLoss, 5);
    AddDriveOffs(row, daggerEvals.back());
  }
  LessonRow& row = pooled.AddRow("dagger + lamp (1 iter)");
  row.Mean("valid_loss", MeanOf(daggerLoss), 5);
  AddDriveOffs(row, Pool(daggerEvals));

  result.tables = {pooled, perSeed};
  result.notes = {
      "scenario brake_light (defaults: raw lamp, range-dependent sensor noise, AR(1) disturbance, expert holds the "
      "brake at a standstill); the clone works the pedals, the expert's lane keeping steers; MSE head, MLP 128x2, "
      "mean decode",
      std::to_string(demos) + " expert demonstrations of 40 s, " + std::to_string(steps) + " Adam steps (batch 256), " +
          std::to_string(seeds) + " training seeds, " + std::to_string(evalEpisodes) +
          " held-out episodes per policy; the DAgger row adds " + std::to_string(quick ? 10 : 20) +
          " on-policy episodes labelled by the expert (valid_loss there is on the aggregated data)",
      "brake_acc: open-loop brake/no-brake agreement with the expert on the validation episodes; acc_at_lamp_change: "
      "the same at steps where the expert's decision differs from the lamp it sees",
      "start_delay_s / drive_offs_over_3s: time from the lead moving off (ego standing behind it) to the ego moving"};
  return result;
}

}  // namespace learning::imitation
