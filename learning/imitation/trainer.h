#pragma once
// Behaviour cloning (supervised learning of the demonstrator's actions, Pomerleau 1989): minimise the policy's
// loss (policies::Policy::Loss) on (observation history, action chunk) pairs of the training episodes with Adam
// or AdamW, a learning-rate schedule and gradient clipping; measure the same loss on the validation episodes
// once per epoch (or every `evalInterval` steps), stop early when it has not improved for `patience`
// evaluations, and keep the weights with the best validation loss. Key hyperparameters: epochs or steps,
// batch size, learning rate (+ schedule), weight decay, clip norm, patience.
//
// Data: the features of every labelled step of the split (data::Episode::labelled) are gathered once (learning/data/batch.h: `history` frames,
// padded at an episode's start; a chunk of H future labels, the last one repeated past the end), normalised
// once with statistics fitted on the training split, and sampled in minibatches through a permutation drawn
// from core::Rng each epoch. The result is a function of (policy config, dataset, options) only: the same
// seed gives bit-identical weights whatever the callbacks do with time.
//
// Used by the app (on a worker thread: progress through the callback, cooperative cancel through a
// std::stop_token), by `ildrive train`, DAgger and the lessons.
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "learning/data/dataset.h"
#include "learning/nn/schedule.h"
#include "learning/policies/policy.h"

namespace learning::imitation {

// Which per-step actions are the regression targets.
enum class LabelSource {
  kLabels,   // what the labeller said (`labels`): the clean expert action, also under injected noise
  kActions,  // what was executed (`actions`), known at every step: the `labelled` mask does not apply
};
// "labels" | "actions"; core::Error otherwise.
LabelSource ParseLabelSource(const std::string& name);
const char* LabelSourceName(LabelSource source);

struct TrainOptions {
  int epochs = 20;             // passes over the training split (used when steps == 0)
  long steps = 0;              // > 0: exactly this many optimiser steps instead of epochs
  long minSteps = 0;           // with epochs: at least this many optimiser steps. A clone of a few demonstrations
                               // needs far more passes than 20 (highway, 60 expert demos: 2–36% success after
                               // 20 epochs = 3300 steps, 83–94% after 24000 steps)
  int batchSize = 256;         // samples per step (the whole split when it is smaller)
  double learningRate = 1e-3;  // peak rate
  nn::ScheduleKind schedule = nn::ScheduleKind::kCosine;
  double finalLearningRate = 0.1;  // linear / cosine end at finalLearningRate · learningRate
  long warmupSteps = 0;
  double weightDecay = 0.1;    // > 0: AdamW (decoupled); 0.1 keeps highway clones from over-fitting traffic
                               // layouts (200 expert demos: 93–99% vs 76–100% by seed without)
  double clipNorm = 1.0;       // global gradient norm limit; 0 = no clipping
  int patience = 0;            // stop after this many evaluations without a better validation loss (0 = never)
  long evalInterval = 0;       // steps between validation evaluations (0 = once per epoch)
  bool restoreBest = true;     // end with the weights of the best validation loss (when there is a valid split)
  double validFraction = -1.0; // < 0: the dataset's own split (mask/train, mask/valid); ≥ 0: re-split the
                               // episodes with this validation share, drawn from `seed`
  LabelSource labels = LabelSource::kLabels;
  uint64_t seed = 0;           // shuffling, the head's training noise and (with validFraction ≥ 0) the split
  bool warmStart = false;      // continue from the policy's current weights and normaliser; otherwise the
                               // policy is re-initialised from its config and the normaliser refitted
  bool freezeEncoder = false;  // train only the head (tensors outside "encoder."); fine-tuning
  long progressInterval = 50;  // steps between progress callbacks (evaluations always report)
};

// The minimum training budget of `ildrive train` and the app's Train panel (TrainOptions::minSteps): the
// step count where single-step highway clones of 10–60 demonstrations level off (docs/lessons.md).
inline constexpr long kDefaultMinSteps = 20000;

// The training defaults of every user-facing training — `ildrive train`, each (re)training of `ildrive dagger`
// and the app's Train panel — in one place: TrainOptions' defaults (20 epochs, AdamW 0.1, cosine schedule from
// 1e-3, batch 256) with at least kDefaultMinSteps optimiser steps. (A DAgger that retrained with 2000 steps
// measured under-training: highway, 10 demonstrations, BC 0% at 2000 steps, 80% at 20000.)
TrainOptions DefaultTrainOptions();

// Fine-tuning a pre-trained policy on new data: warm start, frozen encoder and the rate scaled by `rateScale`.
TrainOptions FineTuneOptions(TrainOptions base, double rateScale = 0.1);

struct TrainProgress {
  long step = 0;            // optimiser steps done
  long totalSteps = 0;
  int epoch = 0;            // current epoch, from 1
  int epochs = 0;           // planned epochs (rounded up when training by steps)
  double trainLoss = 0.0;   // mean training loss since the previous callback
  double validLoss = 0.0;   // latest validation loss (NaN before the first evaluation or without a valid split)
  double bestValidLoss = 0.0;
  double learningRate = 0.0;
  double samplesPerSecond = 0.0;  // training throughput since the start (wall clock, for display only)
  bool evaluated = false;         // this callback follows a validation evaluation
};
using ProgressCallback = std::function<void(const TrainProgress&)>;

enum class TrainStatus {
  kCompleted,     // every planned step ran
  kEarlyStopped,  // the validation loss stopped improving (patience)
  kCancelled,     // the stop token was triggered
  kNonFinite,     // a loss or gradient was not finite; the weights are the last good checkpoint
};
const char* TrainStatusName(TrainStatus status);

struct TrainPoint {
  long step = 0;
  int epoch = 0;
  double trainLoss = 0.0;  // mean over the steps since the previous evaluation
  double validLoss = 0.0;  // NaN without a valid split
};

struct TrainResult {
  TrainStatus status = TrainStatus::kCompleted;
  std::string message;       // why training stopped (kNonFinite: names the step and the kept checkpoint)
  long steps = 0;            // optimiser steps done
  int epochs = 0;            // epochs started
  long trainSamples = 0;     // columns in the training split
  long validSamples = 0;
  double trainLoss = 0.0;    // mean over the last evaluation interval (of the weights as they moved)
  double keptTrainLoss = 0.0;  // of the weights the policy ends with, on the whole training split
  double validLoss = 0.0;    // of the weights the policy ends with (NaN without a valid split)
  double bestValidLoss = 0.0;
  long bestStep = 0;         // step of the best validation loss (the kept weights when restoreBest)
  long keptStep = 0;         // the step whose weights the policy ends with
  double seconds = 0.0;      // [s] wall time including data preparation
  double samplesPerSecond = 0.0;  // training samples processed per second of optimisation
  std::vector<TrainPoint> curve;  // one point per evaluation
};

// Trains `policy` on `dataset`. The policy's config (keys, history, chunk) selects the features; the dataset
// must provide every key with the policy's entry counts. core::Error for bad options, a missing key or an empty
// split (nothing is changed then). A non-finite loss or gradient ends training with kNonFinite and the last
// good weights (the latest evaluation with finite losses, or the start), never with NaN weights.
TrainResult TrainBehaviourCloning(policies::Policy& policy, const data::Dataset& dataset, const TrainOptions& options,
                                  const ProgressCallback& progress = {}, std::stop_token cancel = {});

// Checks option ranges (core::Error naming the field).
void ValidateTrainOptions(const TrainOptions& options);

}  // namespace learning::imitation
