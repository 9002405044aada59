// Recording demonstrations: files that hold exactly the episodes driven, per-seed determinism, a file that
// stays valid when recording stops early, and option errors before any work.
#include "learning/imitation/record_demos.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>

#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "sim/scenario_registry.h"
#include "tests/data/make_test_dataset.h"

namespace learning::imitation {
namespace {

RecordDef SmallRecording(const std::string& name, int episodes, uint64_t seed) {
  RecordDef def;
  def.outPath = data::testing::TestPath(name);
  def.episodes = episodes;
  def.seed = seed;
  def.validFraction = 0.25;
  return def;
}

TEST_CASE("a recording holds every episode with its derived seed, outcome and split") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  const RecordDef def = SmallRecording("record.h5", 4, 21);
  std::vector<int> reported;
  const RecordSummary summary =
      RecordDemos(env, expert, def, [&](const RecordProgress& p) { reported.push_back(p.episodesDone); });
  CHECK(reported == std::vector<int>{1, 2, 3, 4});
  const data::Dataset dataset = data::LoadDataset(def.outPath);
  REQUIRE(dataset.episodes.size() == 4);
  CHECK(summary.episodes == 4);
  CHECK(summary.steps == dataset.TotalSteps());
  int successes = 0;
  for (int i = 0; i < 4; ++i) {
    const data::Episode& episode = dataset.episodes[static_cast<size_t>(i)];
    CHECK(episode.seed == EpisodeSeed(21, i));
    CHECK(episode.source == "expert");
    successes += episode.success ? 1 : 0;
  }
  CHECK(successes == summary.successes);
  CHECK(dataset.valid.size() == 1);
  CHECK(dataset.train.size() == 3);
  CHECK(dataset.envArgs == EnvArgsFor(env));
  CHECK(summary.fileBytes > 0);
}

TEST_CASE("the same seed records the same file contents") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::NoisyExpertDriver noisy;
  RecordDef a = SmallRecording("same_a.h5", 2, 5);
  RecordDef b = SmallRecording("same_b.h5", 2, 5);
  a.source = b.source = "noisy-expert";
  RecordDemos(env, noisy, a, {});
  RecordDemos(env, noisy, b, {});
  const data::Dataset first = data::LoadDataset(a.outPath);
  const data::Dataset second = data::LoadDataset(b.outPath);
  REQUIRE(first.episodes.size() == 2);
  for (size_t i = 0; i < 2; ++i) CHECK(data::testing::SameEpisode(first.episodes[i], second.episodes[i]));
  CHECK(first.episodes[0].source == "noisy-expert");
}

TEST_CASE("a recording stopped after two episodes leaves a valid file with those two") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  const RecordDef def = SmallRecording("stopped.h5", 5, 8);
  CHECK_THROWS_AS(RecordDemos(env, expert, def,
                              [](const RecordProgress& p) {
                                if (p.episodesDone == 2) throw std::runtime_error("interrupted");
                              }),
                  std::runtime_error);
  const data::Dataset dataset = data::LoadDataset(def.outPath);
  REQUIRE(dataset.episodes.size() == 2);
  CHECK(dataset.episodes[1].seed == EpisodeSeed(8, 1));
}

TEST_CASE("bad settings and unwritable outputs are errors before any episode runs") {
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  int calls = 0;
  const auto count = [&](const RecordProgress&) { ++calls; };
  RecordDef def = SmallRecording("bad.h5", 0, 1);
  CHECK_THROWS_WITH_AS(RecordDemos(env, expert, def, count), doctest::Contains("--episodes"), core::Error);
  def = SmallRecording("bad.h5", 1, 1);
  def.validFraction = 1.0;
  CHECK_THROWS_WITH_AS(RecordDemos(env, expert, def, count), doctest::Contains("--valid-fraction"), core::Error);
  def = SmallRecording("bad.h5", 1, 1);
  def.outPath = "/nonexistent-ildrive-dir/demos.h5";
  CHECK_THROWS_WITH_AS(RecordDemos(env, expert, def, count), doctest::Contains("/nonexistent-ildrive-dir/demos.h5"),
                       core::Error);
  def.outPath = data::testing::TestPath("a_directory.h5");
  std::filesystem::create_directory(def.outPath);
  CHECK_THROWS_WITH_AS(RecordDemos(env, expert, def, count), doctest::Contains("is a directory"), core::Error);
  CHECK(calls == 0);
}

}  // namespace
}  // namespace learning::imitation
