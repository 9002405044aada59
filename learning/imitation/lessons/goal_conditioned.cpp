// Lesson `goal_conditioned` on `goal_arena`: the expert drives to the episode's goal spot, one of several drawn
// from the seed. Goal-conditioned behaviour cloning gives the policy the goal as an observation key (`goal`: dx,
// dy, bearing in the ego frame); the same policy without that key can only learn the average of the ways to the
// goals and reaches the right spot no more often than chance. Key settings: MSE head, MLP 128×2, keys
// {ego, goal, lidar} vs {ego, lidar}; 100 expert episodes per training seed (quick: 40); the budget curve is
// behind --sweep.
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
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 1 : 3);
  const int demos = quick ? 40 : 100;
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 30 : 100);
  // Full run: 10,000 steps, where the goal-key row levels off (--sweep, 3 seeds x 100: .38 at 2,000, .78 at 4,000,
  // 1.00 at 10,000, 20,000 and 40,000 steps; without the key .01-.07 at every budget).
  const long steps = quick ? 1500 : 10000;
  const sim::GoalArenaDef def;
  const EnvFactory makeEnv = FactoryOf([def] { return sim::MakeGoalArena(def); });
  const std::string mainTitle = std::to_string(steps) + " steps";

  std::vector<LessonArm> arms;
  auto add = [&](const std::string& table, const std::string& name, const Variant& v, long budget) {
    LessonArm a;
    a.table = table;
    a.name = name;
    a.config = policies::DefaultPolicyConfig("mse");
    a.config.obsKeys = v.keys;
    a.steps = budget;
    arms.push_back(std::move(a));
  };
  for (const Variant& v : variants)
    if (!options.sweep) add(mainTitle, v.name, v, steps);
  if (options.sweep)  // the budget curve of both rows
    for (long budget : {2000L, 4000L, 10000L, 20000L, 40000L})
      for (const Variant& v : variants)
        add("sweep: training budget", v.name + ", " + std::to_string(budget) + " steps", v, budget);

  LessonRun run(options, 3);
  run.Stage("record " + std::to_string(demos) + " expert episodes x " + std::to_string(seeds));
  std::vector<std::vector<data::Dataset>> sets(1);
  for (int s = 0; s < seeds; ++s)
    sets[0].push_back(CollectDemos(makeEnv, ExpertDrivers(), demos, run.Seed(kSaltDemos, s), run.Threads(), run.Cancel()));
  TrainAndEvaluate(arms, sets, {makeEnv}, seeds, evalEpisodes, run.Seed(kSaltHeldOut), run);

  run.Stage("tables");
  LessonResult result;
  result.statement =
      "When the task varies per episode, the policy must be told which one: with the goal as an input, BC reaches "
      "the episode's goal; without it, the same policy cannot tell the goals apart.";
  LessonTable perSeed{"each training seed", {}};
  auto addRow = [](LessonTable& table, const std::string& name, const EvaluationSummary& s) -> LessonRow& {
    return table.AddRow(name)
        .Rate("goal_reached", s.success)
        .Rate("collision", s.collision)
        .Mean("final_distance_m", MeanOf(ExtraValues(s, "final_distance")), 2);
  };
  for (const LessonArm& a : arms) {
    std::vector<double> validLoss;
    for (const TrainedPolicy& t : a.trained) validLoss.push_back(t.train.validLoss);
    LessonTable& table = TableNamed(result, a.table);
    addRow(table, a.name, Pool(a.evals)).Mean("valid_loss", MeanOf(validLoss), 5);
    KeepPolicy(result, table.title, a.name, a.trained[0].policy, makeEnv);
    if (a.steps != steps || quick) continue;
    for (int s = 0; s < seeds; ++s) {
      const std::string row = a.name + " #" + std::to_string(s);
      addRow(perSeed, row, a.evals[static_cast<size_t>(s)]).Value("valid_loss", validLoss[static_cast<size_t>(s)], 5);
      KeepPolicy(result, perSeed.title, row, a.trained[static_cast<size_t>(s)].policy, makeEnv);
    }
  }
  if (!perSeed.rows.empty()) result.tables.push_back(perSeed);
  result.notes = {
      "scenario goal_arena (60 m x 60 m walled lot, " + std::to_string(def.goalCount) +
          " goal spots on a ring, goal drawn per episode; success = inside the spot below " +
          std::to_string(static_cast<int>(def.goalSpeed)) + " m/s; chance level 1/" + std::to_string(def.goalCount) + ")",
      std::to_string(demos) + " expert demonstrations per training seed, " + std::to_string(steps) +
          " steps (" + LessonTrainingNote() + "), " + std::to_string(seeds) +
          " training seed(s) pooled, " + std::to_string(evalEpisodes) +
          " held-out episodes per seed, the same episodes for every row; MSE head, MLP 128x2"};
  return result;
}

}  // namespace learning::imitation
