// Lesson `pretrain_finetune`: a large but low-quality dataset (a noisy driver, its mistakes included: trained
// on the executed actions) and a small curated one (clean expert). Training on either alone is weak — the noisy
// data teaches the noise, the curated data is too little — while pre-training on the large set and fine-tuning
// on the small one (warm start, learning rate ×0.3, optionally the encoder frozen) combines broad state
// coverage with clean behaviour. Key settings: `highway`, MSE head, MLP 128×2.
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace learning::imitation {

LessonResult PretrainFinetuneLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  LessonRun run(options, 6);
  const int seeds = run.Seeds(1, 3);
  // Sizes where each part alone fails on highway (measured with the CLI: 20 curated demos 0/50, 150 noisy ones
  // trained on their executed actions 2/50, pre-train then fine-tune all weights 15/50).
  const int curated = quick ? 6 : 20;
  const int noisy = quick ? 30 : 150;
  const int evalEpisodes = run.EvalEpisodes(30, 100);
  const int epochs = quick ? 8 : 20;
  const EnvFactory makeEnv = [] { return sim::Env(sim::MakeScenario("highway")); };

  run.Stage("record " + std::to_string(curated) + " curated expert episodes");
  data::Dataset small = CollectDemos(makeEnv, ExpertDrivers(), curated, run.Seed(1), run.Threads(), run.Cancel());
  run.Stage("record " + std::to_string(noisy) + " noisy-driver episodes");
  sim::NoisyExpertDef noise;
  noise.sigma = 0.5;
  data::Dataset large = CollectDemos(
      makeEnv, NoisyExpertDrivers(noise), noisy, run.Seed(4), run.Threads(), run.Cancel(), "noisy-expert");

  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  TrainOptions base = LessonTrainOptions(0);
  base.epochs = epochs;
  base.evalInterval = 0;  // once per epoch
  base.progressInterval = 1000;
  TrainOptions noisyOptions = base;
  noisyOptions.labels = LabelSource::kActions;  // low quality: the executed (noisy) actions are the targets
  TrainOptions fineTune = FineTuneOptions(base, 0.3);
  TrainOptions fineTuneAll = fineTune;
  fineTuneAll.freezeEncoder = false;

  struct Row {
    std::string name;
    std::vector<EvaluationSummary> evals;
  };
  std::vector<Row> rows = {{"small curated only", {}},
                           {"large noisy only", {}},
                           {"pre-train noisy, fine-tune curated (frozen encoder)", {}},
                           {"pre-train noisy, fine-tune curated (all weights)", {}}};
  auto evaluate = [&](const std::shared_ptr<policies::Policy>& p) {
    return EvaluateOn(p, makeEnv, evalEpisodes, run.Seed(3), run.Threads(), run.Cancel());
  };
  run.Stage("train and evaluate small curated only");
  for (int s = 0; s < seeds; ++s)
    rows[0].evals.push_back(evaluate(TrainPolicy(config, small, base, run.Seed(2, s), run.Cancel()).policy));
  run.Stage("pre-train on the noisy data, evaluate");
  for (int s = 0; s < seeds; ++s) {
    const TrainedPolicy pre = TrainPolicy(config, large, noisyOptions, run.Seed(2, s), run.Cancel());
    rows[1].evals.push_back(evaluate(pre.policy));
    for (int variant = 0; variant < (quick ? 1 : 2); ++variant) {
      // Training is a function of (config, data, options): the same seed gives the same pre-trained weights.
      const std::shared_ptr<policies::Policy> tuned =
          variant == 0 ? pre.policy : TrainPolicy(config, large, noisyOptions, run.Seed(2, s), run.Cancel()).policy;
      TrainOptions o = variant == 0 ? fineTune : fineTuneAll;
      o.seed = run.Seed(5, s);
      TrainBehaviourCloning(*tuned, small, o, {}, run.Cancel());
      rows[2 + static_cast<size_t>(variant)].evals.push_back(evaluate(tuned));
    }
  }
  run.Stage("tables");
  LessonResult result;
  result.statement =
      "Pre-training on plentiful low-quality data and fine-tuning on a little curated data beats either alone.";
  LessonTable table{"", {}};
  for (const Row& r : rows) {
    if (r.evals.empty()) continue;
    AddRoadOutcome(table.AddRow(r.name), Pool(r.evals));
  }
  result.tables.push_back(table);
  result.notes = {
      "scenario highway; curated: " + std::to_string(curated) + " clean expert episodes (" +
          std::to_string(small.TotalSteps()) + " steps); noisy: " + std::to_string(noisy) + " episodes (" +
          std::to_string(large.TotalSteps()) + " steps) of the expert with OU noise sigma 0.5 on its executed "
          "actions, trained on those executed actions",
      "from scratch: " + std::to_string(epochs) + " epochs at 1e-3 (AdamW 0.1, cosine); fine-tuning: " +
          std::to_string(epochs) + " epochs of the curated data at 3e-4, warm start; " + std::to_string(seeds) + " training seed(s) pooled, " +
          std::to_string(evalEpisodes) + " held-out episodes per seed; MSE head, MLP 128x2, default observation keys (all but controls)"};
  return result;
}

}  // namespace learning::imitation
