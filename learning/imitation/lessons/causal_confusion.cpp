// Lesson `causal_confusion` (de Haan, Jayaraman & Levine 2019, "Causal confusion in imitation learning") on
// `brake_light`: the car's own brake lamp (its previous commanded brake) predicts the expert's next brake
// almost perfectly, so a cloned policy that sees the lamp can learn "brake while the lamp is on" — lower
// validation loss, but in closed loop it keeps braking after the lead drives off, because its own lamp is on.
// Rows: BC without the lamp, BC with it, BC with the continuous previous action (the `controls` component:
// applied steer/accel) and one DAgger iteration with the lamp; every training seed reported.
// The clone works the pedals, the expert's lane keeping steers (lane_kept.h): clones that also steered left the
// lane (88% collisions without the lamp), which hid the lesson.
// Where the effect lives: with few demonstrations or a short training budget; docs/lessons.md has the curves.
// Key settings: MSE head, MLP 128×2, one demonstration set of 40-s expert episodes per training seed; networks of
// all seeds and rows trained side by side on the lesson's threads.
#include <algorithm>
#include <cmath>
#include <map>

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

// The share of a summary's drive-offs slower than 3 s (each episode's share weighted by its drive-offs).
RateEstimate SlowDriveOffs(const EvaluationSummary& s) {
  double driveOffs = 0.0, over3 = 0.0;
  for (const EpisodeResult& r : s.results) {
    double n = 0.0, share = 0.0;
    for (const auto& [name, value] : r.metrics.extra) {
      if (name == "drive_offs") n = value;
      if (name == "share_start_delay_over_3s") share = value;
    }
    driveOffs += n;
    over3 += share * n;
  }
  return WilsonInterval(static_cast<int>(std::lround(over3)), static_cast<int>(std::lround(driveOffs)));
}

// Closed-loop figures: start delays are means over drive-offs (EvaluationSummary weights them by drive-offs).
void AddDriveOffs(LessonRow& row, const EvaluationSummary& s) {
  row.Rate("collision", s.collision)
      .Rate("success", s.success)
      .Mean("start_delay_s", s.Metric("mean_start_delay"), 2)
      .Rate("drive_offs_over_3s", SlowDriveOffs(s));
}

// One row: a variant trained on `demos` demonstrations (one set per training seed) for `steps`, or one DAgger
// iteration from the row `from` (same seed, same demonstrations).
struct Arm {
  std::string table;
  std::string tag;  // prefix of its per-seed rows ("" for the first table)
  std::string name;
  const Variant* variant = nullptr;
  int demos = 0;
  long steps = 0;
  int width = 128;
  int from = -1;  // ≥ 0: DAgger from that arm's clones
  bool perSeed = true;  // also in the per-seed table
  std::vector<TrainedPolicy> trained;
  std::vector<EvaluationSummary> evals;
  std::vector<BrakeAccuracy> accuracy;
};

}  // namespace

LessonResult CausalConfusionLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const sim::BrakeLightDef scenario = CentredBrakeLight();
  const EnvFactory makeEnv = FactoryOf([scenario] { return sim::MakeBrakeLight(scenario); });
  const double threshold = scenario.common.vehicle.brakeLampThreshold / scenario.common.vehicle.maxBrakeDecel;
  const Variant noLamp{"bc (no lamp)", {"ego", "vehicles"}}, lamp{"bc + lamp", {"brake_indicator", "ego", "vehicles"}},
      previous{"bc + previous action", {"controls", "ego", "vehicles"}};

  // Budgets and data sizes (see docs/lessons.md, causal_confusion, for the curves behind them).
  const int manyDemos = quick ? 30 : 100;
  const int fewDemos = 20;
  const long levelled = quick ? 1500 : 20000;
  const long shortSteps = 4000;
  const int daggerEpisodes = quick ? 10 : 20;

  std::vector<Arm> arms;
  const std::string mainTitle = std::to_string(manyDemos) + " demonstrations, " + std::to_string(levelled) +
                                (quick ? " steps (quick)" : " steps (ildrive train's default budget)");
  const std::string fewTitle = std::to_string(fewDemos) + " demonstrations, " + std::to_string(levelled) + " steps";
  const std::string shortTitle = "short training budget: " + std::to_string(manyDemos) + " demonstrations, " +
                                 std::to_string(shortSteps) + " steps (the earlier lesson's budget)";
  auto add = [&arms](const std::string& table, const std::string& tag, const std::string& name, const Variant* v,
                     int demos, long steps, int from = -1, bool perSeed = true, int width = 128) {
    arms.push_back({table, tag, name, v, demos, steps, width, from, perSeed, {}, {}, {}});
    return static_cast<int>(arms.size()) - 1;
  };
  const std::string dagger = "dagger + lamp (1 iter)";
  if (!options.sweep) {
    add(mainTitle, "", noLamp.name, &noLamp, manyDemos, levelled);
    const int lampArm = add(mainTitle, "", lamp.name, &lamp, manyDemos, levelled);
    add(mainTitle, "", previous.name, &previous, manyDemos, levelled);
    add(mainTitle, "", dagger, &lamp, manyDemos, levelled, lampArm);
  }
  if (!quick && !options.sweep) {
    const std::string few = std::to_string(fewDemos) + " demos: ", brief = std::to_string(shortSteps) + " steps: ";
    add(fewTitle, few, noLamp.name, &noLamp, fewDemos, levelled);
    const int fewLamp = add(fewTitle, few, lamp.name, &lamp, fewDemos, levelled);
    add(fewTitle, few, dagger, &lamp, fewDemos, levelled, fewLamp);
    add(shortTitle, brief, noLamp.name, &noLamp, manyDemos, shortSteps);
    add(shortTitle, brief, lamp.name, &lamp, manyDemos, shortSteps);
  }
  // --sweep: the training-budget curve at several data sizes, and the network width (compact rows).
  const std::string budgetTitle = "sweep: training budget x demonstrations (lamp vs no lamp)";
  const std::string widthTitle = "sweep: network width";
  if (options.sweep) {
    // Budget curves at few and many demonstrations, the data-size curve at the levelled budget, and the network
    // width at few demonstrations.
    for (int demos : {fewDemos, manyDemos})
      for (long steps : {4000L, 10000L, levelled, 40000L})
        for (const Variant* v : {&noLamp, &lamp})
          add(budgetTitle, "", std::to_string(demos) + " demos, " + std::to_string(steps) + " steps: " + v->name, v,
              demos, steps, -1, false);
    for (int demos : {10, 50})
      for (const Variant* v : {&noLamp, &lamp})
        add(budgetTitle, "", std::to_string(demos) + " demos, " + std::to_string(levelled) + " steps: " + v->name, v,
            demos, levelled, -1, false);
    for (int width : {32, 512})
      for (const Variant* v : {&noLamp, &lamp})
        add(widthTitle, "", std::to_string(fewDemos) + " demos, width " + std::to_string(width) + ": " + v->name, v,
            fewDemos, levelled, -1, false, width);
  }

  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 2 : options.sweep ? 3 : 5);
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 20 : 100);
  const int sweepEpisodes = options.evalEpisodes > 0 ? evalEpisodes : 50;  // ~2 drive-offs per episode
  std::map<int, std::vector<data::Dataset>> sets;  // demonstrations → one set per training seed
  for (const Arm& a : arms) sets[a.demos];
  LessonRun run(options, static_cast<int>(sets.size()) + 3);
  const uint64_t evalSeed = run.Seed(kSaltHeldOut);

  // One demonstration set per training seed; smaller sets are the first episodes of the same recording seed.
  for (auto& [demos, perSeed] : sets) {
    run.Stage("record " + std::to_string(demos) + " expert episodes x " + std::to_string(seeds) + " seeds");
    for (int s = 0; s < seeds; ++s)
      perSeed.push_back(CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(kSaltDemos, s), run.Threads(), run.Cancel()));
  }

  // Every clone of every seed, side by side: train, measure open loop, evaluate on one core each. DAgger rows
  // start from the clones of their arm, so they run after.
  for (const bool dagger : {false, true}) {
    std::vector<std::pair<size_t, int>> jobs;  // (arm, seed)
    for (size_t a = 0; a < arms.size(); ++a) {
      if ((arms[a].from >= 0) != dagger) continue;
      arms[a].trained.resize(static_cast<size_t>(seeds));
      arms[a].evals.resize(static_cast<size_t>(seeds));
      arms[a].accuracy.resize(static_cast<size_t>(seeds));
      for (int s = 0; s < seeds; ++s) jobs.emplace_back(a, s);
    }
    run.Stage((dagger ? "DAgger: collect, retrain and evaluate " : "train and evaluate ") +
              std::to_string(jobs.size()) + " networks");
    RunSideBySide(static_cast<int>(jobs.size()), run, [&](int j) {
      Arm& arm = arms[jobs[static_cast<size_t>(j)].first];
      const int s = jobs[static_cast<size_t>(j)].second;
      const size_t si = static_cast<size_t>(s);
      const data::Dataset& demos = sets.at(arm.demos)[si];
      policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
      config.decode = policies::DecodeKind::kMean;
      config.obsKeys = arm.variant->keys;
      config.width = arm.width;
      arm.trained[si] =
          arm.from < 0
              ? TrainPolicy(config, demos, LessonTrainOptions(arm.steps), run.Seed(kSaltTraining, s), run.Cancel())
              : DaggerOnceLaneKept(config, demos, arms[static_cast<size_t>(arm.from)].trained[si].policy, makeEnv,
                                   daggerEpisodes, run.Seed(kSaltOnPolicy, s), LessonTrainOptions(arm.steps),
                                   run.Seed(kSaltTraining, s), run, 1);
      arm.evals[si] = EvaluateLaneKept(arm.trained[si].policy, makeEnv, arm.perSeed ? evalEpisodes : sweepEpisodes,
                                       evalSeed, run, 1);
      if (arm.from < 0) arm.accuracy[si] = MeasureBrakeAccuracy(*arm.trained[si].policy, demos, threshold);
    });
  }

  run.Stage("tables");
  LessonResult result;
  result.statement =
      "A cue that merely correlates with the expert's action (the car's own brake lamp) lowers validation loss; "
      "with few demonstrations (or a short training budget) some clones learn to wait for their own lamp after the "
      "lead drives off, while with many demonstrations trained to convergence the wait nearly vanishes; DAgger's "
      "on-policy labels break the correlation. The continuous previous action is copied at every size.";
  std::vector<LessonTable> tables;
  auto tableFor = [&tables](const std::string& title) -> LessonTable& {
    for (LessonTable& t : tables)
      if (t.title == title) return t;
    tables.push_back({title, {}});
    return tables.back();
  };
  LessonTable perSeed{"each training seed", {}};
  for (const Arm& arm : arms) {
    std::vector<double> validLoss, acc, accTransitions, seedDelays;
    int slowSeeds = 0;
    for (int s = 0; s < seeds; ++s) {
      const size_t si = static_cast<size_t>(s);
      const TrainedPolicy& t = arm.trained[si];
      validLoss.push_back(t.train.validLoss);
      acc.push_back(arm.accuracy[si].all);
      accTransitions.push_back(arm.accuracy[si].transitions);
      const double delay = arm.evals[si].Metric("mean_start_delay").mean;
      seedDelays.push_back(std::isfinite(delay) ? delay : 0.0);
      slowSeeds += SlowDriveOffs(arm.evals[si]).rate > 0.1 ? 1 : 0;
      if (!arm.perSeed) continue;
      LessonRow& row = perSeed.AddRow(arm.tag + arm.name + " #" + std::to_string(s));
      KeepPolicy(result, perSeed.title, row.method, t.policy, makeEnv, true);
      row.Value("valid_loss", t.train.validLoss, 5);
      if (arm.from < 0) row.Value("brake_acc", arm.accuracy[si].all).Value("acc_at_lamp_change", arm.accuracy[si].transitions);
      AddDriveOffs(row, arm.evals[si]);
    }
    LessonTable& table = tableFor(arm.table);
    LessonRow& row = table.AddRow(arm.name);
    KeepPolicy(result, table.title, arm.name, arm.trained[0].policy, makeEnv, true);
    row.Mean("valid_loss", MeanOf(validLoss), 5);
    const EvaluationSummary pooled = Pool(arm.evals);
    if (arm.perSeed) {
      if (arm.from < 0)
        row.Mean("brake_acc", MeanOf(acc)).Mean("acc_at_lamp_change", MeanOf(accTransitions));
      AddDriveOffs(row, pooled);
    } else {
      row.Rate("collision", pooled.collision)
          .Mean("start_delay_s", pooled.Metric("mean_start_delay"), 2)
          .Rate("drive_offs_over_3s", SlowDriveOffs(pooled))
          .Value("slowest_seed_delay_s", *std::max_element(seedDelays.begin(), seedDelays.end()), 2)
          .Value("seeds_over_3s_above_10pct", slowSeeds, 0);
    }
  }
  if (!perSeed.rows.empty()) tables.push_back(perSeed);
  result.tables = std::move(tables);
  result.notes = {
      "scenario brake_light (defaults, but starting on the lane centre: raw lamp, range-dependent sensor noise, AR(1) disturbance, expert holds the "
      "brake at a standstill); the clone works the pedals, the expert's lane keeping steers; MSE head, MLP 128x2 "
      "(sweep: the listed widths), mean decode",
      "expert demonstrations of 40 s, one set per training seed (a smaller set is the first episodes of the same "
      "recording); " + LessonTrainingNote() + "; " + std::to_string(seeds) + " training seeds, " + std::to_string(evalEpisodes) +
          " held-out episodes per policy, the same episodes for every row",
      "DAgger rows: the BC clone with the lamp of the same seed drives " + std::to_string(daggerEpisodes) +
          " on-policy episodes labelled by the expert, retrained from scratch on everything (valid_loss there is on "
          "the aggregated data)",
      "brake_acc: open-loop brake/no-brake agreement with the expert on the validation episodes; acc_at_lamp_change: "
      "the same at steps where the expert's decision differs from the lamp it sees",
      "start_delay_s: time from the lead moving off (ego standing behind it) to the ego moving, mean over drive-offs; "
      "drive_offs_over_3s: share of drive-offs slower than 3 s; sweep rows: " + std::to_string(sweepEpisodes) +
          " held-out episodes per policy, slowest_seed_delay_s is the largest per-seed mean, "
          "seeds_over_3s_above_10pct counts seeds with more than 10% of drive-offs over 3 s"};
  return result;
}

}  // namespace learning::imitation
