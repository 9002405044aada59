// Policy::Explain: what the app's "What the policy believes" window shows, checked against the policy's own
// sampling and decoding.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "core/error.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"
#include "tests/policies/policy_test_util.h"

using namespace learning::policies;
using namespace learning::policies::testing;

namespace {

Policy SmallPolicy(const std::string& head) {
  PolicyConfig c = DefaultPolicyConfig(head);
  c.width = 32;
  c.seed = 7;
  Policy policy(c, ToyDims(3));
  core::Rng rng(3);
  Eigen::MatrixXf raw(3, 64);
  for (Eigen::Index i = 0; i < raw.size(); ++i) raw.data()[i] = static_cast<float>(rng.Normal());
  policy.FitNormalizer(raw);
  return policy;
}

Eigen::MatrixXf Observation() {
  Eigen::MatrixXf obs(3, 1);
  obs << 0.4f, -1.2f, 0.7f;
  return obs;
}

size_t ArgMax(const std::vector<float>& v) { return std::max_element(v.begin(), v.end()) - v.begin(); }

}  // namespace

TEST_CASE("Explain: every head gives N first actions in [-1, 1] and refuses a wrong shape") {
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    const Policy policy = SmallPolicy(entry.name);
    core::Rng rng(5);
    const ActionBelief b = policy.Explain(Observation(), 40, rng);
    CHECK(b.head == entry.name);
    REQUIRE(b.samples.rows() == 2);
    REQUIRE(b.samples.cols() == 40);
    CHECK(b.samples.allFinite());
    CHECK(b.samples.maxCoeff() <= 1.f);
    CHECK(b.samples.minCoeff() >= -1.f);
    core::Rng again(5);
    CHECK(policy.Explain(Observation(), 40, again).samples == b.samples);  // deterministic given the stream
    CHECK_THROWS_AS(policy.Explain(Eigen::MatrixXf(3, 2), 4, rng), core::Error);
    CHECK_THROWS_AS(policy.Explain(Eigen::MatrixXf(2, 1), 4, rng), core::Error);
  }
}

TEST_CASE("Explain: gaussian and gmm densities peak where the head's mean decode lands and hold at most unit mass") {
  for (const std::string& head : std::vector<std::string>{"gaussian", "gmm"}) {
    CAPTURE(head);
    const Policy policy = SmallPolicy(head);
    core::Rng rng(5);
    const ActionBelief b = policy.Explain(Observation(), 8, rng);
    REQUIRE(b.density.size == kBeliefGrid);
    const float cellArea = (2.f / kBeliefGrid) * (2.f / kBeliefGrid);
    const float mass = std::accumulate(b.density.values.begin(), b.density.values.end(), 0.f) * cellArea;
    CHECK(mass > 0.05f);
    CHECK(mass <= 1.01f);
    if (head == "gaussian") {  // one component: the peak cell holds the mean
      const Eigen::MatrixXf mean = policy.Sample(Observation(), rng, 1.0, true);
      const size_t peak = ArgMax(b.density.values);
      const float steer = -1.f + (static_cast<float>(peak % kBeliefGrid) + 0.5f) * 2.f / kBeliefGrid;
      const float accel = -1.f + (static_cast<float>(peak / kBeliefGrid) + 0.5f) * 2.f / kBeliefGrid;
      CHECK(std::abs(steer - mean(0, 0)) <= 2.f / kBeliefGrid);
      CHECK(std::abs(accel - mean(1, 0)) <= 2.f / kBeliefGrid);
    }
  }
}

TEST_CASE("Explain: bins give both marginals, ar_bins conditions accel on steer's most likely bin, as its argmax decode") {
  for (const std::string& head : std::vector<std::string>{"bins", "ar_bins"}) {
    CAPTURE(head);
    const Policy policy = SmallPolicy(head);
    core::Rng rng(5);
    const ActionBelief b = policy.Explain(Observation(), 8, rng);
    REQUIRE(b.marginals.size() == 2);
    CHECK(b.marginals[0].dimension == "steer");
    CHECK(b.marginals[1].dimension == "accel");
    const Eigen::MatrixXf decoded = policy.Sample(Observation(), rng, 1.0, true);  // argmax per dimension
    for (int d = 0; d < 2; ++d) {
      const BeliefMarginal& m = b.marginals[static_cast<size_t>(d)];
      REQUIRE(m.probabilities.size() == m.centres.size());
      CHECK(std::accumulate(m.probabilities.begin(), m.probabilities.end(), 0.f) == doctest::Approx(1.f).epsilon(1e-4));
      CHECK(m.centres[ArgMax(m.probabilities)] == doctest::Approx(decoded(d, 0)));
    }
    CHECK(b.marginals[1].condition.empty() == (head == "bins"));
  }
}

TEST_CASE("Explain: flow matching's Euler paths run from noise to exactly the samples shown") {
  const Policy policy = SmallPolicy("flow_matching");
  core::Rng rng(5);
  const ActionBelief b = policy.Explain(Observation(), 12, rng);
  REQUIRE(b.paths.size() == 12);
  CHECK_FALSE(b.pathsLabel.empty());
  for (size_t i = 0; i < b.paths.size(); ++i) {
    const BeliefPath& p = b.paths[i];
    REQUIRE(p.steer.size() == static_cast<size_t>(policy.Config().flowSteps + 1));
    REQUIRE(p.accel.size() == p.steer.size());
    CHECK(std::clamp(p.steer.back(), -1.f, 1.f) == doctest::Approx(b.samples(0, static_cast<Eigen::Index>(i))));
    CHECK(std::clamp(p.accel.back(), -1.f, 1.f) == doctest::Approx(b.samples(1, static_cast<Eigen::Index>(i))));
  }
}
