// Dataset operations: deterministic splits, filtering by source, concatenation, validation of masks.
#include "learning/data/dataset.h"

#include <doctest/doctest.h>

#include <set>

#include "core/error.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

using testing::MakeTestDataset;
using testing::SameEpisode;

TEST_CASE("a split is a deterministic partition with the requested validation share") {
  Dataset a = MakeTestDataset(20, 1);
  Dataset b = MakeTestDataset(20, 1);
  MakeSplit(a, 0.2, 99);
  MakeSplit(b, 0.2, 99);
  CHECK(a.train == b.train);
  CHECK(a.valid == b.valid);
  CHECK(a.valid.size() == 4);
  CHECK(a.train.size() == 16);
  std::set<int> all(a.train.begin(), a.train.end());
  all.insert(a.valid.begin(), a.valid.end());
  CHECK(all.size() == 20);
  CHECK(std::is_sorted(a.valid.begin(), a.valid.end()));

  bool anyDifferent = false;  // another seed picks other episodes
  for (uint64_t seed = 100; seed < 105; ++seed) {
    MakeSplit(b, 0.2, seed);
    anyDifferent = anyDifferent || b.valid != a.valid;
  }
  CHECK(anyDifferent);
}

TEST_CASE("a split keeps at least one training episode and allows no validation") {
  Dataset one = MakeTestDataset(1, 2);
  MakeSplit(one, 0.9, 5);
  CHECK(one.train == std::vector<int>{0});
  CHECK(one.valid.empty());
  Dataset none = MakeTestDataset(6, 2);
  MakeSplit(none, 0.0, 5);
  CHECK(none.train.size() == 6);
  CHECK(none.valid.empty());
}

TEST_CASE("filtering by source keeps the matching episodes in order with their split") {
  const Dataset dataset = MakeTestDataset(8, 4);  // even indices expert, odd human
  const Dataset human = FilterBySource(dataset, "human");
  REQUIRE(human.episodes.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(SameEpisode(human.episodes[i], dataset.episodes[2 * i + 1]));
  for (int index : human.valid) {
    const int original = 2 * index + 1;
    CHECK(std::find(dataset.valid.begin(), dataset.valid.end(), original) != dataset.valid.end());
  }
  CHECK(human.train.size() + human.valid.size() == 4);
  CHECK(FilterBySource(dataset, "dagger").episodes.empty());
}

TEST_CASE("concatenation shifts the second dataset's split and refuses other environments") {
  const Dataset first = MakeTestDataset(4, 6);
  const Dataset second = MakeTestDataset(3, 8);
  const Dataset joined = Concatenate(first, second);
  REQUIRE(joined.episodes.size() == 7);
  CHECK(SameEpisode(joined.episodes[5], second.episodes[1]));
  for (int index : second.train)
    CHECK(std::find(joined.train.begin(), joined.train.end(), index + 4) != joined.train.end());
  CHECK(joined.train.size() + joined.valid.size() == 7);
  joined.Validate("joined");

  CHECK(Concatenate(Dataset{}, second).episodes.size() == 3);  // aggregation can start from nothing

  Dataset other = MakeTestDataset(2, 9);
  other.envArgs.obsLayout["lidar"] = {"ray0", "ray1"};
  CHECK_THROWS_WITH_AS(Concatenate(first, other), doctest::Contains("observation layout"), core::Error);
  other = MakeTestDataset(2, 9);
  other.envArgs.scenario = "highway";
  CHECK_THROWS_WITH_AS(Concatenate(first, other), doctest::Contains("scenario"), core::Error);
}

TEST_CASE("validation catches split indices that are out of range or repeated") {
  Dataset dataset = MakeTestDataset(3, 10);
  dataset.train = {0, 1};
  dataset.valid = {1};
  CHECK_THROWS_WITH_AS(dataset.Validate("here"), doctest::Contains("demo_1 appears twice"), core::Error);
  dataset.valid = {3};
  CHECK_THROWS_WITH_AS(dataset.Validate("here"), doctest::Contains("does not exist"), core::Error);
  dataset.valid = {2};
  dataset.episodes[2].scenario = "elsewhere";
  CHECK_THROWS_WITH_AS(dataset.Validate("here"), doctest::Contains("demo_2: scenario"), core::Error);
}

}  // namespace
}  // namespace learning::data
