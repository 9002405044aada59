// Lesson `keyboard_dagger`: DAgger labels a person at the keys can give. Behaviour cloning from 20 episodes of the
// simulated keyboard driver (keyboard_driver.h), then DAgger iterations of 10 on-policy episodes (the learner
// drives every step, β = 0, as in the app), with the labels from
//   (a) the scripted expert, every step (the library's default);
//   (b) the keyboard person's keys on every step — the app before the `labelled` mask: approving the learner by
//       pressing nothing writes "steer 0, accel 0";
//   (c) the keys only where the person acted (a key held or released within the step), the other steps stored
//       unlabelled and left out of training;
//   (d) takeovers only (HG-DAgger): the person takes the wheel when they judge the car unsafe — what they can see:
//       a vehicle ahead in the lane closer than 1.5 s, or the car more than 1 m off its lane centre — and keeps it
//       at least 1 s and until that clears; only their driving is labelled.
// The person is keyboard_labeller.h: keys pressed against the car's applied controls. Trained as the Train panel
// trains by default (from scratch at each iteration), evaluated on held-out episodes after each iteration.
// Full run: highway, 1 training seed × 100 episodes, 3 iterations. Sweep (`--sweep`): highway (mse) and lane_choice
// (flow_matching), 3 training seeds × 100 episodes.
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/keyboard_driver.h"
#include "learning/imitation/keyboard_labeller.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/imitation/parallel_for.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenario_registry.h"

namespace learning::imitation {

namespace {

struct Labelling {
  std::string name;
  bool keyboard = false;  // else the scripted expert
  LabelSteps steps = LabelSteps::kEvery;
  bool takeover = false;  // HG-DAgger
};

struct Case {
  std::string scenario;
  std::string head;
};

}  // namespace

LessonResult KeyboardDaggerLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const bool sweep = options.sweep && !quick;
  std::vector<Case> cases = {{"highway", "mse"}};
  if (sweep) cases.push_back({"lane_choice", "flow_matching"});
  std::vector<Labelling> labellings = {{"(b) keys on every step", true, LabelSteps::kEvery, false},
                                       {"(c) keys only where acted", true, LabelSteps::kWhereActed, false}};
  if (!quick) {
    labellings.insert(labellings.begin(), {"(a) scripted expert", false, LabelSteps::kEvery, false});
    labellings.push_back({"(d) takeover only (HG-DAgger)", true, LabelSteps::kWhereActed, true});
  }
  const int initialEpisodes = 20;
  const int iterations = quick ? 1 : 3;
  const int perIteration = quick ? 3 : 10;

  LessonRun run(options, static_cast<int>(cases.size()) * 2 + 2);
  const int seeds = run.Seeds(1, sweep ? 3 : 1);
  const int evalEpisodes = run.EvalEpisodes(20, 100);
  const uint64_t evalSeed = run.Seed(kSaltHeldOut);

  TrainOptions train;  // the Train panel's defaults (app/gui: TrainPanelState)
  train.epochs = 20;
  train.minSteps = quick ? 1000 : kDefaultMinSteps;
  train.progressInterval = 1'000'000;

  // The keyboard demonstrations, one set per (case, training seed), shared by every labelling.
  std::vector<std::vector<data::Dataset>> initial(cases.size());
  for (size_t c = 0; c < cases.size(); ++c) {
    run.Stage("record " + std::to_string(initialEpisodes) + " keyboard episodes of " + cases[c].scenario);
    const EnvFactory makeEnv = [scenario = cases[c].scenario] { return sim::Env(sim::MakeScenario(scenario)); };
    const DriverFactory keyboard = [](const sim::Env&) -> std::unique_ptr<sim::Driver> {
      return std::make_unique<KeyboardDriver>();
    };
    for (int s = 0; s < seeds; ++s)
      initial[c].push_back(
          CollectDemos(makeEnv, keyboard, initialEpisodes, run.Seed(kSaltDemos, s), run.Threads(), run.Cancel(), "keyboard"));
  }

  // One DAgger run per (case, labelling, seed), each on one core, side by side on the lesson's threads.
  const int perCase = static_cast<int>(labellings.size()) * seeds;
  const int jobs = static_cast<int>(cases.size()) * perCase;
  run.Stage("dagger: " + std::to_string(jobs) + " runs of " + std::to_string(iterations + 1) + " trainings");
  std::vector<DaggerResult> results(static_cast<size_t>(jobs));
  ParallelFor(
      jobs, run.Threads(),
      [&](int /*worker*/, int j) {
        const size_t c = static_cast<size_t>(j / perCase);
        const Labelling& l = labellings[static_cast<size_t>((j % perCase) / seeds)];
        const int s = j % seeds;
        const EnvFactory makeEnv = [scenario = cases[c].scenario] { return sim::Env(sim::MakeScenario(scenario)); };
        const data::Dataset& demos = initial[c][static_cast<size_t>(s)];
        policies::PolicyConfig config = policies::DefaultPolicyConfig(cases[c].head);
        config.obsKeys = policies::DefaultObsKeys(demos.envArgs.ObsDims());
        DaggerDef def;
        def.iterations = iterations;
        def.episodesPerIteration = perIteration;
        def.seed = run.Seed(kSaltTraining, s);  // the same BC and rollout seeds for every labelling
        def.beta0 = 0.0;
        def.train = train;
        def.evalEpisodes = evalEpisodes;
        def.evalSeed = evalSeed;
        def.threads = 1;
        def.labelSteps = l.steps;
        if (l.keyboard) def.labeller = KeyboardLabellers();
        if (l.takeover) {
          def.humanGated = true;
          def.gate.timeToCollision = 1.5;
          def.gate.laneDeviation = 1.0;
          def.gate.holdTime = 1.0;
        }
        results[static_cast<size_t>(j)] = RunDagger(makeEnv, config, def, &demos, {}, run.Cancel());
      },
      run.Cancel());
  for (const DaggerResult& r : results)
    if (r.policy == nullptr || r.cancelled) throw core::Error("lesson cancelled while running DAgger");

  LessonResult result;
  for (size_t c = 0; c < cases.size(); ++c) {
    run.Stage("tables " + cases[c].scenario);
    const EnvFactory makeEnv = [scenario = cases[c].scenario] { return sim::Env(sim::MakeScenario(scenario)); };
    LessonTable table{cases[c].scenario + " (" + cases[c].head + "): BC from " + std::to_string(initialEpisodes) +
                          " keyboard episodes, then DAgger iterations of " + std::to_string(perIteration) +
                          " episodes, by labeller",
                      {}};
    for (size_t l = 0; l < labellings.size(); ++l) {
      for (int i = 0; i <= iterations; ++i) {
        if (i == 0 && l > 0) continue;  // iteration 0 is the same BC for every labelling
        std::vector<RateEstimate> success, collision;
        int won = 0, lost = 0, episodes = 0;
        double labelledShare = 0.0, newSamples = 0.0;
        for (int s = 0; s < seeds; ++s) {
          const DaggerIteration& it =
              results[c * static_cast<size_t>(perCase) + l * static_cast<size_t>(seeds) + static_cast<size_t>(s)]
                  .iterations.at(static_cast<size_t>(i));
          won += static_cast<int>(std::lround(it.success.rate * evalEpisodes));
          lost += static_cast<int>(std::lround(it.collision.rate * evalEpisodes));
          episodes += evalEpisodes;
          labelledShare += it.labelledShare / seeds;
          newSamples += static_cast<double>(it.newSamples) / seeds;
        }
        const std::string method =
            i == 0 ? "BC (" + std::to_string(initialEpisodes) + " keyboard episodes)"
                   : labellings[l].name + ", iteration " + std::to_string(i);
        LessonRow& row = table.AddRow(method)
                             .Rate("success", WilsonInterval(won, episodes))
                             .Rate("collision", WilsonInterval(lost, episodes));
        if (i > 0) row.Value("labelled_share", labelledShare, 3).Value("new_labels", newSamples, 0);
        const size_t first = c * static_cast<size_t>(perCase) + l * static_cast<size_t>(seeds);
        if (i == iterations || i == 0) KeepPolicy(result, table.title, method, results[first].policy, makeEnv);
      }
    }
    result.tables.push_back(table);
  }

  result.statement =
      "A person's DAgger labels: keys recorded on every step teach the learner to let go wherever the person "
      "approved by pressing nothing; keeping only the steps where they acted, or only their takeovers, keeps what "
      "they meant. Measured with the simulated keyboard driver as the person.";
  result.notes = {
      std::to_string(seeds) + " training seed(s), each with its own keyboard demonstrations; " +
          std::to_string(evalEpisodes) + " held-out episodes per policy and iteration, the same for every row; "
          "success and collision pooled over the seeds",
      "Train panel defaults (20 epochs, at least " + std::to_string(train.minSteps) +
          " optimiser steps), retrained from scratch each iteration on everything aggregated; beta 0",
      "labelled_share: share of the iteration's rollout steps with a label (the rest stored unlabelled); new_labels: "
      "labelled steps added per seed",
      "(d): gate = vehicle ahead in lane closer than 1.5 s or |lane offset| > 1 m, held at least 1 s"};
  if (quick) result.notes.push_back("quick: 1 iteration of 3 episodes, at least 1000 optimiser steps");
  return result;
}

}  // namespace learning::imitation
