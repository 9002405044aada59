// Lesson `covarying` on `fast_slow`: the only safe ways out are (left lane, slow) and (right lane, fast). A head
// with independent per-dimension bins samples lane and speed separately, so with a held decision (targets mode:
// target lateral position and target speed held for 1 s) it often combines one side's lane with the other
// side's speed; an autoregressive head samples the speed given the sampled lane and keeps the pairs together.
// At 20 Hz direct control the state tells the mode apart within a step, so both heads stay safe: the contrast is
// part of the lesson. Key settings: 31 bins (warped), MLP 128×2, all observation keys, sampling at temperature 1;
// one demonstration set per training seed; the budget curve is behind --sweep.
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/fast_slow.h"

namespace learning::imitation {

namespace {

bool Positive(double v) { return v > 0.5; }

}  // namespace

LessonResult CovaryingLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const std::vector<std::string> heads = {"bins", "ar_bins"};
  const std::vector<std::string> modes = {"targets", "direct"};
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 1 : 3);
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 60 : 100);
  const long steps = quick ? 1500 : 4000;  // not yet re-measured at convergence: the curve is behind --sweep
  const int targetDemos = quick ? 150 : 400, directDemos = quick ? 40 : 150;
  const std::vector<std::string> titles = {"held decisions (targets mode, 1 s)", "20 Hz direct control"};
  const std::string stepsText = ", " + std::to_string(steps) + " steps";

  std::vector<LessonArm> arms;
  auto add = [&](const std::string& table, const std::string& name, const std::string& head, long budget, size_t m) {
    LessonArm a;
    a.table = table;
    a.name = name;
    a.config = policies::DefaultPolicyConfig(head);
    a.steps = budget;
    a.set = a.env = m;
    arms.push_back(std::move(a));
  };
  for (size_t m = 0; m < modes.size() && !options.sweep; ++m)
    for (const std::string& head : heads) add(titles[m] + stepsText, head, head, steps, m);
  if (options.sweep)  // the budget curve of both heads in both modes
    for (size_t m = 0; m < modes.size(); ++m)
      for (long budget : {2000L, 4000L, 10000L, 20000L, 40000L})
        for (const std::string& head : heads)
          add("sweep: " + titles[m] + ", training budget", head + ", " + std::to_string(budget) + " steps", head,
              budget, m);

  LessonRun run(options, static_cast<int>(modes.size()) + 2);
  std::vector<EnvFactory> makeEnv;
  std::vector<std::vector<data::Dataset>> sets(modes.size());
  for (size_t m = 0; m < modes.size(); ++m) {
    sim::FastSlowDef def;
    def.common.actionMode = modes[m];
    makeEnv.push_back(FactoryOf([def] { return sim::MakeFastSlow(def); }));
    const int demos = m == 0 ? targetDemos : directDemos;
    run.Stage("record " + std::to_string(demos) + " expert episodes x " + std::to_string(seeds) + " (" + modes[m] +
              ")");
    for (int s = 0; s < seeds; ++s)
      sets[m].push_back(CollectDemos(makeEnv[m], ExpertDrivers(), demos, run.Seed(kSaltDemos, static_cast<int>(m) * 100 + s),
                                     run.Threads(), run.Cancel()));
  }
  TrainAndEvaluate(arms, sets, makeEnv, seeds, evalEpisodes, run.Seed(kSaltHeldOut), run);

  run.Stage("tables");
  LessonResult result;
  result.statement =
      "Independent per-dimension heads sample incompatible (lane, speed) pairs when the decision is held; an "
      "autoregressive head keeps them together. At 20 Hz the state disambiguates at once and the gap closes.";
  LessonTable perSeed{"each training seed", {}};
  auto addRow = [](LessonTable& table, const std::string& name, const EvaluationSummary& s) {
    table.AddRow(name)
        .Rate("unsafe", ExtraRate(s, "unsafe", Positive))
        .Rate("wrong_quadrant", ExtraRate(s, "wrong_quadrant", Positive))
        .Rate("collision", s.collision)
        .Rate("success", s.success);
  };
  for (const LessonArm& a : arms) {
    LessonTable& table = TableNamed(result, a.table);
    addRow(table, a.name, Pool(a.evals));
    KeepPolicy(result, table.title, a.name, a.trained[0].policy, makeEnv[a.env]);
    if (a.steps != steps || quick) continue;
    for (int s = 0; s < seeds; ++s) {
      const std::string row = modes[a.env] + ": " + a.name + " #" + std::to_string(s);
      addRow(perSeed, row, a.evals[static_cast<size_t>(s)]);
      KeepPolicy(result, perSeed.title, row, a.trained[static_cast<size_t>(s)].policy, makeEnv[a.env]);
    }
  }
  if (!perSeed.rows.empty()) result.tables.push_back(perSeed);
  result.notes = {
      "scenario fast_slow (middle lane ends 110 m ahead; left lane 15 m/s traffic with a leader 14 m ahead, right lane "
      "25 m/s with a follower 14 m behind); observation keys: all",
      "expert demonstrations per training seed: targets mode " + std::to_string(targetDemos) + " episodes, direct "
          "mode " + std::to_string(directDemos) + "; " + std::to_string(steps) + " steps (" +
          LessonTrainingNote() + "); " + std::to_string(seeds) + " training seed(s) pooled; " +
          std::to_string(evalEpisodes) + " held-out episodes per seed, the same episodes for every row",
      "unsafe: collided or drove in the wrong quadrant (off-centre toward one side at the other side's speed)"};
  return result;
}

}  // namespace learning::imitation
