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
// Each at two training budgets, because the budget decides the outcome: a short one (3000 / 4000 AdamW steps),
// where single-step clones are far from converged and chunked ones much less so, and a long one (24000 / 32000)
// where single-step clones level off in closed loop (docs/lessons.md, "Set-up measurements"). Clean
// demonstrations (noise-injected ones left single-step clones nothing to switch: see the same section); one
// demonstration set per training seed; 8/4 and 8 + ensembling share one trained network per seed, and the
// networks of all seeds train side by side on the lesson's threads.
#include <map>
#include <memory>

#include "core/error.h"
#include "core/rng.h"
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
    int perSource = 1 + seeds;  // the demonstrator, one demonstration set per seed
    for (const Budget& b : budgets) perSource += 1 + static_cast<int>(b.chunks.size()) * seeds;
    return static_cast<int>(sources.size()) * perSource;
  }
};

// The distinct chunk lengths H of `chunks`, each with the first variant that has it (the one trained).
std::vector<const ChunkVariant*> TrainedVariants(const std::vector<ChunkVariant>& chunks) {
  std::vector<const ChunkVariant*> out;
  for (const ChunkVariant& c : chunks) {
    bool seen = false;
    for (const ChunkVariant* t : out) seen |= t->chunk == c.chunk;
    if (!seen) out.push_back(&c);
  }
  return out;
}

// `saltBase` (0 for highway, 10 for lane_choice) keeps the two sweeps' demonstrations, training and evaluation
// on streams of their own.
void RunSweep(const Sweep& sweep, int seeds, int evalEpisodes, uint64_t saltBase, LessonRun& run,
              LessonResult& result, LessonTable& perSeed) {
  const uint64_t evalSeed = run.Seed(saltBase + kSaltHeldOut);
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
      const uint64_t demoSeed = run.Seed(saltBase + kSaltDemos, static_cast<int>(si) * 1000 + s);
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
      const std::string steps = ", " + std::to_string(budget.steps) + " steps";
      // Training runs on one core each: the networks of all seeds are trained side by side on the lesson's
      // threads (each result is kept by index, so it does not depend on the thread count).
      const std::vector<const ChunkVariant*> nets = TrainedVariants(budget.chunks);
      const int jobs = seeds * static_cast<int>(nets.size());
      run.Stage(sweep.scenario + ": train " + std::to_string(jobs) + " " + sweep.head + " networks on " +
                source.name + " demonstrations" + steps);
      std::vector<TrainedPolicy> trained(static_cast<size_t>(jobs));
      RunSideBySide(jobs, run, [&](int j) {
        const int s = j / static_cast<int>(nets.size());
        const ChunkVariant& c = *nets[static_cast<size_t>(j) % nets.size()];
        policies::PolicyConfig config = policies::DefaultPolicyConfig(sweep.head);
        config.decode = sweep.head == "mse" ? policies::DecodeKind::kMean : policies::DecodeKind::kSample;
        config.chunk = c.chunk;
        config.execute = c.execute;
        config.temporalEnsemble = c.ensemble;
        trained[static_cast<size_t>(j)] = TrainPolicy(config, demoSets[static_cast<size_t>(s)],
                                                      LessonTrainOptions(budget.steps),
                                                      run.Seed(saltBase + kSaltTraining, s), run.Cancel());
      });
      for (const TrainedPolicy& t : trained)
        if (t.policy == nullptr) throw core::Error("lesson cancelled while training");

      for (const ChunkVariant& c : budget.chunks) {
        const std::string method = sweep.head + " " + c.name + steps;
        std::vector<MeasuredRun> runs;
        std::vector<double> validLoss;
        for (int s = 0; s < seeds; ++s) {
          run.Stage(sweep.scenario + ": evaluate " + source.name + " " + method + " seed " + std::to_string(s));
          size_t n = 0;
          while (nets[n]->chunk != c.chunk) ++n;
          const TrainedPolicy& t = trained[static_cast<size_t>(s) * nets.size() + n];
          const std::shared_ptr<policies::Policy> policy =
              nets[n] == &c ? t.policy
                            // 8 + ensembling executes the 8/4 network another way: same weights and normaliser.
                            : std::make_shared<policies::Policy>(t.policy->CopyExecutedAs(c.execute, c.ensemble));
          runs.push_back(EvaluateSmoothness(sweep.makeEnv, PolicyDrivers(policy), evalEpisodes, evalSeed,
                                            run.Threads(), run.Cancel()));
          validLoss.push_back(t.train.validLoss);
          const std::string seedRow = table.title + ": " + method + " #" + std::to_string(s);
          sweep.outcome(perSeed.AddRow(seedRow), runs.back()).Value("valid_loss", validLoss.back(), 5);
          KeepPolicy(result, perSeed.title, seedRow, policy, sweep.makeEnv);
          if (s == 0) KeepPolicy(result, table.title, method, policy, sweep.makeEnv);  // the pooled row's
        }
        sweep.outcome(table.AddRow(method), PoolRuns(runs)).Mean("valid_loss", MeanOf(validLoss), 5);
      }
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
  highway.budgets = quick ? std::vector<Budget>{{3000, {single, short8, ensemble8}}}
                          : std::vector<Budget>{{24000, all}, {3000, {single, short8, ensemble8}}};
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
  laneChoice.budgets = quick ? std::vector<Budget>{{2000, {single}}}
                             : std::vector<Budget>{{32000, {single, short8, ensemble8}}, {4000, {single, short8, ensemble8}}};
  if (quick) laneChoice.sources.resize(1);
  laneChoice.demos = quick ? 100 : 200;
  laneChoice.outcome = AddModeOutcome;

  LessonRun run(options, highway.Stages(seeds) + laneChoice.Stages(seeds));
  LessonResult result;
  result.statement =
      "Whether action chunking helps depends on the training budget more than on the demonstrator: at a short "
      "budget chunked clones are far ahead of single-step ones for every demonstrator. Trained until single-step "
      "clones level off, chunks gain nothing with the scripted expert on highway and still help with human-like "
      "demonstrations there; on lane_choice they cost success with both demonstrators and bring side switches "
      "that the single-step clone no longer makes.";
  LessonTable perSeed{"each training seed", {}};
  RunSweep(highway, seeds, evalEpisodes, 0, run, result, perSeed);
  RunSweep(laneChoice, seeds, laneEpisodes, 10, run, result, perSeed);
  result.tables.push_back(perSeed);
  result.notes.insert(
      result.notes.begin(),
      {"direct control at 20 Hz; default observation keys (no controls); " + LessonTrainingNote() + "; " +
           std::to_string(seeds) + " training seed(s), each with "
       "its own demonstration set; " + std::to_string(evalEpisodes) + " (lane_choice " + std::to_string(laneEpisodes) +
           ") held-out episodes per policy, the same episodes for every row",
       "highway (defaults): " + std::to_string(highway.demos) + " demonstrations of 40 s per set; mse decoded "
       "by its mean",
       "lane_choice (defaults: tight window): " + std::to_string(laneChoice.demos) + " clean demonstrations per set; "
       "cvae sampled (temperature 1, a fresh latent per chunk)",
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
       "to beyond 1 m on the other before the car passes the obstacle (hysteresis: lane-keeping wiggle inside ±1 m "
       "never counts; the experts never switch)",
       "left_share_of_passes: share of the episodes that got past the obstacle which passed on the left (expert: "
       "0.5); per training seed it spreads widely in every row (each seed's clone favours its own side), which "
       "the pooled share hides",
       "valid_loss is each model's own loss on the validation episodes (chunked losses average over H steps, so "
       "they are not comparable across rows)"});
  return result;
}

}  // namespace learning::imitation
