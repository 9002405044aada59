// The diffusion head's own pieces: the cosine schedule, DDIM's timesteps, and what the number of sampling steps
// does on two equally likely actions (the generic registry tests cover gradients, fitting, save/load and the
// default sampler's two modes).
#include <doctest/doctest.h>

#include "core/error.h"
#include "learning/policies/diffusion_head.h"
#include "learning/policies/policy_registry.h"
#include "tests/policies/policy_test_util.h"

using namespace learning::policies;
using namespace learning::policies::testing;

TEST_CASE("Diffusion: the cosine schedule falls from 1 to almost pure noise, each beta capped") {
  const std::vector<double> alphaBar = CosineAlphaBars(100);
  REQUIRE(alphaBar.size() == 101);
  CHECK(alphaBar[0] == 1.0);
  for (int t = 1; t <= 100; ++t) {
    CHECK(alphaBar[t] < alphaBar[t - 1]);
    CHECK(1.0 - alphaBar[t] / alphaBar[t - 1] <= 0.999 + 1e-12);
  }
  CHECK(alphaBar[1] > 0.999);   // the first level barely noises the action
  CHECK(alphaBar[100] < 1e-3);  // the last is (almost) pure noise
  CHECK(alphaBar[50] == doctest::Approx(0.5).epsilon(0.05));  // the cosine schedule's midpoint
}

TEST_CASE("Diffusion: DDIM's K timesteps descend evenly from T, distinct for every K <= T") {
  CHECK(DdimTimesteps(100, 10) == std::vector<int>{100, 90, 80, 70, 60, 50, 40, 30, 20, 10});
  CHECK(DdimTimesteps(100, 1) == std::vector<int>{100});
  for (int T : {2, 7, 100})
    for (int K = 1; K <= T; ++K) {
      const std::vector<int> steps = DdimTimesteps(T, K);
      REQUIRE(static_cast<int>(steps.size()) == K);
      CHECK(steps.front() == T);
      CHECK(steps.back() >= 1);
      for (int i = 1; i < K; ++i) CHECK(steps[i] < steps[i - 1]);
    }
  CHECK_THROWS_WITH_AS(DdimTimesteps(10, 11), doctest::Contains("K = 11"), core::Error);
  CHECK_THROWS_WITH_AS(DdimTimesteps(10, 0), doctest::Contains("K = 0"), core::Error);
}

namespace {

struct ModeShares {
  int left = 0, right = 0, middle = 0;
};

ModeShares Shares(const Eigen::MatrixXf& samples) {
  ModeShares s;
  for (int j = 0; j < samples.cols(); ++j) {
    const float a = samples(0, j);
    s.left += std::abs(a + 0.8f) < 0.25f;
    s.right += std::abs(a - 0.8f) < 0.25f;
    s.middle += std::abs(a) < 0.25f;
  }
  return s;
}

}  // namespace

TEST_CASE("Diffusion on two equally likely actions: DDPM and DDIM keep both modes") {
  // −0.8 and +0.8 on the first dimension, the same observation every time (as the registry's toy).
  const int n = 512;
  Eigen::MatrixXf obs = Eigen::MatrixXf::Ones(1, n), actions = Eigen::MatrixXf::Zero(2, n);
  for (int j = 0; j < n; ++j) actions(0, j) = j % 2 == 0 ? -0.8f : 0.8f;
  PolicyConfig c = DefaultPolicyConfig("diffusion");
  c.width = 64;
  c.seed = 7;
  Policy policy(c, ToyDims(1));
  Train(policy, obs, actions, 1000, 128, 3e-3, 11);
  const Eigen::MatrixXf probe = Eigen::MatrixXf::Ones(1, 1);

  // Measured here (not asserted): fewer DDIM steps tilt the balance of the modes, since the first step, at
  // ᾱ_T ≈ 2e-7, divides the network's error in ε by √ᾱ_T and lands x̂0 on the clip (K = 1: 87% / 13%).
  for (const auto& [sampler, k] :
       std::vector<std::pair<std::string, int>>{{"ddpm", 0}, {"ddim", 10}, {"ddim", 5}, {"ddim", 1}}) {
    CAPTURE(sampler);
    CAPTURE(k);
    core::Rng rng(3);
    const ModeShares s = Shares(policy.CopyWithSampling(k, sampler).SampleMany(probe, 1000, rng));
    MESSAGE(sampler << " K=" << k << ": near -0.8 " << s.left / 10.0 << "%, near +0.8 " << s.right / 10.0
                    << "%, near 0 " << s.middle / 10.0 << "%");
    if (k == 0 || k == c.ddimSteps) {  // the two samplers at their defaults
      CHECK(s.left >= 350);
      CHECK(s.right >= 350);
      CHECK(s.middle < 100);
    }
  }
}

TEST_CASE("Policy::CopyWithSampling: K and the sampler are acting options of flow_matching and diffusion only") {
  PolicyConfig c = DefaultPolicyConfig("diffusion");
  c.width = 8;
  const Policy diffusion(c, ToyDims(2));
  const Policy ddpm = diffusion.CopyWithSampling(0, "ddpm");
  CHECK(ddpm.Config().diffusionSampler == "ddpm");
  CHECK(ddpm.Config().ddimSteps == c.ddimSteps);
  CHECK(diffusion.CopyWithSampling(20, "").Config().ddimSteps == 20);
  CHECK_THROWS_WITH_AS(diffusion.CopyWithSampling(101, ""), doctest::Contains("ddimSteps K = 101"), core::Error);
  CHECK_THROWS_WITH_AS(diffusion.CopyWithSampling(0, "heun"), doctest::Contains("heun"), core::Error);
  // Same weights, same seed: identical actions; only the sampling changed.
  const Eigen::MatrixXf obs = Eigen::MatrixXf::Ones(2, 3);
  core::Rng a(5), b(5);
  CHECK(diffusion.CopyWithSampling(0, "").Act(obs, a) == diffusion.Act(obs, b));

  PolicyConfig f = DefaultPolicyConfig("flow_matching");
  f.width = 8;
  CHECK(Policy(f, ToyDims(2)).CopyWithSampling(3, "").Config().flowSteps == 3);
  CHECK_THROWS_WITH_AS(Policy(f, ToyDims(2)).CopyWithSampling(3, "ddpm"), doctest::Contains("no sampler"),
                       core::Error);
  PolicyConfig m = DefaultPolicyConfig("mse");
  CHECK_THROWS_WITH_AS(Policy(m, ToyDims(2)).CopyWithSampling(3, ""), doctest::Contains("no sampling steps"),
                       core::Error);
}

TEST_CASE("Explain: diffusion's denoising paths run from x_T to exactly the samples shown, one state per step") {
  PolicyConfig c = DefaultPolicyConfig("diffusion");
  c.width = 16;
  c.diffusionSteps = 20;
  c.ddimSteps = 4;
  const Policy ddim(c, ToyDims(3));
  for (const Policy& policy : {ddim.CopyWithSampling(0, ""), ddim.CopyWithSampling(0, "ddpm")}) {
    CAPTURE(policy.Config().diffusionSampler);
    core::Rng rng(5);
    const ActionBelief b = policy.Explain(Eigen::MatrixXf::Ones(3, 1), 8, rng);
    REQUIRE(b.paths.size() == 8);
    CHECK(b.pathsLabel.find(policy.Config().diffusionSampler == "ddim" ? "DDIM" : "DDPM") != std::string::npos);
    const size_t states = 1 + static_cast<size_t>(policy.Config().diffusionSampler == "ddim" ? 4 : 20);
    for (size_t i = 0; i < b.paths.size(); ++i) {
      REQUIRE(b.paths[i].steer.size() == states);
      REQUIRE(b.paths[i].accel.size() == states);
      CHECK(b.paths[i].steer.back() == doctest::Approx(b.samples(0, static_cast<Eigen::Index>(i))));
      CHECK(b.paths[i].accel.back() == doctest::Approx(b.samples(1, static_cast<Eigen::Index>(i))));
    }
  }
}
