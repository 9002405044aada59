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

TEST_CASE("Normalizer: fitting a block of columns at a time gives the whole-matrix statistics, and in place = copy") {
  // Fit accumulates in double over blocks of 16384 frames so a big training set is never copied to double
  // (`ildrive bench data`: 4.5 GB beside 2.2 GB of floats). The reference is the whole-matrix formula.
  core::Rng rng(11);
  const int n = 70'000;  // several blocks and a partial one
  Eigen::MatrixXf features(8, n);  // 2 frames of 4 entries
  for (Eigen::Index i = 0; i < features.size(); ++i)
    features.data()[i] = static_cast<float>(rng.Normal(1000.0 * static_cast<double>(i % 4), 0.5 + (i % 3)));
  Normalizer normalizer(4);
  normalizer.Fit(features);
  const Eigen::Map<const Eigen::MatrixXf> frames(features.data(), 4, features.size() / 4);
  const Eigen::MatrixXd x = frames.cast<double>();
  const Eigen::VectorXd mean = x.rowwise().mean();
  const Eigen::VectorXd var = (x.colwise() - mean).array().square().rowwise().mean();
  CHECK(normalizer.Mean() == mean.cast<float>());
  CHECK(normalizer.Std() == var.array().sqrt().cast<float>().matrix());
  Eigen::MatrixXf inPlace = features;
  normalizer.ApplyInPlace(inPlace);
  CHECK(inPlace == normalizer.Apply(features));
  Eigen::MatrixXf wrong(5, 2);
  CHECK_THROWS_AS(normalizer.ApplyInPlace(wrong), core::Error);
}
