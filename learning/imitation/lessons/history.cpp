// Lesson `history` on `brake_light` (Wen et al. 2020, "Fighting copycat agents in behavioral cloning from
// observation histories"): a policy that sees several past frames can average out sensor noise — brake_light's
// gap and relative speed are noisier the farther the lead is — but a history that carries the car's own past
// commands (the `controls` component) lets the clone predict "keep doing what I did", which fits the
// demonstrations almost perfectly and fails in closed loop (it brakes late and drives off late). DAgger's
// on-policy labels show the clone the states where copying is wrong.
// The question is longitudinal (following, braking, driving off), so the clone drives the pedals only: the
// scenario's lane keeper (the expert's steering) steers in every rollout, as adaptive cruise control would —
// brake_light clones that also steer leave the lane, and that failure would hide the one this lesson is about.
// Rows: single frame (mlp), stacked 4 and 8 frames, a transformer over 8 frames (all without `controls`), stacked
// 4 frames with `controls`, and one DAgger iteration of that last variant. Each training seed is also reported.
// Key settings: MSE head (mean decode), width 128 (transformer 64, one block, half the steps), 100 expert episodes
// of 40 s per training seed (quick: 30), DAgger: 20 on-policy episodes (quick: 10), aggregated with the demos,
// retrained from scratch; the networks of all rows and seeds train side by side; the budget curve is behind --sweep.
#include <cmath>

#include "learning/data/batch.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/lessons/lane_kept.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/brake_light.h"

namespace learning::imitation {

namespace {

struct HistoryVariant {
  std::string name;
  policies::EncoderKind encoder = policies::EncoderKind::kMlp;
  int history = 1;
  bool controls = false;  // the previous action is in the observation
};

// Mean absolute error of the mean-decoded accel against the expert's on the validation episodes (open loop).
double AccelError(const policies::Policy& policy, const data::Dataset& dataset) {
  data::BatchDef def;
  def.obsKeys = policy.Config().obsKeys;
  def.history = policy.Config().history;
  def.split = data::Split::kValid;
  const data::Batch batch = data::GatherBatch(dataset, def);
  core::Rng rng(0);
  const Eigen::MatrixXf predicted = policy.Sample(batch.features, rng, 1.0, true);
  if (batch.labels.cols() == 0) return 0.0;
  return (predicted.row(1) - batch.labels.row(1)).cwiseAbs().mean();
}


bool SlowDriveOff(double shareOver3s) { return shareOver3s > 0.0; }

// Closed-loop figures of the brake_light evaluation.
void AddFollowing(LessonRow& row, const EvaluationSummary& s) {
  row.Rate("collision", s.collision)
      .Rate("success", s.success)
      .Mean("time_stopped_s", s.Metric("time_stopped"), 2)
      .Mean("start_delay_s", s.Metric("mean_start_delay"), 2)
      .Rate("episodes_slow_drive_off", ExtraRate(s, "share_start_delay_over_3s", SlowDriveOff));
}

policies::PolicyConfig ConfigOf(const HistoryVariant& v) {
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.decode = policies::DecodeKind::kMean;
  config.encoder = v.encoder;
  config.history = v.history;
  // Kept small: at width 128 the transformer's training alone took > 10 min per seed.
  if (v.encoder == policies::EncoderKind::kTransformer) {
    config.width = 64;
    config.depth = 1;
  }
  config.obsKeys = v.controls ? std::vector<std::string>{"controls", "ego", "vehicles"}
                              : std::vector<std::string>{"ego", "vehicles"};
  return config;
}

}  // namespace

LessonResult HistoryLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  // The quick run leaves out the 8-frame rows (the transformer alone would take most of its 30 s).
  std::vector<HistoryVariant> variants = {{"single frame (mlp)", policies::EncoderKind::kMlp, 1, false},
                                           {"stack n=4", policies::EncoderKind::kStack, 4, false}};
  if (!quick) {
    variants.push_back({"stack n=8", policies::EncoderKind::kStack, 8, false});
    variants.push_back({"transformer n=8", policies::EncoderKind::kTransformer, 8, false});
  }
  variants.push_back({"stack n=4 + controls", policies::EncoderKind::kStack, 4, true});
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 1 : 3);
  const int demos = quick ? 30 : 100;
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 20 : 100);
  const long steps = quick ? 1000 : 4000;  // not yet re-measured at convergence: the curve is behind --sweep
  const int daggerEpisodes = quick ? 10 : 20;
  const sim::BrakeLightDef scenario = CentredBrakeLight();
  const EnvFactory makeEnv = FactoryOf([scenario] { return sim::MakeBrakeLight(scenario); });
  const std::string mainTitle = (quick ? "quick: " : "") + std::to_string(steps) + " steps";

  std::vector<LessonArm> arms;
  auto add = [&](const std::string& table, const std::string& name, const HistoryVariant& v, long budget) {
    LessonArm a;
    a.table = table;
    a.name = name;
    a.config = ConfigOf(v);
    a.steps = v.encoder == policies::EncoderKind::kTransformer ? budget / 2 : budget;
    a.laneKept = true;
    arms.push_back(std::move(a));
  };
  if (options.sweep) {  // the budget curve of the single frame, the 4-frame stack and the copycat
    for (long budget : {2000L, 4000L, 10000L, 20000L, 40000L})
      for (const HistoryVariant& v : {variants.front(), variants[1], variants.back()})
        add("sweep: training budget", v.name + ", " + std::to_string(budget) + " steps", v, budget);
  } else {
    for (const HistoryVariant& v : variants) add(mainTitle, v.name, v, steps);
  }
  const size_t copycatArm = arms.size() - 1;

  LessonRun run(options, 4);
  run.Stage("record " + std::to_string(demos) + " expert episodes x " + std::to_string(seeds));
  std::vector<std::vector<data::Dataset>> sets(1);
  for (int s = 0; s < seeds; ++s)
    sets[0].push_back(CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(kSaltDemos, s), run.Threads(), run.Cancel()));
  TrainAndEvaluate(arms, sets, {makeEnv}, seeds, evalEpisodes, run.Seed(kSaltHeldOut), run);

  // DAgger on the copycat variant: its BC clone of seed s drives the pedals, the expert labels every step it
  // visited; demonstrations + on-policy episodes, retrained from scratch (β = 0, one iteration).
  const HistoryVariant& copycat = variants.back();
  run.Stage("DAgger " + copycat.name + " x " + std::to_string(seeds));
  std::vector<TrainedPolicy> daggerTrained(static_cast<size_t>(seeds));
  std::vector<EvaluationSummary> daggerEvals(static_cast<size_t>(seeds));
  RunSideBySide(options.sweep ? 0 : seeds, run, [&](int s) {
    const size_t si = static_cast<size_t>(s);
    daggerTrained[si] = DaggerOnceLaneKept(ConfigOf(copycat), sets[0][si], arms[copycatArm].trained[si].policy,
                                           makeEnv, daggerEpisodes, run.Seed(kSaltOnPolicy, s), LessonTrainOptions(steps),
                                           run.Seed(kSaltTraining, s), run, 1);
    daggerEvals[si] = EvaluateLaneKept(daggerTrained[si].policy, makeEnv, evalEpisodes, run.Seed(kSaltHeldOut), run, 1);
  });

  run.Stage("tables");
  LessonResult result;
  result.statement =
      "A history of noisy observations can average the noise out; a history that carries the car's own past "
      "commands lets the clone copy them (copycat), and DAgger's on-policy labels break the copying.";
  LessonTable perSeed{"each training seed", {}};
  for (const LessonArm& a : arms) {
    std::vector<double> validLoss, accelError;
    const bool main = a.table == mainTitle;
    for (int s = 0; s < seeds; ++s) {
      const size_t si = static_cast<size_t>(s);
      validLoss.push_back(a.trained[si].train.validLoss);
      accelError.push_back(AccelError(*a.trained[si].policy, sets[0][si]));
      if (!main || quick) continue;
      LessonRow& row = perSeed.AddRow(a.name + " #" + std::to_string(s));
      KeepPolicy(result, perSeed.title, row.method, a.trained[si].policy, makeEnv, true);
      row.Value("valid_loss", validLoss.back(), 5).Value("accel_mae", accelError.back(), 4);
      AddFollowing(row, a.evals[si]);
    }
    LessonTable& table = TableNamed(result, a.table);
    KeepPolicy(result, table.title, a.name, a.trained[0].policy, makeEnv, true);
    LessonRow& row = table.AddRow(a.name);
    row.Mean("valid_loss", MeanOf(validLoss), 5).Mean("accel_mae", MeanOf(accelError), 4);
    AddFollowing(row, Pool(a.evals));
  }
  const std::string daggerName = "dagger " + copycat.name + " (1 iter)";
  std::vector<double> daggerLoss;
  for (int s = 0; s < seeds && !options.sweep; ++s) {
    const size_t si = static_cast<size_t>(s);
    daggerLoss.push_back(daggerTrained[si].train.validLoss);
    if (quick) continue;
    LessonRow& row = perSeed.AddRow(daggerName + " #" + std::to_string(s));
    KeepPolicy(result, perSeed.title, row.method, daggerTrained[si].policy, makeEnv, true);
    row.Value("valid_loss", daggerLoss.back(), 5).Value("accel_mae", AccelError(*daggerTrained[si].policy, sets[0][si]), 4);
    AddFollowing(row, daggerEvals[si]);
  }
  if (!options.sweep) {
    LessonTable& main = TableNamed(result, mainTitle);
    KeepPolicy(result, main.title, daggerName, daggerTrained[0].policy, makeEnv, true);
    LessonRow& row = main.AddRow(daggerName);
    row.Mean("valid_loss", MeanOf(daggerLoss), 5);
    AddFollowing(row, Pool(daggerEvals));
  }
  if (!perSeed.rows.empty()) result.tables.push_back(perSeed);

  result.notes = {
      "scenario brake_light (defaults, but starting on the lane centre: range-dependent sensor noise on gap and relative speed, AR(1) disturbance, "
      "lead brakes 4-8 m/s^2 to full stops); the clone works the pedals, the expert's lane keeping steers; MSE "
      "head, width 128 (transformer: width 64, 1 block, half the steps), mean decode; keys ego, vehicles (+ "
      "controls: the applied steer/accel of the previous step)",
      std::to_string(demos) + " expert demonstrations of 40 s per training seed, " + std::to_string(steps) +
          " steps (" + LessonTrainingNote() + "), " + std::to_string(seeds) +
          " training seeds, " + std::to_string(evalEpisodes) + " held-out episodes per policy, the same episodes "
          "for every row; the DAgger row adds " + std::to_string(daggerEpisodes) + " on-policy episodes (the BC "
          "clone of the same seed driving) labelled by the expert, retrained from scratch on everything (valid_loss "
          "there is on the aggregated data, accel_mae on the same validation demonstrations as the other rows)",
      "accel_mae: open-loop mean |accel - expert accel| on the validation episodes (action units, 1 = 8 m/s^2 "
      "brake / 4 m/s^2 throttle)",
      "start_delay_s: mean time from the lead moving off (ego standing behind it) to the ego moving, over "
      "drive-offs; episodes_slow_drive_off: share of episodes with a drive-off slower than 3 s"};
  return result;
}

}  // namespace learning::imitation
