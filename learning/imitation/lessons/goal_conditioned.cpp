// Lesson `goal_conditioned` on `goal_arena`: the expert drives to the episode's goal spot, one of several drawn
// from the seed. Goal-conditioned behaviour cloning gives the policy the goal as an observation key (`goal`: dx,
// dy, bearing in the ego frame); the same policy without that key can only learn the average of the ways to the
// goals and reaches the right spot no more often than chance. Key settings: MSE head, MLP 128×2, keys
// {ego, goal, lidar} vs {ego, lidar}; 100 expert episodes (quick: 40).
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/goal_arena.h"

namespace learning::imitation {

LessonResult GoalConditionedLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  struct Variant {
    std::string name;
    std::vector<std::string> keys;
  };
  const std::vector<Variant> variants = {{"bc with goal key", {"ego", "goal", "lidar"}},
                                         {"bc without goal key", {"ego", "lidar"}}};
  LessonRun run(options, 1 + static_cast<int>(variants.size()));
  const int seeds = run.Seeds(1, 3);
  const int demos = quick ? 40 : 100;
  const int evalEpisodes = run.EvalEpisodes(30, 100);
  const long steps = quick ? 1500 : 4000;
  const sim::GoalArenaDef def;
  const EnvFactory makeEnv = FactoryOf([def] { return sim::MakeGoalArena(def); });

  run.Stage("record " + std::to_string(demos) + " expert episodes");
  const data::Dataset demosData = CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(1), run.Threads(), run.Cancel());
  LessonResult result;
  result.statement =
      "When the task varies per episode, the policy must be told which one: with the goal as an input, BC reaches "
      "the episode's goal; without it, the same policy cannot tell the goals apart.";
  LessonTable table{"", {}};
  for (const Variant& v : variants) {
    run.Stage("train and evaluate " + v.name);
    policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
    config.obsKeys = v.keys;
    std::vector<EvaluationSummary> evals;
    std::vector<double> validLoss;
    for (int s = 0; s < seeds; ++s) {
      const TrainedPolicy t = TrainPolicy(config, demosData, LessonTrainOptions(steps), run.Seed(2, s), run.Cancel());
      validLoss.push_back(t.train.validLoss);
      evals.push_back(EvaluateOn(t.policy, makeEnv, evalEpisodes, run.Seed(3), run.Threads(), run.Cancel()));
      if (s == 0) KeepPolicy(result, table.title, v.name, t.policy, makeEnv);
    }
    const EvaluationSummary pooled = Pool(evals);
    table.AddRow(v.name)
        .Rate("goal_reached", pooled.success)
        .Rate("collision", pooled.collision)
        .Mean("final_distance_m", MeanOf(ExtraValues(pooled, "final_distance")), 2)
        .Mean("valid_loss", MeanOf(validLoss), 5);
  }
  result.tables.push_back(table);
  result.notes = {
      "scenario goal_arena (60 m x 60 m walled lot, " + std::to_string(def.goalCount) +
          " goal spots on a ring, goal drawn per episode; success = inside the spot below " +
          std::to_string(static_cast<int>(def.goalSpeed)) + " m/s; chance level 1/" + std::to_string(def.goalCount) + ")",
      std::to_string(demos) + " expert demonstrations, " + std::to_string(steps) + " Adam steps, " +
          std::to_string(seeds) + " training seed(s) pooled, " + std::to_string(evalEpisodes) +
          " held-out episodes per seed; MSE head, MLP 128x2"};
  return result;
}

}  // namespace learning::imitation
