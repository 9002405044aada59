// Batch gathering: key stacking, history padding at episode starts, future-label chunks, splits.
#include "learning/data/batch.h"

#include <doctest/doctest.h>

#include "core/error.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

TEST_CASE("one frame stacks the chosen keys in the order given, one column per step") {
  const Dataset dataset = testing::MakeTestDataset(3, 21);
  const Batch batch = GatherBatch(dataset, {.obsKeys = {"brake_indicator", "ego"}});
  REQUIRE(batch.features.rows() == 4);
  REQUIRE(batch.features.cols() == dataset.TotalSteps());
  CHECK(batch.frameDim == 4);
  Eigen::Index column = 0;
  for (int e = 0; e < 3; ++e) {
    const Episode& episode = dataset.episodes[static_cast<size_t>(e)];
    for (int t = 0; t < episode.Length(); ++t, ++column) {
      CHECK(batch.features(0, column) == episode.obs.at("brake_indicator")(0, t));
      CHECK(batch.features.block(1, column, 3, 1) == episode.obs.at("ego").col(t));
      CHECK(batch.labels.col(column) == episode.labels.col(t));
      CHECK(batch.episode[static_cast<size_t>(column)] == e);
      CHECK(batch.step[static_cast<size_t>(column)] == t);
    }
  }
}

TEST_CASE("history stacks the last n frames oldest first and repeats the first frame before the start") {
  const Dataset dataset = testing::MakeTestDataset(2, 22);
  constexpr int kHistory = 4;
  const Batch batch = GatherBatch(dataset, {.obsKeys = {"ego"}, .history = kHistory, .split = Split::kAll});
  REQUIRE(batch.features.rows() == 3 * kHistory);
  const Episode& second = dataset.episodes[1];
  const Eigen::Index start = dataset.episodes[0].Length();  // first column of the second episode
  for (int t = 0; t < 6; ++t) {
    for (int h = 0; h < kHistory; ++h) {
      const int frame = std::max(t - (kHistory - 1 - h), 0);  // row block h holds frame t-(n-1-h)
      CHECK(batch.features.block(3 * h, start + t, 3, 1) == second.obs.at("ego").col(frame));
    }
  }
  // At an episode's first step every frame is that step: nothing leaks from the previous episode.
  for (int h = 0; h < kHistory; ++h)
    CHECK(batch.features.block(3 * h, start, 3, 1) == second.obs.at("ego").col(0));
}

TEST_CASE("chunks hold future labels and repeat the last label past the end") {
  const Dataset dataset = testing::MakeTestDataset(1, 23);
  const Episode& episode = dataset.episodes[0];
  const int length = episode.Length();
  const Batch batch = GatherBatch(dataset, {.obsKeys = {"ego"}, .chunk = 3});
  REQUIRE(batch.labels.rows() == 6);
  CHECK(batch.labels.block(2, 0, 2, 1) == episode.labels.col(1));
  CHECK(batch.labels.block(4, 0, 2, 1) == episode.labels.col(2));
  CHECK(batch.labels.block(2, length - 1, 2, 1) == episode.labels.col(length - 1));
  CHECK(batch.labels.block(4, length - 2, 2, 1) == episode.labels.col(length - 1));
}

TEST_CASE("a split gathers only its episodes, bad keys and sizes are errors") {
  const Dataset dataset = testing::MakeTestDataset(8, 24);
  const Batch train = GatherBatch(dataset, {.obsKeys = {"ego"}, .split = Split::kTrain});
  const Batch valid = GatherBatch(dataset, {.obsKeys = {"ego"}, .split = Split::kValid});
  CHECK(train.features.cols() + valid.features.cols() == dataset.TotalSteps());
  for (int e : valid.episode) CHECK(std::find(dataset.valid.begin(), dataset.valid.end(), e) != dataset.valid.end());
  CHECK_THROWS_WITH_AS(GatherBatch(dataset, {.obsKeys = {"lidar"}}), doctest::Contains("brake_indicator, ego"),
                       core::Error);
  CHECK_THROWS_AS(GatherBatch(dataset, {.obsKeys = {"ego"}, .history = 0}), core::Error);
  CHECK_THROWS_AS(GatherBatch(dataset, {.obsKeys = {"ego"}, .chunk = 0}), core::Error);
}

}  // namespace
}  // namespace learning::data
