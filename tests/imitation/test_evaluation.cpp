// Evaluation: any thread count gives identical results; held-out seeds differ from recording seeds; the summary
// aggregates with the interval functions; a policy on the wrong layout is refused before any episode.
#include <doctest/doctest.h>

#include <set>

#include "core/error.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/parallel_for.h"
#include "learning/policies/policy_registry.h"

using namespace learning;
using namespace learning::imitation;

namespace {

std::shared_ptr<const policies::Policy> UntrainedPolicy() {
  sim::Env env = sim::MakeEnv("highway");
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.width = 16;
  config.history = 2;
  config.encoder = policies::EncoderKind::kStack;
  config.seed = 4;
  policies::ObsDims dims;
  for (const auto& [key, names] : env.ObservationLayout()) dims[key] = static_cast<int>(names.size());
  return std::make_shared<const policies::Policy>(config, dims);
}

}  // namespace

TEST_CASE("evaluation: results are identical for 1 and 2 threads, in episode order") {
  const auto policy = UntrainedPolicy();
  EvaluationDef def;
  def.episodes = 5;
  def.seed = 77;
  def.maxSteps = 60;
  const EnvFactory makeEnv = [] { return sim::MakeEnv("highway"); };
  def.threads = 1;
  int calls = 0;
  const EvaluationSummary one = EvaluatePolicy(policy, makeEnv, def, -1.0, [&](int done, int total, const EpisodeResult&) {
    ++calls;
    CHECK(done == calls);
    CHECK(total == 5);
  });
  CHECK(calls == 5);
  def.threads = 2;
  const EvaluationSummary two = EvaluatePolicy(policy, makeEnv, def);
  REQUIRE(one.results.size() == 5);
  REQUIRE(two.results.size() == 5);
  for (size_t i = 0; i < 5; ++i) {
    CHECK(one.results[i].seed == HeldOutSeed(77, static_cast<int>(i)));
    CHECK(two.results[i].seed == one.results[i].seed);
    CHECK(two.results[i].length == one.results[i].length);
    CHECK(two.results[i].totalReward == one.results[i].totalReward);
    CHECK(two.results[i].metrics.progress == one.results[i].metrics.progress);
  }
  CHECK(two.success.successes == one.success.successes);
  CHECK(two.Metric("progress").mean == one.Metric("progress").mean);
  CHECK(one.scenario == "highway");
  CHECK(one.steps > 0);
}

TEST_CASE("evaluation: held-out seeds never coincide with recording seeds") {
  std::set<uint64_t> recorded;
  for (uint64_t base = 0; base < 4; ++base)
    for (int i = 0; i < 500; ++i) recorded.insert(EpisodeSeed(base, i));
  for (uint64_t base = 0; base < 4; ++base)
    for (int i = 0; i < 500; ++i) CHECK(recorded.count(HeldOutSeed(base, i)) == 0);
  CHECK(HeldOutSeed(1, 0) != HeldOutSeed(1, 1));
  CHECK(HeldOutSeed(1, 0) != HeldOutSeed(2, 0));
}

TEST_CASE("evaluation: the summary aggregates rates and metrics") {
  std::vector<EpisodeResult> results(4);
  const double progress[4] = {100, 200, 300, 400};
  for (int i = 0; i < 4; ++i) {
    results[static_cast<size_t>(i)].metrics.success = i < 3;
    results[static_cast<size_t>(i)].metrics.collision = i == 3;
    results[static_cast<size_t>(i)].metrics.progress = progress[i];
    results[static_cast<size_t>(i)].metrics.extra = {{"side", i % 2 == 0 ? 1.0 : -1.0}};
    results[static_cast<size_t>(i)].length = 10;
  }
  const EvaluationSummary s = Summarize("toy", results);
  CHECK(s.episodes == 4);
  CHECK(s.steps == 40);
  CHECK(s.success.rate == 0.75);
  CHECK(s.success.low == WilsonInterval(3, 4).low);
  CHECK(s.collision.successes == 1);
  CHECK(s.offRoad.successes == 0);
  CHECK(s.Metric("progress").mean == 250.0);
  CHECK(s.Metric("progress").halfWidth == MeanInterval(std::vector<double>{100, 200, 300, 400}).halfWidth);
  CHECK(s.Metric("side").mean == 0.0);
  CHECK_THROWS_AS(s.Metric("nope"), core::Error);
  const auto figures = SummaryFigures(s);
  auto find = [&](const std::string& name) {
    for (const auto& [n, v] : figures)
      if (n == name) return v;
    FAIL("missing figure " << name);
    return 0.0;
  };
  CHECK(find("episodes") == 4);
  CHECK(find("success_rate") == 0.75);
  CHECK(find("success_ci_low") == s.success.low);
  CHECK(find("success_ci_high") == s.success.high);
  CHECK(find("collision_rate") == 0.25);
  CHECK(find("side") == 0.0);
  CHECK(find("progress_ci_high") == s.Metric("progress").high);
}

TEST_CASE("evaluation: per-event metrics are weighted by their event count, episodes without events left out") {
  // Episode start delays (mean over its drive-offs, drive-offs): (2 s, 1), (0, 0: no drive-off), (4 s, 3).
  std::vector<EpisodeResult> results(3);
  const double delay[3] = {2.0, 0.0, 4.0}, count[3] = {1.0, 0.0, 3.0};
  for (size_t i = 0; i < 3; ++i) {
    results[i].metrics.extra = {{"drive_offs", count[i]}, {"mean_start_delay", delay[i]},
                                {"weight:mean_start_delay", count[i]}};
  }
  const EvaluationSummary s = Summarize("toy", results);
  CHECK(s.Metric("mean_start_delay").mean == doctest::Approx(3.5));  // (2 + 12) / 4 drive-offs
  CHECK(s.Metric("mean_start_delay").count == 2);
  CHECK(s.Metric("drive_offs").mean == doctest::Approx(4.0 / 3.0));  // a count stays a per-episode mean
  CHECK_THROWS_AS(s.Metric("weight:mean_start_delay"), core::Error);  // a weight is not a metric
}

TEST_CASE("evaluation: a policy of another layout is refused before any episode, errors propagate") {
  policies::PolicyConfig config = policies::DefaultPolicyConfig("mse");
  config.obsKeys = {"goal"};
  config.width = 8;
  auto policy = std::make_shared<const policies::Policy>(config, policies::ObsDims{{"goal", 3}});
  EvaluationDef def;
  def.episodes = 2;
  CHECK_THROWS_WITH_AS(EvaluatePolicy(policy, [] { return sim::MakeEnv("highway"); }, def),
                       doctest::Contains("goal"), core::Error);

  // The pool rethrows the first failure and visits every index exactly once otherwise.
  std::vector<int> visits(50, 0);
  ParallelFor(50, 2, [&](int, int index) { ++visits[static_cast<size_t>(index)]; });
  for (int v : visits) CHECK(v == 1);
  CHECK_THROWS_AS(ParallelFor(10, 2, [](int, int index) {
                    if (index == 3) throw core::Error("boom");
                  }),
                  core::Error);
}
