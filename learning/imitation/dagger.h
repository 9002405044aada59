#pragma once
// DAgger (Ross, Gordon & Bagnell 2011, "A reduction of imitation learning and structured prediction to no-regret
// online learning"): behaviour cloning only ever sees the expert's state distribution, so the learner's own
// mistakes take it to states it was never taught. DAgger rolls out the learner, has the expert label every state
// the learner visited, aggregates all labelled data and retrains. Iteration i drives with the mixture
// π_i = β_i·π* + (1 − β_i)·π̂_i (the expert is chosen with probability β_i at each control step); β schedules:
// constant, linear (β₀ → 0 at the last iteration) or exponential (β₀·decayⁱ). Key hyperparameters: iterations,
// on-policy episodes per iteration, the β schedule, and retraining from scratch or warm-started.
//
// Human-gated DAgger (Kelly et al. 2019, HG-DAgger): the learner drives and a gate hands control to the expert
// when the situation turns unsafe (here a scripted gate: time to collision with a vehicle ahead, lateral
// deviation from the lane centre, or disagreement with the expert above a threshold); the expert keeps control
// for at least `holdTime` and until the gate clears. Only the takeover segments are labelled and aggregated.
//
// Labels: by default the scripted expert labels every visited state. `labeller` (dagger_labeller.h) puts someone
// else in its place — a model of a person at the keys — who also drives the β share and the takeovers; with
// LabelSteps::kWhereActed the steps where it did not act are stored unlabelled (data::Episode::labelled) and not
// trained on, as the app stores a person's corrections.
//
// Iteration 0 is plain behaviour cloning on the initial expert demonstrations, so the per-iteration record
// starts with the BC baseline.
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "learning/imitation/dagger_drivers.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/statistics.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_config.h"

namespace learning::imitation {

enum class BetaSchedule { kConstant, kLinear, kExponential };
// "constant" | "linear" | "exponential"; core::Error otherwise.
BetaSchedule ParseBetaSchedule(const std::string& name);
const char* BetaScheduleName(BetaSchedule schedule);
// β for on-policy iteration `index` (0-based) of `count`.
double BetaAt(BetaSchedule schedule, double beta0, double decay, int index, int count);

struct DaggerDef {
  int iterations = 3;             // on-policy iterations after the initial BC (≥ 0)
  int episodesPerIteration = 20;  // on-policy episodes per iteration (≥ 1)
  int initialEpisodes = 20;       // expert demonstrations for iteration 0 (when no initial dataset is given)
  uint64_t seed = 0;              // demonstrations, rollouts, splits and training seeds derive from it
  BetaSchedule schedule = BetaSchedule::kConstant;
  double beta0 = 0.0;             // β of the first on-policy iteration, in [0, 1]
  double betaDecay = 0.5;         // exponential: β_i = β₀·decayⁱ
  bool warmStart = false;         // retrain from the previous weights (else from scratch, same init seed)
  TrainOptions train;             // every (re)training; warmStart above overrides train.warmStart
  double validFraction = 0.1;     // validation share of the aggregated episodes
  bool humanGated = false;        // HG-DAgger: the learner drives, the gate hands over, only takeovers labelled
  GateDef gate;
  LabellerFactory labeller;       // who labels (and drives the β share and the takeovers); empty: scripted expert
  LabelSteps labelSteps = LabelSteps::kWhereActed;  // which of the labeller's steps are labels (not HG-DAgger)
  int evalEpisodes = 0;           // > 0: evaluate each iteration's policy on held-out episodes
  uint64_t evalSeed = 1;          // base seed of those held-out episodes
  int threads = 1;                // rollouts and evaluation
};

struct DaggerIteration {
  int iteration = 0;            // 0 = BC on the initial demonstrations
  double beta = 1.0;            // probability that the expert drove a step of this iteration's rollouts
  int episodes = 0;             // rollouts collected this iteration
  long newSamples = 0;          // labelled steps added (steps the labeller did not label are stored, not counted)
  long totalSamples = 0;        // steps in the aggregated dataset
  double expertShare = 1.0;     // share of rollout steps the labeller drove (HG-DAgger: takeovers)
  double labelledShare = 1.0;   // share of rollout steps labelled (kWhereActed: where the labeller acted)
  double disagreement = 0.0;    // mean |π̂ − labeller| (both entries) over the rollout steps the learner was asked
  RateEstimate rolloutCollision;  // over this iteration's rollouts
  TrainResult train;            // the retraining that ends the iteration
  bool evaluated = false;
  RateEstimate success;         // held-out evaluation of the retrained policy (when evalEpisodes > 0)
  RateEstimate collision;
  double seconds = 0.0;         // [s] wall time of the iteration
};

struct DaggerResult {
  std::shared_ptr<policies::Policy> policy;  // the last retrained policy
  data::Dataset dataset;                     // everything aggregated
  std::vector<DaggerIteration> iterations;   // [0] is the BC baseline
  bool cancelled = false;
};

// Called after each iteration (including 0).
using DaggerProgress = std::function<void(const DaggerIteration&)>;

void ValidateDaggerDef(const DaggerDef& def);

// Runs DAgger on the environments `makeEnv` builds. `initial` (nullable) replaces the initial expert
// demonstrations (it must come from the same environment). core::Error for a bad def, config or dataset.
DaggerResult RunDagger(const EnvFactory& makeEnv, const policies::PolicyConfig& config, const DaggerDef& def,
                       const data::Dataset* initial = nullptr, const DaggerProgress& progress = {},
                       std::stop_token cancel = {});

}  // namespace learning::imitation
