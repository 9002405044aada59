// Lesson `chunking` (Zhao et al. 2023, ACT: "Learning fine-grained bimanual manipulation with low-cost
// hardware"): predicting H future actions and executing h of them open loop, or averaging overlapping chunks
// (temporal ensembling), is meant to help with demonstrations that are not Markovian in the observation — human
// pauses and hesitations, which a single-step policy cannot predict from the current frame — and to keep a
// multimodal policy committed to one mode instead of switching between modes, at the price of reacting to the
// world only every h steps. The lesson sweeps H/h ∈ {1/1, 8/4, 16/10 (highway only), 8 + temporal ensembling} on
// the Markovian scripted expert and on human-like demonstrations (HumanLikeExpertDriver: reaction delay,
// hesitations, pauses) in two scenarios:
//  * highway, mse head decoded by its mean: success, collisions, smoothness (mean |Δsteer|, |Δaccel| per step);
//  * lane_choice (tight window), cvae head (ACT's) sampled, so one chunk is one coherent draw: success,
//    collisions, mode switches within an episode (the scenario's side_switches) and the side balance.
// Key settings: clean demonstrations (with the noise injection of the multimodal lesson, single-step bins and
// cvae clones switched sides in at most 1 of 200 episodes, measured, leaving nothing for chunks to fix); one
// demonstration set per training seed; 12000 AdamW steps on highway and 16000 on lane_choice, where single-step
// clones level off in closed loop (measured: at 3000 / 4000 steps they are far from it and chunked clones much
// less so, which made chunking look like a cure for any demonstrator; rows at that budget show it); 8/4 and
// 8 + ensembling share one trained network per seed.
#include <map>
#include <memory>

#include "core/error.h"
#include "core/rng.h"
#include "learning/data/batch.h"
#include "learning/imitation/collect_episodes.h"
#include "learning/imitation/human_like_driver.h"
#include "learning/imitation/lessons/chunking_measures.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lessons.h"
#include "learning/imitation/policy_driver.h"
#include "learning/policies/policy_registry.h"
#include "sim/scenarios/highway.h"
#include "sim/scenarios/lane_choice.h"

namespace learning::imitation {

namespace {

struct ChunkVariant {
  std::string name;
  int chunk = 1;
  int execute = 1;
  bool ensemble = false;
};

// `demos` successful episodes of `makeDriver` (rounds of `demos` episodes until enough have succeeded), as a
// human operator discards the takes that crashed; `recorded` returns how many episodes it took.
data::Dataset CollectSuccessfulDemos(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int demos,
                                     uint64_t seed, int threads, std::stop_token cancel, int& recorded) {
  std::vector<data::Episode> kept;
  recorded = 0;
  for (int round = 0; static_cast<int>(kept.size()) < demos; ++round) {
    if (round == 10) throw core::Error("chunking lesson: the demonstrator succeeded in too few episodes");
    CollectDef def;
    def.episodes = demos;
    def.seed = core::Rng(seed).Derive(static_cast<uint64_t>(round)).NextU64();
    def.threads = threads;
    std::vector<CollectedEpisode> collected = CollectEpisodes(makeEnv, makeDriver, def, {}, cancel);
    if (static_cast<int>(collected.size()) < demos) throw core::Error("lesson cancelled while recording");
    for (CollectedEpisode& c : collected) {
      ++recorded;
      if (c.result.metrics.success) kept.push_back(std::move(c.episode));
      if (static_cast<int>(kept.size()) == demos) break;
    }
  }
  return MakeDataset(makeEnv(), std::move(kept), 0.1, seed);
}

// The trained network of `trained` executed another way (temporal ensembling over the chunks an H/h policy was
// trained to predict): the executor is all that differs, so the weights are copied, and the normaliser is refitted
// on the same training features the trainer fitted it on (deterministic; checked equal).
std::shared_ptr<policies::Policy> ExecutedAs(const policies::Policy& trained, const data::Dataset& demos,
                                             const ChunkVariant& c) {
  policies::PolicyConfig config = trained.Config();
  config.execute = c.execute;
  config.temporalEnsemble = c.ensemble;
  auto copy = std::make_shared<policies::Policy>(config, demos.envArgs.ObsDims());
  copy->FitNormalizer(data::GatherBatch(demos, {config.obsKeys, config.history, config.chunk, data::Split::kTrain})
                          .features);
  ILD_CHECK(copy->GetNormalizer().Mean() == trained.GetNormalizer().Mean() &&
                copy->GetNormalizer().Std() == trained.GetNormalizer().Std(),
            "the refitted normaliser equals the trained policy's");
  copy->Params().CopyValuesFrom(trained.Params());
  return copy;
}

// One demonstration source; a training budget (steps) with the chunk variants trained at it; one scenario's sweep:
// every source × budget × chunk variant × training seed, on one head. Variants with the same H share one trained
// network per seed (8/4 and 8 + ensembling differ only in how its chunks are executed).
struct Source {
  std::string name;
  DriverFactory drivers;
  bool successesOnly = false;  // train on its successful episodes only
};

struct Budget {
  long steps = 0;
  std::vector<ChunkVariant> chunks;
  std::string suffix;           // appended to the row names (empty for the main budget)
  bool firstSourceOnly = false;
};

struct Sweep {
  std::string scenario;
  EnvFactory makeEnv;
  std::vector<Source> sources;
  std::string head;
  std::vector<Budget> budgets;
  int demos = 0;
  LessonRow& (*outcome)(LessonRow&, const MeasuredRun&) = nullptr;

  int Stages(int seeds) const {
    int stages = 0;
    for (size_t si = 0; si < sources.size(); ++si) {
      stages += 1 + seeds;  // the demonstrator, one demonstration set per seed
      for (const Budget& b : budgets)
        if (si == 0 || !b.firstSourceOnly) stages += static_cast<int>(b.chunks.size()) * seeds;
    }
    return stages;
  }
};

void RunSweep(const Sweep& sweep, int seeds, int evalEpisodes, uint64_t saltBase, LessonRun& run,
              LessonResult& result, LessonTable& perSeed) {
  const uint64_t evalSeed = run.Seed(saltBase + 3);
  for (size_t si = 0; si < sweep.sources.size(); ++si) {
    const Source& source = sweep.sources[si];
    LessonTable table{sweep.scenario + ": " + source.name + " demonstrations", {}};
    run.Stage(sweep.scenario + ": evaluate the " + source.name + " demonstrator");
    sweep.outcome(table.AddRow("demonstrator: " + source.name),
                  EvaluateSmoothness(sweep.makeEnv, source.drivers, evalEpisodes, evalSeed, run.Threads(),
                                     run.Cancel()));
    // Each training seed gets its own demonstration set, so the pooled rows span demonstration sets too (on
    // lane_choice one set alone moved a row by .4 in exploration).
    std::vector<data::Dataset> demoSets;
    int recorded = 0;
    for (int s = 0; s < seeds; ++s) {
      run.Stage(sweep.scenario + ": record " + std::to_string(sweep.demos) + " " + source.name + " episodes, set " +
                std::to_string(s));
      const uint64_t demoSeed = run.Seed(saltBase + 1, static_cast<int>(si) * 1000 + s);
      int taken = sweep.demos;
      demoSets.push_back(source.successesOnly
                             ? CollectSuccessfulDemos(sweep.makeEnv, source.drivers, sweep.demos, demoSeed,
                                                      run.Threads(), run.Cancel(), taken)
                             : CollectDemos(sweep.makeEnv, source.drivers, sweep.demos, demoSeed, run.Threads(),
                                            run.Cancel()));
      recorded += taken;
    }
    if (source.successesOnly)
      result.notes.push_back(sweep.scenario + ", " + source.name + ": the successful takes, " +
                             std::to_string(seeds * sweep.demos) + " of " + std::to_string(recorded) + " recorded");
    for (const Budget& budget : sweep.budgets) {
      if (si > 0 && budget.firstSourceOnly) continue;
      const size_t n = budget.chunks.size();
      std::vector<std::vector<MeasuredRun>> runs(n);
      std::vector<std::vector<double>> validLoss(n);
      for (int s = 0; s < seeds; ++s) {
        std::map<int, TrainedPolicy> trained;  // by H
        for (size_t ci = 0; ci < n; ++ci) {
          const ChunkVariant& c = budget.chunks[ci];
          const std::string method = sweep.head + " " + c.name + budget.suffix;
          run.Stage(sweep.scenario + ": " + source.name + " " + method + " seed " + std::to_string(s));
          auto it = trained.find(c.chunk);
          if (it == trained.end()) {
            policies::PolicyConfig config = policies::DefaultPolicyConfig(sweep.head);
            config.decode = sweep.head == "mse" ? "mean" : "sample";
            config.chunk = c.chunk;
            config.execute = c.execute;
            config.temporalEnsemble = c.ensemble;
            it = trained.emplace(c.chunk, TrainPolicy(config, demoSets[static_cast<size_t>(s)],
                                                      LessonTrainOptions(budget.steps), run.Seed(saltBase + 2, s),
                                                      run.Cancel()))
                     .first;
          }
          const policies::Policy& net = *it->second.policy;
          const bool same = net.Config().execute == c.execute && net.Config().temporalEnsemble == c.ensemble;
          const std::shared_ptr<policies::Policy> policy =
              same ? it->second.policy : ExecutedAs(net, demoSets[static_cast<size_t>(s)], c);
          runs[ci].push_back(EvaluateSmoothness(sweep.makeEnv, PolicyDrivers(policy), evalEpisodes, evalSeed,
                                                run.Threads(), run.Cancel()));
          validLoss[ci].push_back(it->second.train.validLoss);
          sweep.outcome(perSeed.AddRow(table.title + ": " + method + " #" + std::to_string(s)), runs[ci].back())
              .Value("valid_loss", validLoss[ci].back(), 5);
        }
      }
      for (size_t ci = 0; ci < n; ++ci)
        sweep.outcome(table.AddRow(sweep.head + " " + budget.chunks[ci].name + budget.suffix), PoolRuns(runs[ci]))
            .Mean("valid_loss", MeanOf(validLoss[ci]), 5);
    }
    result.tables.push_back(table);
  }
}

DriverFactory HumanLikeDrivers(const HumanLikeDef& def) {
  return [def](const sim::Env&) -> std::unique_ptr<sim::Driver> { return std::make_unique<HumanLikeExpertDriver>(def); };
}

}  // namespace

LessonResult ChunkingLesson(const LessonOptions& options) {
  const bool quick = options.quick;
  const ChunkVariant single{"H=1 h=1", 1, 1, false}, short8{"H=8 h=4", 8, 4, false},
      long16{"H=16 h=10", 16, 10, false}, ensemble8{"H=8 ensemble", 8, 1, true};
  const std::vector<ChunkVariant> all = {single, short8, long16, ensemble8};
  const int seeds = options.seeds > 0 ? options.seeds : (quick ? 1 : 3);
  const int evalEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 20 : 100);
  // lane_choice episodes are short (≈ 8 s): the quick run affords more of them for the switch rate.
  const int laneEpisodes = options.evalEpisodes > 0 ? options.evalEpisodes : (quick ? 40 : 100);
  const HumanLikeDef human;

  Sweep highway;
  highway.scenario = "highway";
  highway.makeEnv = FactoryOf([] { return sim::MakeHighway(sim::HighwayDef{}); });
  highway.sources = {{"scripted expert", ExpertDrivers(), false}, {"human-like", HumanLikeDrivers(human), false}};
  highway.head = "mse";
  highway.budgets = quick ? std::vector<Budget>{{3000, {single, short8, ensemble8}, "", false}}
                          : std::vector<Budget>{{12000, all, "", false}, {3000, {single, short8, ensemble8}, ", 3000 steps", true}};
  highway.demos = 100;
  highway.outcome = AddChunkOutcome;

  // Clean demonstrations (no noise injected): with the multimodal lesson's noisy-expert demonstrations the
  // single-step clones never switched sides (0 of 600 episodes, measured), leaving nothing for chunks to fix.
  // The human-like driver's reaction delay makes it overshoot the evasive lane change into the road edge in about
  // half of the episodes; as with recorded human driving, only its successful takes are kept.
  Sweep laneChoice;
  laneChoice.scenario = "lane_choice";
  laneChoice.makeEnv = FactoryOf([] { return sim::MakeLaneChoice(sim::LaneChoiceDef{}); });
  laneChoice.sources = {{"scripted expert", ExpertDrivers(), false},
                        {"human-like", HumanLikeDrivers(human), true}};
  laneChoice.head = "cvae";
  laneChoice.budgets = quick ? std::vector<Budget>{{2000, {single}, "", false}}
                             : std::vector<Budget>{{16000, {single, short8, ensemble8}, "", false},
                                                   {4000, {single, short8, ensemble8}, ", 4000 steps", true}};
  if (quick) laneChoice.sources.resize(1);
  laneChoice.demos = quick ? 100 : 200;
  laneChoice.outcome = AddModeOutcome;

  LessonRun run(options, highway.Stages(seeds) + laneChoice.Stages(seeds));
  LessonResult result;
  result.statement =
      "Action chunking pays where the demonstrations are not Markovian: with human-like demonstrations it lifts "
      "the highway clone and stops the lane_choice clone from switching sides. Trained to convergence on the "
      "Markovian scripted expert it gains nothing on highway and costs the lane_choice clone its timely reaction "
      "(temporal ensembling most). At a short training budget chunked clones are far ahead for any demonstrator.";
  LessonTable perSeed{"each training seed", {}};
  RunSweep(highway, seeds, evalEpisodes, 0, run, result, perSeed);
  RunSweep(laneChoice, seeds, laneEpisodes, 10, run, result, perSeed);
  result.tables.push_back(perSeed);
  result.notes.insert(
      result.notes.begin(),
      {"direct control at 20 Hz; default observation keys (no controls); AdamW, batch 256, cosine schedule, the "
       "weights with the best validation loss kept; " + std::to_string(seeds) + " training seed(s), each with "
       "its own demonstration set; " + std::to_string(evalEpisodes) + " (lane_choice " + std::to_string(laneEpisodes) +
           ") held-out episodes per policy, the same episodes for every row",
       "highway (defaults): " + std::to_string(highway.demos) + " demonstrations of 40 s per source; mse decoded "
       "by its mean",
       "lane_choice (defaults: tight window): " + std::to_string(laneChoice.demos) + " clean demonstrations per "
       "source; cvae sampled (temperature 1, a fresh latent per chunk)",
       "human-like: the expert's command delayed by 0.2-0.4 s (per episode), hesitations (hold the last command "
       "0.3-0.8 s, 0.15/s) and pauses (accel 0 for 0.5-1.5 s, 0.05/s); its actions are its labels. On "
       "lane_choice the delayed evasive lane change overshoots into the road edge in about half of its episodes; "
       "its clones learn from its successful takes only",
       "H=8 ensemble: the H=8 h=4 network predicting every step, overlapping chunks averaged with ACT's weights "
       "exp(-0.01 i), oldest first",
       "steer_change / accel_change: mean |a_t - a_(t-1)| of the executed command per control step (action units)",
       "switch_episodes: share of episodes with at least one side switch; side_switches: switches per episode. A "
       "switch (sim/scenarios/lane_choice.cpp): the car heads for one side, then the other — its lateral offset "
       "0.5 s ahead at its current lateral velocity goes from beyond 1 m on one side of the middle lane's centre "
       "to beyond 1 m on the other (hysteresis: lane-keeping wiggle inside ±1 m never counts; the experts never "
       "switch)",
       "left_share_of_passes: share of the episodes that got past the obstacle which passed on the left (expert: "
       "0.5)",
       "valid_loss is each model's own loss on the validation episodes (chunked losses average over H steps, so "
       "they are not comparable across rows)"});
  return result;
}

}  // namespace learning::imitation
