#include "learning/imitation/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <optional>

#include "core/error.h"
#include "core/rng.h"
#include "learning/data/batch.h"
#include "learning/nn/adam.h"
#include "learning/nn/grad_clip.h"

namespace learning::imitation {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr Eigen::Index kValidChunk = 4096;  // validation columns per forward pass (bounds the tape's memory)

// Child streams of the training seed, one per use.
enum TrainSalt : uint64_t { kSaltShuffle = 1, kSaltLossNoise = 2, kSaltValidNoise = 3, kSaltSplit = 4 };

struct SplitData {
  Eigen::MatrixXf obs;     // (InputDim, N) normalised
  Eigen::MatrixXf labels;  // (ActionDim, N)
  long Count() const { return static_cast<long>(obs.cols()); }
};

// The dataset training reads: the original, or a copy with executed actions as labels and/or a new split.
const data::Dataset& TrainingView(const data::Dataset& dataset, const TrainOptions& options,
                                  std::optional<data::Dataset>& copy) {
  if (options.labels == LabelSource::kLabels && options.validFraction < 0.0) return dataset;
  copy = dataset;
  if (options.labels == LabelSource::kActions)
    for (data::Episode& episode : copy->episodes) {
      episode.labels = episode.actions;
      episode.labelled.clear();  // what was executed is known at every step
    }
  if (options.validFraction >= 0.0)
    data::MakeSplit(*copy, options.validFraction, core::Rng(options.seed).Derive(kSaltSplit).NextU64());
  return *copy;
}

data::Batch Gather(const data::Dataset& dataset, const policies::PolicyConfig& config, data::Split split) {
  return data::GatherBatch(dataset, data::BatchDef{config.obsKeys, config.history, config.chunk, split});
}

// Indices of the tensors a frozen encoder keeps ("encoder." prefix).
std::vector<int> EncoderTensors(const nn::Parameters<float>& params) {
  std::vector<int> tensors;
  for (int i = 0; i < params.Count(); ++i)
    if (params.Name(i).rfind("encoder.", 0) == 0) tensors.push_back(i);
  return tensors;
}

// Mean loss over a whole split, in chunks, with a fixed noise stream so evaluations are comparable.
double SplitLoss(const policies::Policy& policy, const SplitData& split, nn::Tape<float>& tape, uint64_t noiseSeed) {
  core::Rng rng(noiseSeed);
  double sum = 0.0;
  for (Eigen::Index start = 0; start < split.obs.cols(); start += kValidChunk) {
    const Eigen::Index n = std::min(kValidChunk, split.obs.cols() - start);
    tape.Clear();
    const nn::Var<float> loss =
        policy.Loss(tape, split.obs.middleCols(start, n), split.labels.middleCols(start, n), rng);
    sum += static_cast<double>(loss.Item()) * static_cast<double>(n);
  }
  tape.Clear();
  return sum / static_cast<double>(split.obs.cols());
}

void Shuffle(std::vector<Eigen::Index>& order, core::Rng& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace

LabelSource ParseLabelSource(const std::string& name) {
  if (name == "labels") return LabelSource::kLabels;
  if (name == "actions") return LabelSource::kActions;
  throw core::Error("unknown label source \"" + name + "\" (expected labels or actions)");
}

const char* LabelSourceName(LabelSource source) { return source == LabelSource::kLabels ? "labels" : "actions"; }

const char* TrainStatusName(TrainStatus status) {
  switch (status) {
    case TrainStatus::kCompleted: return "completed";
    case TrainStatus::kEarlyStopped: return "early-stopped";
    case TrainStatus::kCancelled: return "cancelled";
    case TrainStatus::kNonFinite: return "non-finite";
  }
  return "?";
}

TrainOptions DefaultTrainOptions() {
  TrainOptions o;
  o.minSteps = kDefaultMinSteps;
  return o;
}

TrainOptions FineTuneOptions(TrainOptions base, double rateScale) {
  ILD_CHECK(rateScale > 0.0, "FineTuneOptions needs a positive rate scale");
  base.warmStart = true;
  base.freezeEncoder = true;
  base.learningRate *= rateScale;
  return base;
}

void ValidateTrainOptions(const TrainOptions& o) {
  auto require = [](bool ok, const std::string& what) {
    if (!ok) throw core::Error("training options: " + what);
  };
  require(o.epochs >= 1 || o.steps > 0, "epochs must be >= 1 (or steps > 0), got " + std::to_string(o.epochs));
  require(o.steps >= 0, "steps must be >= 0, got " + std::to_string(o.steps));
  require(o.minSteps >= 0, "minSteps must be >= 0, got " + std::to_string(o.minSteps));
  require(o.batchSize >= 1, "batchSize must be >= 1, got " + std::to_string(o.batchSize));
  require(std::isfinite(o.learningRate) && o.learningRate > 0.0, "learningRate must be > 0, got " + Number(o.learningRate));
  require(o.finalLearningRate >= 0.0 && o.finalLearningRate <= 1.0,
          "finalLearningRate (a fraction of learningRate) must be in [0, 1], got " + Number(o.finalLearningRate));
  require(o.warmupSteps >= 0, "warmupSteps must be >= 0");
  require(o.weightDecay >= 0.0 && std::isfinite(o.weightDecay), "weightDecay must be >= 0, got " + Number(o.weightDecay));
  require(o.clipNorm >= 0.0 && std::isfinite(o.clipNorm), "clipNorm must be >= 0 (0 = off), got " + Number(o.clipNorm));
  require(o.patience >= 0, "patience must be >= 0 (0 = off), got " + std::to_string(o.patience));
  require(o.evalInterval >= 0, "evalInterval must be >= 0 (0 = every epoch)");
  require(o.validFraction < 0.0 || o.validFraction < 1.0,
          "validFraction must be < 1 (negative = the dataset's split), got " + Number(o.validFraction));
  require(o.progressInterval >= 1, "progressInterval must be >= 1");
}

TrainResult TrainBehaviourCloning(policies::Policy& policy, const data::Dataset& dataset, const TrainOptions& options,
                                  const ProgressCallback& progress, std::stop_token cancel) {
  const Clock::time_point start = Clock::now();
  ValidateTrainOptions(options);
  const policies::ObsDims dims = dataset.envArgs.ObsDims();
  try {
    policy.CheckLayout(dims, "the training data (recorded in \"" + dataset.envArgs.scenario + "\")");
  } catch (const core::Error& e) {
    throw core::Error(std::string("cannot train: ") + e.what());
  }

  // ---- Data: gather once, normalise once ----
  std::optional<data::Dataset> copy;
  const data::Dataset& view = TrainingView(dataset, options, copy);
  const policies::PolicyConfig config = policy.Config();
  data::Batch train = Gather(view, config, data::Split::kTrain);
  data::Batch valid = Gather(view, config, data::Split::kValid);
  if (train.features.cols() == 0)
    throw core::Error("training data: the training split has no labelled steps");
  ILD_CHECK(train.features.rows() == policy.InputDim() && train.labels.rows() == policy.ActionDim(),
            "gathered features match the policy's input and action sizes");

  const long trainCount = static_cast<long>(train.features.cols());
  const long batchSize = std::min<long>(options.batchSize, trainCount);
  const long stepsPerEpoch = trainCount / batchSize;  // the remainder is left out (reshuffled every epoch)
  const long totalSteps =
      options.steps > 0 ? options.steps : std::max(options.epochs * stepsPerEpoch, options.minSteps);
  nn::LearningRateScheduleDef scheduleDef{options.schedule, options.learningRate,
                                          options.learningRate * options.finalLearningRate, options.warmupSteps,
                                          totalSteps};
  if (options.schedule != nn::ScheduleKind::kConstant && options.warmupSteps >= totalSteps)
    throw core::Error("training options: warmupSteps (" + std::to_string(options.warmupSteps) +
                      ") must be below the total steps (" + std::to_string(totalSteps) + ")");
  const nn::LearningRateSchedule schedule(scheduleDef);

  if (!options.warmStart) {
    policy = policies::Policy(config, dims);
    policy.FitNormalizer(train.features);
  }
  const std::vector<int> frozen = options.freezeEncoder ? EncoderTensors(policy.Params()) : std::vector<int>{};
  if (options.freezeEncoder && frozen.empty())
    throw core::Error("training options: freezeEncoder, but policy \"" + config.policy + "\" has no encoder tensors");
  // In place: a normalised copy beside the raw features would be a third copy of a big dataset's observations.
  policy.NormalizeInPlace(train.features);
  policy.NormalizeInPlace(valid.features);
  SplitData trainSplit{std::move(train.features), std::move(train.labels)};
  SplitData validSplit{std::move(valid.features), std::move(valid.labels)};
  train = {};
  valid = {};
  const bool hasValid = validSplit.Count() > 0;

  // ---- Optimisation ----
  nn::Parameters<float>& params = policy.Params();
  nn::Adam<float> adam(params, nn::AdamDef{options.learningRate, 0.9, 0.999, 1e-8, options.weightDecay});
  std::vector<Eigen::MatrixXf> frozenValues;
  for (int i : frozen) frozenValues.emplace_back(params.Value(i));

  const core::Rng seedRng(options.seed);
  core::Rng shuffleRng = seedRng.Derive(kSaltShuffle);
  core::Rng noiseRng = seedRng.Derive(kSaltLossNoise);
  const uint64_t validNoiseSeed = seedRng.Derive(kSaltValidNoise).NextU64();
  nn::Tape<float> tape;
  nn::Tape<float> evalTape;
  evalTape.SetGradEnabled(false);

  TrainResult result;
  result.trainSamples = trainCount;
  result.validSamples = validSplit.Count();
  result.bestValidLoss = kNaN;
  result.validLoss = kNaN;
  Eigen::VectorXf lastGood = params.FlatValues();
  long lastGoodStep = 0;
  Eigen::VectorXf best;
  int evaluationsSinceBest = 0;

  std::vector<Eigen::Index> order(static_cast<size_t>(trainCount));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Eigen::MatrixXf obsBatch(policy.InputDim(), batchSize);
  Eigen::MatrixXf labelBatch(policy.ActionDim(), batchSize);

  double intervalLossSum = 0.0, progressLossSum = 0.0;
  long intervalSteps = 0, progressSteps = 0;
  double optimiseSeconds = 0.0;
  const int plannedEpochs = static_cast<int>((totalSteps + stepsPerEpoch - 1) / stepsPerEpoch);

  auto report = [&](long step, int epoch, bool evaluated) {
    if (!progress) return;
    TrainProgress p;
    p.step = step;
    p.totalSteps = totalSteps;
    p.epoch = epoch;
    p.epochs = plannedEpochs;
    p.trainLoss = progressSteps > 0 ? progressLossSum / static_cast<double>(progressSteps) : kNaN;
    p.validLoss = result.curve.empty() ? kNaN : result.curve.back().validLoss;
    p.bestValidLoss = result.bestValidLoss;
    p.learningRate = schedule.At(std::max<long>(step - 1, 0));
    p.samplesPerSecond = optimiseSeconds > 0.0 ? static_cast<double>(step * batchSize) / optimiseSeconds : 0.0;
    p.evaluated = evaluated;
    progressLossSum = 0.0;
    progressSteps = 0;
    progress(p);
  };
  auto stopNonFinite = [&](long step, int epoch, const std::string& what) {
    params.FlatValues() = lastGood;
    result.status = TrainStatus::kNonFinite;
    result.keptStep = lastGoodStep;
    result.message = "training stopped at step " + std::to_string(step) + " (epoch " + std::to_string(epoch) +
                     "): " + what + "; kept the last good weights (step " + std::to_string(lastGoodStep) + ")";
  };

  long step = 0;
  int epoch = 0;
  bool stopped = false;
  while (step < totalSteps && !stopped) {
    if (cancel.stop_requested()) {
      result.status = TrainStatus::kCancelled;
      result.message = "cancelled at step " + std::to_string(step);
      break;
    }
    if (step % stepsPerEpoch == 0) {
      ++epoch;
      Shuffle(order, shuffleRng);
    }
    const Clock::time_point stepStart = Clock::now();
    const long first = (step % stepsPerEpoch) * batchSize;
    for (long j = 0; j < batchSize; ++j) {
      obsBatch.col(j) = trainSplit.obs.col(order[static_cast<size_t>(first + j)]);
      labelBatch.col(j) = trainSplit.labels.col(order[static_cast<size_t>(first + j)]);
    }
    tape.Clear();
    adam.ZeroGrad();
    double loss = kNaN;
    std::string failure;
    try {
      const nn::Var<float> lossVar = policy.Loss(tape, obsBatch, labelBatch, noiseRng);
      loss = lossVar.Item();
      tape.Backward(lossVar);
    } catch (const core::Error& e) {
      failure = e.what();  // shapes were checked above: the policy refused a non-finite loss
    }
    if (failure.empty() && !std::isfinite(loss)) failure = "the training loss is " + Number(loss);
    if (failure.empty()) {
      for (int i : frozen) params.Grad(i).setZero();
      const double norm = options.clipNorm > 0.0 ? nn::ClipGradNorm(params, options.clipNorm)
                                                 : nn::GlobalGradNorm(params);
      if (!std::isfinite(norm)) failure = "the gradient norm is " + Number(norm);
    }
    if (!failure.empty()) {
      stopNonFinite(step + 1, epoch, failure);
      stopped = true;
      break;
    }
    adam.Step(schedule.At(step));
    for (size_t k = 0; k < frozen.size(); ++k) params.Value(frozen[k]) = frozenValues[k];  // undo weight decay
    ++step;
    optimiseSeconds += std::chrono::duration<double>(Clock::now() - stepStart).count();
    intervalLossSum += loss;
    progressLossSum += loss;
    ++intervalSteps;
    ++progressSteps;

    const bool evaluate = options.evalInterval > 0 ? step % options.evalInterval == 0 || step == totalSteps
                                                   : step % stepsPerEpoch == 0 || step == totalSteps;
    if (evaluate) {
      TrainPoint point{step, epoch, intervalLossSum / static_cast<double>(intervalSteps), kNaN};
      intervalLossSum = 0.0;
      intervalSteps = 0;
      result.trainLoss = point.trainLoss;
      if (hasValid) {
        try {
          point.validLoss = SplitLoss(policy, validSplit, evalTape, validNoiseSeed);
        } catch (const core::Error&) {
          point.validLoss = kNaN;  // the policy refused a non-finite loss
        }
        if (!std::isfinite(point.validLoss)) {
          stopNonFinite(step, epoch, "the validation loss is not finite");
          stopped = true;
          break;
        }
        if (!(point.validLoss >= result.bestValidLoss)) {  // also true for the first (NaN best)
          result.bestValidLoss = point.validLoss;
          result.bestStep = step;
          best = params.FlatValues();
          evaluationsSinceBest = 0;
        } else {
          ++evaluationsSinceBest;
        }
      }
      lastGood = params.FlatValues();
      lastGoodStep = step;
      result.curve.push_back(point);
      report(step, epoch, true);
      if (options.patience > 0 && hasValid && evaluationsSinceBest >= options.patience) {
        result.status = TrainStatus::kEarlyStopped;
        result.message = "early stop at step " + std::to_string(step) + ": no better validation loss for " +
                         std::to_string(options.patience) + " evaluations";
        stopped = true;
      }
    } else if (step % options.progressInterval == 0) {
      report(step, epoch, false);
    }
  }

  result.steps = step;
  result.epochs = epoch;
  if (result.status != TrainStatus::kNonFinite) {
    result.keptStep = step;
    result.validLoss = result.curve.empty() || result.curve.back().step != step ? kNaN : result.curve.back().validLoss;
    if (options.restoreBest && best.size() > 0) {
      params.FlatValues() = best;
      result.keptStep = result.bestStep;
      result.validLoss = result.bestValidLoss;
    }
    if (result.status == TrainStatus::kCompleted)
      result.message = "completed " + std::to_string(step) + " steps (" + std::to_string(epoch) + " epochs)";
  } else if (hasValid && lastGoodStep > 0) {
    result.validLoss = result.curve.back().validLoss;  // lastGood is always the latest evaluation
  }
  // The kept weights' loss on the whole training split (trainLoss is a running mean over the last interval,
  // measured while the weights moved, and of other weights when the best ones are restored).
  try {
    result.keptTrainLoss = SplitLoss(policy, trainSplit, evalTape, validNoiseSeed);
  } catch (const core::Error&) {
    result.keptTrainLoss = kNaN;  // the policy refused a non-finite loss
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.samplesPerSecond = optimiseSeconds > 0.0 ? static_cast<double>(step * batchSize) / optimiseSeconds : 0.0;
  return result;
}

}  // namespace learning::imitation
