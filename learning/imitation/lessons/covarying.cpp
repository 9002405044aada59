// Lesson `covarying` on `fast_slow`: the only safe ways out are (left lane, slow) and (right lane, fast). A head
// with independent per-dimension bins samples lane and speed separately, so with a held decision (targets mode:
// target lateral position and target speed held for 1 s) it often combines one side's lane with the other
// side's speed; an autoregressive head samples the speed given the sampled lane and keeps the pairs together.
// At 20 Hz direct control the state tells the mode apart within a step, so both heads stay safe: the contrast is
// part of the lesson. Key settings: 31 bins (warped), MLP 128×2, all observation keys, sampling at temperature 1.
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
  LessonRun run(options, static_cast<int>(modes.size() * (1 + heads.size())));
  const int seeds = run.Seeds(1, 3);
  const int evalEpisodes = run.EvalEpisodes(60, 100);
  const long steps = quick ? 1500 : 4000;

  LessonResult result;
  result.statement =
      "Independent per-dimension heads sample incompatible (lane, speed) pairs when the decision is held; an "
      "autoregressive head keeps them together. At 20 Hz the state disambiguates at once and the gap closes.";
  for (size_t m = 0; m < modes.size(); ++m) {
    sim::FastSlowDef def;
    def.common.actionMode = modes[m];
    const bool targets = modes[m] == "targets";
    const int demos = targets ? (quick ? 150 : 400) : (quick ? 40 : 150);
    const EnvFactory makeEnv = FactoryOf([def] { return sim::MakeFastSlow(def); });
    run.Stage("record " + std::to_string(demos) + " expert episodes (" + modes[m] + ")");
    const data::Dataset demosData =
        CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(1, static_cast<int>(m)), run.Threads(), run.Cancel());
    LessonTable table{targets ? "held decisions (targets mode, 1 s)" : "20 Hz direct control", {}};
    for (const std::string& head : heads) {
      run.Stage("train and evaluate " + head + " (" + modes[m] + ")");
      const policies::PolicyConfig config = policies::DefaultPolicyConfig(head);
      std::vector<EvaluationSummary> evals;
      for (int s = 0; s < seeds; ++s) {
        const TrainedPolicy t = TrainPolicy(config, demosData, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
        evals.push_back(EvaluateOn(t.policy, makeEnv, evalEpisodes, run.Seed(3), run.Threads(), run.Cancel()));
        if (s == 0) KeepPolicy(result, table.title, head, t.policy, makeEnv);
      }
      const EvaluationSummary pooled = Pool(evals);
      table.AddRow(head)
          .Rate("unsafe", ExtraRate(pooled, "unsafe", Positive))
          .Rate("wrong_quadrant", ExtraRate(pooled, "wrong_quadrant", Positive))
          .Rate("collision", pooled.collision)
          .Rate("success", pooled.success);
    }
    result.tables.push_back(table);
  }
  result.notes = {
      "scenario fast_slow (middle lane ends 110 m ahead; left lane 15 m/s traffic with a leader 14 m ahead, right lane "
      "25 m/s with a follower 14 m behind); observation keys: all",
      "demonstrations: targets mode " + std::to_string(quick ? 150 : 400) + " episodes, direct mode " +
          std::to_string(quick ? 40 : 150) + "; " + std::to_string(steps) + " Adam steps; " + std::to_string(seeds) +
          " training seed(s) pooled; " + std::to_string(evalEpisodes) + " held-out episodes per seed",
      "unsafe: collided or drove in the wrong quadrant (off-centre toward one side at the other side's speed)"};
  return result;
}

}  // namespace learning::imitation
