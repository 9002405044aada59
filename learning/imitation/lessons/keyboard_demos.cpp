// Lesson `keyboard_demos`: what a person at a keyboard gets from cloning their own driving. Demonstrations of the
// simulated keyboard driver (keyboard_driver.h: the expert's intention through a reaction delay, hesitations and
// pauses, turned into digital key taps through the app's ramps; its labels are its own key actions, as a person's
// are) against clean expert demonstrations of the same count, trained as the app's Train panel trains by default
// (the registry's head defaults, the default observation keys, 20 epochs and at least kDefaultMinSteps optimiser
// steps), evaluated on held-out episodes.
// Full run: highway, 20 episodes, mse and flow_matching, 3 training seeds × 100 episodes (≤ 5 min on 2 cores).
// Sweep (LessonOptions::sweep, `ildrive lesson keyboard_demos --sweep`, about an hour on 2 cores): highway,
// lane_choice and goal_arena × 5, 10, 20, 50 episodes × the two heads × both sources.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "core/error.h"
#include "learning/imitation/keyboard_driver.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/imitation/parallel_for.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace learning::imitation {

namespace {

struct Source {
  std::string name;  // "keyboard", "expert"
  DriverFactory drivers;
};

// One demonstration source, scenario, count and head, per training seed.
struct Arm {
  std::string scenario;
  const Source* source = nullptr;
  int episodes = 0;
  std::string head;
  std::vector<TrainedPolicy> trained;
  std::vector<EvaluationSummary> evals;
  double samples = 0.0;  // per demonstration set, mean over the seeds' sets
};

std::string Fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

// The Train panel's defaults (app/gui: TrainPanelState): 20 epochs, at least kDefaultMinSteps steps.
TrainOptions TrainPanelOptions() {
  TrainOptions o;
  o.epochs = 20;
  o.minSteps = kDefaultMinSteps;
  o.progressInterval = 1'000'000;
  return o;
}

}  // namespace

LessonResult KeyboardDemosLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const bool sweep = options.sweep && !quick;
  const std::vector<std::string> scenarios =
      sweep ? std::vector<std::string>{"highway", "lane_choice", "goal_arena"} : std::vector<std::string>{"highway"};
  const std::vector<int> counts = sweep ? std::vector<int>{5, 10, 20, 50} : std::vector<int>{20};
  const std::vector<std::string> heads =
      quick ? std::vector<std::string>{"mse"} : std::vector<std::string>{"mse", "flow_matching"};
  const std::vector<Source> sources = {
      {"keyboard", [](const sim::Env&) -> std::unique_ptr<sim::Driver> { return std::make_unique<KeyboardDriver>(); }},
      {"expert", ExpertDrivers()}};

  std::vector<Arm> arms;
  for (const std::string& scenario : scenarios)
    for (int count : counts)
      for (const std::string& head : heads)
        for (const Source& source : sources) arms.push_back({scenario, &source, count, head, {}, {}, 0.0});

  LessonRun run(options, static_cast<int>(scenarios.size() * sources.size()) + 1 + static_cast<int>(arms.size()) +
                             static_cast<int>(scenarios.size()) + 1);
  const int seeds = run.Seeds(1, 3);
  const int evalEpisodes = run.EvalEpisodes(30, 100);
  const uint64_t evalSeed = run.Seed(kSaltHeldOut);
  TrainOptions train = TrainPanelOptions();
  if (quick) train.minSteps = 3000;  // the quick run checks the pipeline, not the converged clone

  // One demonstration set per (scenario, source, count, training seed), shared by the heads.
  std::vector<std::vector<data::Dataset>> sets(arms.size());
  for (const std::string& scenario : scenarios) {
    const EnvFactory makeEnv = [scenario] { return sim::Env(sim::MakeScenario(scenario)); };
    for (const Source& source : sources) {
      run.Stage("record " + scenario + " " + source.name);
      for (size_t a = 0; a < arms.size(); ++a) {
        if (arms[a].scenario != scenario || arms[a].source != &source) continue;
        for (size_t b = 0; b < a && sets[a].empty(); ++b)
          if (arms[b].scenario == scenario && arms[b].source == &source && arms[b].episodes == arms[a].episodes)
            sets[a] = sets[b];
        // One demonstration stream per episode count (kSaltDemos + count), shared by the sources.
        const uint64_t salt = kSaltDemos + static_cast<uint64_t>(arms[a].episodes);
        for (int s = 0; sets[a].size() < static_cast<size_t>(seeds); ++s)
          sets[a].push_back(CollectDemos(makeEnv, source.drivers, arms[a].episodes, run.Seed(salt, s), run.Threads(),
                                         run.Cancel(), source.name));
        for (const data::Dataset& d : sets[a]) arms[a].samples += d.TotalSteps() / static_cast<double>(seeds);
      }
    }
  }

  // Each training runs on one core: all networks train side by side on the lesson's threads (results by index).
  const int jobs = static_cast<int>(arms.size()) * seeds;
  run.Stage("train " + std::to_string(jobs) + " networks");
  std::vector<TrainedPolicy> trained(static_cast<size_t>(jobs));
  ParallelFor(
      jobs, run.Threads(),
      [&](int /*worker*/, int j) {
        const size_t a = static_cast<size_t>(j / seeds);
        const int s = j % seeds;
        const data::Dataset& set = sets[a][static_cast<size_t>(s)];
        policies::PolicyConfig config = policies::DefaultPolicyConfig(arms[a].head);
        config.obsKeys = policies::DefaultObsKeys(set.envArgs.ObsDims());
        trained[static_cast<size_t>(j)] = TrainPolicy(config, set, train, run.Seed(kSaltTraining, s), run.Cancel());
      },
      run.Cancel());
  for (const TrainedPolicy& t : trained)
    if (t.policy == nullptr) throw core::Error("lesson cancelled while training");

  LessonResult result;
  std::vector<std::string> driverNotes;
  for (const std::string& scenario : scenarios) {
    const EnvFactory makeEnv = [scenario] { return sim::Env(sim::MakeScenario(scenario)); };
    LessonTable table{scenario + ": clones of keyboard vs clean expert demonstrations (Train panel defaults)", {}};
    for (size_t a = 0; a < arms.size(); ++a) {
      Arm& arm = arms[a];
      if (arm.scenario != scenario) continue;
      run.Stage("evaluate " + scenario + " " + arm.source->name + " " + std::to_string(arm.episodes) + " " + arm.head);
      for (int s = 0; s < seeds; ++s) {
        arm.trained.push_back(trained[a * static_cast<size_t>(seeds) + static_cast<size_t>(s)]);
        arm.evals.push_back(EvaluateDrivers(makeEnv, PolicyDrivers(arm.trained.back().policy), evalEpisodes,
                                            evalSeed, run));
      }
      const EvaluationSummary pooled = Pool(arm.evals);
      std::vector<double> perSeed;
      for (const EvaluationSummary& e : arm.evals) perSeed.push_back(e.success.rate);
      const std::string method = std::to_string(arm.episodes) + " " + arm.source->name + " episodes, " + arm.head;
      table.AddRow(method)
          .Value("samples", arm.samples, 0)
          .Rate("success", pooled.success)
          .Rate("collision", pooled.collision)
          .Value("worst_seed_success", *std::min_element(perSeed.begin(), perSeed.end()), 3)
          .Value("train_steps", static_cast<double>(arm.trained.front().train.steps), 0);
      KeepPolicy(result, table.title, method, arm.trained.front().policy, makeEnv);
    }
    run.Stage("evaluate the drivers on " + scenario);
    const EvaluationSummary keyboard = EvaluateDrivers(makeEnv, sources[0].drivers, evalEpisodes, evalSeed, run);
    const EvaluationSummary expert = EvaluateDrivers(makeEnv, sources[1].drivers, evalEpisodes, evalSeed, run);
    table.AddRow("the keyboard driver itself").Rate("success", keyboard.success).Rate("collision", keyboard.collision);
    table.AddRow("the expert itself").Rate("success", expert.success).Rate("collision", expert.collision);
    driverNotes.push_back(scenario + ": keyboard driver " + Fixed(keyboard.success.rate, 3) + ", expert " +
                          Fixed(expert.success.rate, 3));
    result.tables.push_back(table);
  }

  run.Stage("tables");
  result.statement =
      "Demonstrations from a keyboard — digital taps through the app's ramps, a reaction delay, hesitations, late "
      "releases — are not the clean expert's: the clone has to imitate the taps. Measured beside clean expert "
      "demonstrations of the same count, trained as the Train panel trains by default.";
  std::string trainNote = quick ? "quick: at least 3000 optimiser steps (the Train panel: 20000)"
                                : "Train panel defaults: the registry's head defaults, the default observation keys, "
                                  "20 epochs and at least " + std::to_string(kDefaultMinSteps) + " optimiser steps";
  result.notes = {
      std::to_string(seeds) + " training seed(s), each with its own demonstration set (seed s records the same "
          "episodes for both sources); samples per set; " + std::to_string(evalEpisodes) +
          " held-out episodes per trained policy, the same episodes for every row; success and collision pooled "
          "over the seeds (intervals treat episodes as independent), worst_seed_success the lowest seed",
      trainNote,
      "keyboard driver: learning/imitation/keyboard_driver.h defaults (press 0.2, release 0.05, Space below "
      "-0.8, late release 10% for 0.05-0.15 s; intention: reaction delay 0.2-0.4 s, hesitations 0.15/s, pauses "
      "0.05/s); its labels are its own key actions",
  };
  for (const std::string& note : driverNotes) result.notes.push_back("the drivers on the held-out episodes: " + note);
  return result;
}

}  // namespace learning::imitation
