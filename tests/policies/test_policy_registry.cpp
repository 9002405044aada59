#include <doctest/doctest.h>

#include <set>

#include "core/error.h"
#include "learning/policies/policy_registry.h"
#include "tests/policies/policy_test_util.h"

using namespace learning::policies;

TEST_CASE("PolicyRegistry: unique names, matching defaults, one-line descriptions, factories") {
  std::set<std::string> names;
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    CHECK(names.insert(entry.name).second);
    CHECK(entry.defaults.policy == entry.name);
    CHECK(entry.defaults.encoder == EncoderKind::kMlp);
    CHECK_FALSE(entry.description.empty());
    CHECK(entry.description.find('\n') == std::string::npos);
    CHECK(bool(entry.makeHead));
    CHECK(bool(entry.makeHeadDouble));
    CHECK_NOTHROW(ValidatePolicyConfig(entry.defaults, entry.name));
  }
  CHECK(names.contains("mse"));
  CHECK_THROWS_WITH_AS(FindPolicy("nope"), doctest::Contains("mse"), core::Error);
}

// ---- The lecture's toys, over the whole registry --------------------------------------------------------------

namespace {

using namespace learning::policies::testing;

bool Multimodal(const std::string& name) { return name != "mse" && name != "gaussian"; }

// One observation (a constant) and two equally likely demonstrated actions.
struct TwoModes {
  Eigen::MatrixXf obs;
  Eigen::MatrixXf actions;
};
// Even columns get (a0, a1), odd columns (b0, b1).
TwoModes MakeTwoModes(float a0, float a1, float b0, float b1, int n) {
  TwoModes toy{Eigen::MatrixXf::Ones(1, n), Eigen::MatrixXf(2, n)};
  for (int j = 0; j < n; ++j) {
    toy.actions(0, j) = j % 2 == 0 ? a0 : b0;
    toy.actions(1, j) = j % 2 == 0 ? a1 : b1;
  }
  return toy;
}

// The normaliser stays at identity: fitted on a constant it would map the one observation to 0, and the
// networks would learn through their biases alone.
Policy TrainOnToy(const std::string& name, const TwoModes& toy) {
  PolicyConfig c = DefaultPolicyConfig(name);
  c.width = 64;
  c.seed = 7;
  Policy policy(c, ToyDims(1));
  // The cvae's decoder needs longer to sharpen the boundary between the modes in z (measured: 1,000 steps
  // left 8-11% of prior samples between the modes, 2,000 steps 6-9%).
  const int steps = name == "cvae" ? 2000 : 1000;
  Train(policy, toy.obs, toy.actions, steps, 128, 3e-3, 11);
  return policy;
}

}  // namespace

TEST_CASE("Policies on two equally likely actions: unimodal heads average, multimodal heads keep both modes") {
  // −0.8 and +0.8 on the first dimension (the second is 0), the same observation every time.
  const TwoModes toy = MakeTwoModes(-0.8f, 0.f, 0.8f, 0.f, 512);
  const Eigen::MatrixXf probe = Eigen::MatrixXf::Ones(1, 1);
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    const Policy policy = TrainOnToy(entry.name, toy);
    core::Rng rng(3);
    if (!Multimodal(entry.name)) {
      const float predicted = policy.Sample(probe, rng, 1.0, /*mean=*/true)(0, 0);
      MESSAGE(entry.name << ": predicts " << predicted);
      CHECK(std::abs(predicted) < 0.15f);
      continue;
    }
    const Eigen::MatrixXf samples = policy.SampleMany(probe, 1000, rng);
    int left = 0, right = 0, middle = 0;
    for (int j = 0; j < samples.cols(); ++j) {
      const float a = samples(0, j);
      left += std::abs(a + 0.8f) < 0.25f;
      right += std::abs(a - 0.8f) < 0.25f;
      middle += std::abs(a) < 0.25f;
    }
    MESSAGE(entry.name << ": near -0.8 " << left / 10.0 << "%, near +0.8 " << right / 10.0 << "%, near 0 "
                       << middle / 10.0 << "%");
    CHECK(left >= 350);
    CHECK(right >= 350);
    CHECK(middle < 100);
  }
}

TEST_CASE("Covarying dimensions: independent bins mix the modes, autoregressive bins keep them joint") {
  // Two good joint actions (+,+) and (−,−); (+,−) and (−,+) were never demonstrated.
  const TwoModes toy = MakeTwoModes(0.8f, 0.8f, -0.8f, -0.8f, 512);
  const Eigen::MatrixXf probe = Eigen::MatrixXf::Ones(1, 1);
  for (const std::string name : {"bins", "ar_bins"}) {
    CAPTURE(name);
    const Policy policy = TrainOnToy(name, toy);
    core::Rng rng(4);
    const Eigen::MatrixXf samples = policy.SampleMany(probe, 1000, rng);
    int bad = 0;
    for (int j = 0; j < samples.cols(); ++j) bad += samples(0, j) * samples(1, j) < 0.f;
    MESSAGE(name << ": bad combinations " << bad / 10.0 << "%");
    if (name == "bins") {
      CHECK(bad > 350);
      CHECK(bad < 650);
    } else {
      CHECK(bad < 50);
    }
  }
}
