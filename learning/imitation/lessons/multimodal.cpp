// Lesson `multimodal` on `lane_choice`: the expert passes a blocking obstacle left or right, 50/50 per episode.
// A unimodal regression head (MSE, or a Gaussian decoded at its mean) averages the two modes into "straight on"
// and, when the decision window is tight, commits too late and hits the obstacle; heads that represent several
// modes (mixture, bins, CVAE, flow, flow matching), decoded by sampling, pick a side. With a loose window even
// MSE commits in time, and what shows instead is the loss of diversity: one side far more often than the other.
// Key settings: MLP 128×2 on the default observation keys, decode by sampling at temperature 1 (the registry
// default), MSE/Gaussian at their mean; 200 noisy-expert episodes (quick: 60; noise on the executed action, clean
// labels: without it every head also failed at keeping the new lane after the pass — covariate shift, not the
// lesson — bins 16%, CVAE 0% success vs 90% and 100% with it); flow matching trains twice as long (LESSONS.md).
#include <cmath>

#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/lane_choice.h"

namespace learning::imitation {

namespace {

void AddSides(LessonRow& row, const EvaluationSummary& s) {
  const std::vector<double> sides = ExtraValues(s, "side");
  int left = 0, passed = 0;
  for (double v : sides) {
    left += v > 0.5 ? 1 : 0;
    passed += std::abs(v) > 0.5 ? 1 : 0;
  }
  row.Rate("collision", s.collision).Rate("success", s.success).Rate("left_share_of_passes", WilsonInterval(left, passed));
}

std::string RowName(const std::string& head, const policies::PolicyConfig& config) {
  return head + (config.decode == "mean" ? " (mean)" : " (sampled)");
}

}  // namespace

LessonResult MultimodalLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const std::vector<std::string> heads =
      quick ? std::vector<std::string>{"mse", "bins"}
            : std::vector<std::string>{"mse", "gaussian", "gmm", "bins", "cvae", "flow", "flow_matching"};
  const std::vector<std::string> looseHeads = quick ? std::vector<std::string>{} : std::vector<std::string>{"mse", "bins"};
  LessonRun run(options, 2 + static_cast<int>(heads.size() + looseHeads.size()));
  const int seeds = run.Seeds(1, 3);
  const int demos = quick ? 60 : 200;
  const int evalEpisodes = run.EvalEpisodes(40, 100);
  const long steps = quick ? 1500 : 4000;

  LessonResult result;
  result.statement =
      "When the expert chooses between two ways round, a unimodal head averages them into the obstacle (tight "
      "window) or always picks the same side (loose window); multimodal heads sampled at test time keep both.";
  struct Window {
    std::string title;
    double decisionDistance;
    const std::vector<std::string>* heads;
  };
  const sim::LaneChoiceDef defaults;
  const std::vector<Window> windows = {
      {"tight decision window (expert commits " + std::to_string(static_cast<int>(defaults.decisionDistance)) +
           " m before the obstacle)",
       defaults.decisionDistance, &heads},
      {"loose decision window (expert commits 45 m before the obstacle)", 45.0, &looseHeads}};
  for (size_t w = 0; w < windows.size(); ++w) {
    if (windows[w].heads->empty()) continue;
    sim::LaneChoiceDef def;
    def.decisionDistance = windows[w].decisionDistance;
    const EnvFactory makeEnv = FactoryOf([def] { return sim::MakeLaneChoice(def); });
    run.Stage("record " + std::to_string(demos) + " noisy-expert episodes (" + windows[w].title + ")");
    const data::Dataset demosData =
        CollectDemos(makeEnv, NoisyExpertDrivers(), demos, run.Seed(1, static_cast<int>(w)), run.Threads(), run.Cancel(),
                     "noisy-expert");
    LessonTable table{windows[w].title, {}};
    for (const std::string& head : *windows[w].heads) {
      run.Stage("train and evaluate " + head);
      policies::PolicyConfig config = policies::DefaultPolicyConfig(head);
      if (head == "mse" || head == "gaussian") config.decode = "mean";
      const long headSteps = head == "flow_matching" ? 2 * steps : steps;
      std::vector<EvaluationSummary> evals;
      std::vector<double> validLoss;
      for (int s = 0; s < seeds; ++s) {
        const TrainedPolicy t = TrainPolicy(config, demosData, LessonTrainOptions(headSteps), run.Seed(2, s), run.Cancel());
        validLoss.push_back(t.train.validLoss);
        evals.push_back(EvaluateOn(t.policy, makeEnv, evalEpisodes, run.Seed(3), run.Threads(), run.Cancel()));
        if (s == 0) KeepPolicy(result, table.title, RowName(head, config), t.policy, makeEnv);
      }
      LessonRow& row = table.AddRow(RowName(head, config));
      AddSides(row, Pool(evals));
    }
    result.tables.push_back(table);
  }
  result.notes = {
      "scenario lane_choice (3 lanes, obstacle in the middle lane 110-130 m ahead, 20 m/s); default observation keys, the expert's commitment gap drawn "
      "per episode in [decisionDistance, +8 m]",
      std::to_string(demos) + " noisy-expert demonstrations (clean labels), " + std::to_string(steps) + " Adam steps (flow_matching " +
          std::to_string(2 * steps) + "), " + std::to_string(seeds) + " training seed(s) pooled, " +
          std::to_string(evalEpisodes) + " held-out episodes per seed",
      "left_share_of_passes: share of the episodes that got past the obstacle which passed on the left (expert: 0.5)"};
  return result;
}

}  // namespace learning::imitation
