#include <doctest/doctest.h>

#include "core/error.h"
#include "core/rng.h"
#include "learning/policies/normalizer.h"

using namespace learning::policies;

TEST_CASE("Normalizer: standardises each entry, shares statistics over frames, keeps constant entries") {
  core::Rng rng(3);
  const int n = 2000;
  Eigen::MatrixXf features(6, n);  // 2 frames of 3 entries
  for (int j = 0; j < n; ++j)
    for (int f = 0; f < 2; ++f) {
      features(3 * f + 0, j) = static_cast<float>(rng.Normal(5.0, 2.0));
      features(3 * f + 1, j) = static_cast<float>(rng.Normal(-1.0, 0.1));
      features(3 * f + 2, j) = 1.f;  // constant (a lamp that never changes)
    }
  Normalizer normalizer(3);
  normalizer.Fit(features);
  CHECK(normalizer.Mean()(0) == doctest::Approx(5.0).epsilon(0.05));
  CHECK(normalizer.Std()(1) == doctest::Approx(0.1).epsilon(0.05));
  CHECK(normalizer.Std()(2) == 1.f);
  const Eigen::MatrixXf z = normalizer.Apply(features);
  for (int r = 0; r < 5; r += 3) {  // each frame's first two entries ≈ N(0, 1)
    CHECK(std::abs(z.row(r).mean()) < 0.1);
    CHECK(std::sqrt(z.row(r).array().square().mean()) == doctest::Approx(1.0).epsilon(0.05));
  }
  CHECK(z.row(2).cwiseAbs().maxCoeff() < 1e-6f);
}

TEST_CASE("Normalizer: wrong shapes and bad statistics are errors") {
  Normalizer normalizer(3);
  CHECK_THROWS_AS(normalizer.Fit(Eigen::MatrixXf::Zero(4, 10)), core::Error);
  CHECK_THROWS_AS(normalizer.Fit(Eigen::MatrixXf::Zero(3, 0)), core::Error);
  Eigen::MatrixXf nan = Eigen::MatrixXf::Zero(3, 4);
  nan(1, 1) = NAN;
  CHECK_THROWS_AS(normalizer.Fit(nan), core::Error);
  CHECK_THROWS_AS(normalizer.Apply(Eigen::MatrixXf::Zero(5, 1)), core::Error);
  CHECK_THROWS_AS(normalizer.SetStatistics(Eigen::VectorXf::Zero(3), Eigen::VectorXf::Zero(3)), core::Error);
  CHECK_THROWS_AS(normalizer.SetStatistics(Eigen::VectorXf::Zero(2), Eigen::VectorXf::Ones(2)), core::Error);
}
