// Lesson `noise_injection` (Laskey et al. 2017, DART): demonstrations recorded while noise is injected into the
// expert's executed actions (labels stay the clean expert action) show the expert recovering from small
// mistakes — exactly the states a cloned policy drifts into — at no extra labelling cost. Compared at the same
// number of demonstration episodes (samples listed): clean expert demos vs noisy-expert demos, with the noise
// scale and the share of 2-s segments it is injected in as the knobs. Key settings: `highway`, MSE head, MLP
// 128×2 on all keys but the previous action, few demonstrations (where covariate shift bites).
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace learning::imitation {

LessonResult NoiseInjectionLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  struct Variant {
    std::string name;
    bool noisy;
    sim::NoisyExpertDef noise;
  };
  std::vector<Variant> variants = {{"clean expert demos", false, {}},
                                   {"noisy demos (sigma 0.3, always)", true, {}}};
  if (!quick) {
    sim::NoisyExpertDef half;
    half.segmentProbability = 0.5;
    variants.push_back({"noisy demos (sigma 0.3, half the segments)", true, half});
    sim::NoisyExpertDef small;
    small.sigma = 0.15;
    variants.push_back({"noisy demos (sigma 0.15, always)", true, small});
  }
  LessonRun run(options, 2 * static_cast<int>(variants.size()));
  const int seeds = run.Seeds(1, 3);
  const int demos = quick ? 6 : 10;
  const int evalEpisodes = run.EvalEpisodes(30, 100);
  const long steps = quick ? 1500 : 4000;
  const EnvFactory makeEnv = [] { return sim::Env(sim::MakeScenario("highway")); };

  LessonResult result;
  result.statement =
      "Demonstrations with injected noise (clean labels) teach recoveries from the states a clone drifts into, "
      "for the same number of demonstrations.";
  LessonTable table{"", {}};
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  for (const Variant& v : variants) {
    run.Stage("record " + v.name);
    const DriverFactory drivers = v.noisy ? NoisyExpertDrivers(v.noise) : ExpertDrivers();
    data::Dataset demosData = CollectDemos(makeEnv, drivers, demos, run.Seed(1), run.Threads(), run.Cancel());
    run.Stage("train and evaluate " + v.name);
    std::vector<EvaluationSummary> evals;
    for (int s = 0; s < seeds; ++s) {
      const TrainedPolicy t = TrainPolicy(config, demosData, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
      evals.push_back(
          EvaluateOn(t.policy, makeEnv, evalEpisodes, run.Seed(3), run.Threads(), run.Cancel()));
      if (s == 0) KeepPolicy(result, table.title, v.name, t.policy, makeEnv);
    }
    AddRoadOutcome(table.AddRow(v.name).Value("samples", demosData.TotalSteps(), 0), Pool(evals));
  }
  result.tables.push_back(table);
  result.notes = {
      "scenario highway (4 lanes, 30 IDM/MOBIL cars, 40 s); " + std::to_string(demos) +
          " demonstration episodes per row (same seeds), labels = the clean expert action; the noise is OU "
          "(theta 1.5/s) on both action entries",
      std::to_string(steps) + " Adam steps, " + std::to_string(seeds) + " training seed(s) pooled, " +
          std::to_string(evalEpisodes) + " held-out episodes per seed; MSE head, MLP 128x2, default observation keys "
          "(all but controls)"};
  return result;
}

}  // namespace learning::imitation
