// The BC trainer on a small learnable dataset: it learns, it is deterministic, early stopping, cancel and
// non-finite detection work, label source and frozen encoder do what they say, and bad input is refused.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stop_token>

#include "core/error.h"
#include "learning/data/batch.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy_registry.h"
#include "tests/imitation/imitation_test_util.h"

using namespace learning;
using namespace learning::imitation;

namespace {

policies::PolicyConfig SmallConfig() {
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 32;
  config.seed = 3;
  return config;
}

policies::Policy MakePolicy(const data::Dataset& dataset, const policies::PolicyConfig& config = SmallConfig()) {
  return policies::Policy(config, dataset.envArgs.ObsDims());
}

TrainOptions FastOptions() {
  TrainOptions options;
  options.epochs = 8;
  options.batchSize = 64;
  options.learningRate = 3e-3;
  options.seed = 11;
  return options;
}

// Mean action of the policy (mean decode) over the dataset's observations.
Eigen::VectorXf MeanAction(const policies::Policy& policy, const data::Dataset& dataset) {
  const data::Batch batch = data::GatherBatch(dataset, data::BatchDef{policy.Config().obsKeys, 1, 1});
  core::Rng rng(0);
  return policy.Sample(batch.features, rng, 1.0, true).rowwise().mean();
}

}  // namespace

TEST_CASE("trainer: learns the toy mapping, reports progress and is bit-for-bit deterministic") {
  const data::Dataset dataset = testing::MakeToyDataset(24, 60, 1);
  policies::Policy a = MakePolicy(dataset);
  long lastStep = 0;
  int evaluations = 0;
  const TrainResult ra = TrainBehaviourCloning(a, dataset, FastOptions(), [&](const TrainProgress& p) {
    CHECK(p.step > lastStep);
    lastStep = p.step;
    evaluations += p.evaluated ? 1 : 0;
    CHECK(std::isfinite(p.trainLoss));
  });
  CHECK(ra.status == TrainStatus::kCompleted);
  CHECK(ra.epochs == 8);
  CHECK(ra.steps == 8 * (ra.trainSamples / 64));
  CHECK(evaluations == 8);
  REQUIRE(ra.curve.size() == 8);
  // Labels have variance ≈ 0.2 per dimension; a fitted policy gets far below that.
  CHECK(ra.bestValidLoss < 0.25 * ra.curve.front().validLoss);
  CHECK(ra.validLoss == ra.bestValidLoss);

  policies::Policy b = MakePolicy(dataset);
  const TrainResult rb = TrainBehaviourCloning(b, dataset, FastOptions());
  CHECK(rb.bestValidLoss == ra.bestValidLoss);
  CHECK((a.Params().FlatValues().array() == b.Params().FlatValues().array()).all());

  TrainOptions other = FastOptions();
  other.seed = 12;
  policies::Policy c = MakePolicy(dataset);
  TrainBehaviourCloning(c, dataset, other);
  CHECK_FALSE((a.Params().FlatValues().array() == c.Params().FlatValues().array()).all());
}

TEST_CASE("trainer: minSteps lengthens a short epoch budget and never shortens a long one") {
  const data::Dataset dataset = testing::MakeToyDataset(6, 60, 2);
  TrainOptions options = FastOptions();
  options.epochs = 2;
  options.minSteps = 50;
  policies::Policy small = MakePolicy(dataset);
  const TrainResult few = TrainBehaviourCloning(small, dataset, options);
  REQUIRE(2 * (few.trainSamples / 64) < 50);  // two epochs of this dataset are fewer steps
  CHECK(few.steps == 50);
  CHECK(few.epochs > 2);
  options.minSteps = 1;
  policies::Policy plain = MakePolicy(dataset);
  CHECK(TrainBehaviourCloning(plain, dataset, options).steps == 2 * (few.trainSamples / 64));
  options.minSteps = -1;
  CHECK_THROWS_WITH_AS(TrainBehaviourCloning(plain, dataset, options), doctest::Contains("minSteps"), core::Error);
}

TEST_CASE("trainer: early stopping keeps the best weights") {
  // Labels that do not depend on the observation: validation loss bottoms out almost at once.
  data::Dataset dataset = testing::MakeToyDataset(16, 40, 2);
  core::Rng noise(5);
  for (data::Episode& e : dataset.episodes)
    for (Eigen::Index t = 0; t < e.labels.cols(); ++t)
      for (Eigen::Index r = 0; r < 2; ++r) e.labels(r, t) = static_cast<float>(noise.Uniform(-1, 1));
  TrainOptions options = FastOptions();
  options.epochs = 200;
  options.patience = 2;
  options.learningRate = 1e-2;
  options.schedule = nn::ScheduleKind::kConstant;
  policies::Policy policy = MakePolicy(dataset);
  const TrainResult r = TrainBehaviourCloning(policy, dataset, options);
  CHECK(r.status == TrainStatus::kEarlyStopped);
  CHECK(r.epochs < 200);
  double best = std::numeric_limits<double>::infinity();
  for (const TrainPoint& p : r.curve) best = std::min(best, p.validLoss);
  CHECK(r.bestValidLoss == best);
  CHECK(r.keptStep == r.bestStep);
  CHECK(r.curve.back().step - r.bestStep == 2 * (r.trainSamples / 64));  // two epochs without improvement

  // The kept weights really are the best ones: training again to exactly bestStep gives them.
  TrainOptions toBest = options;
  toBest.patience = 0;
  toBest.steps = r.bestStep;
  policies::Policy again = MakePolicy(dataset);
  TrainBehaviourCloning(again, dataset, toBest);
  CHECK((again.Params().FlatValues().array() == policy.Params().FlatValues().array()).all());
}

TEST_CASE("trainer: cooperative cancel stops at the next step") {
  const data::Dataset dataset = testing::MakeToyDataset(16, 60, 3);
  TrainOptions options = FastOptions();
  options.progressInterval = 5;
  options.restoreBest = false;
  std::stop_source stop;
  policies::Policy policy = MakePolicy(dataset);
  const TrainResult r = TrainBehaviourCloning(
      policy, dataset, options,
      [&](const TrainProgress& p) {
        if (p.step >= 10) stop.request_stop();
      },
      stop.get_token());
  CHECK(r.status == TrainStatus::kCancelled);
  CHECK(r.steps == 10);
  CHECK(r.keptStep == 10);
  CHECK(policy.Params().FlatValues().allFinite());
}

TEST_CASE("trainer: a non-finite loss stops, names the step and keeps the last good weights") {
  const data::Dataset dataset = testing::MakeToyDataset(16, 60, 4);
  TrainOptions options = FastOptions();
  options.evalInterval = 10;
  options.progressInterval = 1;
  policies::Policy policy = MakePolicy(dataset);
  Eigen::VectorXf good;
  const TrainResult r = TrainBehaviourCloning(policy, dataset, options, [&](const TrainProgress& p) {
    if (p.step == 20) {  // right after the evaluation at step 20: remember, then poison one weight
      good = policy.Params().FlatValues();
      policy.Params().FlatValues()(0) = std::numeric_limits<float>::quiet_NaN();
    }
  });
  CHECK(r.status == TrainStatus::kNonFinite);
  CHECK(r.steps == 20);
  CHECK(r.keptStep == 20);
  CHECK(r.message.find("step 21") != std::string::npos);
  CHECK(r.message.find("step 20") != std::string::npos);
  REQUIRE(good.size() > 0);
  CHECK((policy.Params().FlatValues().array() == good.array()).all());

  // A diverging learning rate is caught the same way, and the weights never hold NaN.
  TrainOptions wild = FastOptions();
  wild.learningRate = 1e30;
  wild.schedule = nn::ScheduleKind::kConstant;
  wild.clipNorm = 0.0;
  policies::Policy diverged = MakePolicy(dataset);
  const TrainResult d = TrainBehaviourCloning(diverged, dataset, wild);
  CHECK(d.status == TrainStatus::kNonFinite);
  CHECK(d.message.find("step ") != std::string::npos);
  CHECK(diverged.Params().FlatValues().allFinite());
}

TEST_CASE("trainer: label source and frozen encoder") {
  const data::Dataset dataset = testing::MakeToyDataset(16, 60, 5, /*actionValue=*/0.5f);
  TrainOptions options = FastOptions();
  options.labels = LabelSource::kActions;  // executed actions: constant 0.5
  policies::Policy onActions = MakePolicy(dataset);
  TrainBehaviourCloning(onActions, dataset, options);
  const Eigen::VectorXf mean = MeanAction(onActions, dataset);
  CHECK(mean(0) == doctest::Approx(0.5).epsilon(0.05));
  CHECK(mean(1) == doctest::Approx(0.5).epsilon(0.05));

  // Fine-tuning on the labels: encoder tensors stay exactly as they were, the head moves.
  const Eigen::VectorXf before = onActions.Params().FlatValues();
  const TrainResult r = TrainBehaviourCloning(onActions, dataset, FineTuneOptions(FastOptions()));
  CHECK(r.status == TrainStatus::kCompleted);
  const nn::Parameters<float>& params = onActions.Params();
  int frozen = 0, moved = 0;
  for (int i = 0; i < params.Count(); ++i) {
    const auto old = before.segment(params.Offset(i), params.Value(i).size());
    const auto now = Eigen::Map<const Eigen::VectorXf>(params.Value(i).data(), params.Value(i).size());
    if (params.Name(i).rfind("encoder.", 0) == 0) {
      CHECK((old.array() == now.array()).all());
      ++frozen;
    } else {
      moved += (old.array() != now.array()).any() ? 1 : 0;
    }
  }
  CHECK(frozen > 0);
  CHECK(moved > 0);
}

TEST_CASE("trainer: bad input is refused before anything changes") {
  const data::Dataset dataset = testing::MakeToyDataset(8, 30, 6);
  // A policy expecting a key the dataset does not have.
  policies::Policy policy(SmallConfig(), policies::ObsDims{{"ego", 3}, {"lidar", 16}});
  const Eigen::VectorXf before = policy.Params().FlatValues();
  CHECK_THROWS_WITH_AS(TrainBehaviourCloning(policy, dataset, FastOptions()), doctest::Contains("lidar"), core::Error);
  // The message names the side that lacks it: the data, not "this environment".
  CHECK_THROWS_WITH_AS(TrainBehaviourCloning(policy, dataset, FastOptions()),
                       doctest::Contains("\"lidar\", which the training data"), core::Error);
  CHECK((policy.Params().FlatValues().array() == before.array()).all());
  // A key list naming a missing key fails at construction.
  policies::PolicyConfig config = SmallConfig();
  config.obsKeys = {"ego", "brake_indicator"};
  CHECK_THROWS_WITH_AS(MakePolicy(dataset, config), doctest::Contains("brake_indicator"), core::Error);
  // Bad options name the field.
  TrainOptions bad = FastOptions();
  bad.batchSize = 0;
  policies::Policy fine = MakePolicy(dataset);
  CHECK_THROWS_WITH_AS(TrainBehaviourCloning(fine, dataset, bad), doctest::Contains("batchSize"), core::Error);
}

TEST_CASE("trainer: unlabelled steps are not trained on") {
  // Every other step's label is garbage (-0.9, -0.9) and marked unlabelled, as a person's "approve by pressing
  // nothing" is: the clone must learn only the real labels' mapping, and count only their columns.
  data::Dataset dataset = testing::MakeToyDataset(16, 60, 8);
  long labelledTrain = 0;
  for (data::Episode& e : dataset.episodes)
    for (int t = 0; t < e.Length(); t += 2) {
      e.labels.col(t).setConstant(-0.9f);
      e.SetLabelled(t, false);
    }
  for (int index : dataset.train) labelledTrain += dataset.episodes[static_cast<size_t>(index)].LabelledSteps();
  TrainOptions options = FastOptions();
  options.steps = 600;
  policies::Policy masked = MakePolicy(dataset);
  const data::Batch real = data::GatherBatch(dataset, data::BatchDef{masked.Config().obsKeys, 1, 1});
  const auto errorOnRealLabels = [&](const policies::Policy& policy) {
    core::Rng rng(0);
    return (policy.Sample(real.features, rng, 1.0, true) - real.labels).cwiseAbs().mean();
  };
  const TrainResult r = TrainBehaviourCloning(masked, dataset, options);
  CHECK(r.trainSamples == labelledTrain);
  // Without the mask the garbage pulls every prediction halfway toward -0.9.
  data::Dataset unmasked = dataset;
  for (data::Episode& e : unmasked.episodes) e.labelled.clear();
  policies::Policy polluted = MakePolicy(unmasked);
  TrainBehaviourCloning(polluted, unmasked, options);
  MESSAGE("mean |error| on the real labels: masked " << errorOnRealLabels(masked) << ", unmasked "
                                                     << errorOnRealLabels(polluted));
  CHECK(errorOnRealLabels(masked) < 0.15f);
  CHECK(errorOnRealLabels(polluted) > 0.3f);

  // The executed actions are known at every step: training on them ignores the mask.
  TrainOptions onActions = FastOptions();
  onActions.labels = LabelSource::kActions;
  onActions.steps = 10;
  policies::Policy actions = MakePolicy(dataset);
  CHECK(TrainBehaviourCloning(actions, dataset, onActions).trainSamples > labelledTrain);

  // Nothing labelled: one clear error.
  for (data::Episode& e : dataset.episodes) e.labelled.assign(static_cast<size_t>(e.Length()), 0);
  policies::Policy none = MakePolicy(dataset);
  CHECK_THROWS_WITH_AS(TrainBehaviourCloning(none, dataset, options), doctest::Contains("no labelled steps"),
                       core::Error);
}
