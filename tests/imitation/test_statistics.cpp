// Confidence intervals against values computed by hand (Wilson 1927; Student t tables).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "learning/imitation/statistics.h"

using namespace learning::imitation;

TEST_CASE("statistics: normal and Student t critical values match the tables") {
  CHECK(NormalCritical(0.95) == doctest::Approx(1.959964).epsilon(1e-6));
  CHECK(NormalCritical(0.90) == doctest::Approx(1.644854).epsilon(1e-6));
  CHECK(StudentTCritical(0.95, 1) == doctest::Approx(12.7062).epsilon(1e-5));
  CHECK(StudentTCritical(0.95, 2) == doctest::Approx(4.3027).epsilon(1e-4));
  CHECK(StudentTCritical(0.95, 4) == doctest::Approx(2.7764).epsilon(1e-4));
  CHECK(StudentTCritical(0.95, 10) == doctest::Approx(2.2281).epsilon(1e-4));
  CHECK(StudentTCritical(0.95, 30) == doctest::Approx(2.0423).epsilon(1e-4));
  CHECK(StudentTCritical(0.99, 5) == doctest::Approx(4.0321).epsilon(1e-4));
  // t tends to z as the degrees of freedom grow.
  CHECK(StudentTCritical(0.95, 5000) == doctest::Approx(1.9604).epsilon(1e-4));
}

TEST_CASE("statistics: Wilson interval by hand") {
  // 9/10: centre (0.9 + z²/20)/(1 + z²/10) = 0.78897, half-width z/(1 + z²/10)·√(0.009 + z²/400) = 0.19312.
  const RateEstimate nine = WilsonInterval(9, 10);
  CHECK(nine.rate == doctest::Approx(0.9));
  CHECK(nine.low == doctest::Approx(0.5958).epsilon(1e-3));
  CHECK(nine.high == doctest::Approx(0.9821).epsilon(1e-3));
  // 0/10 stays a real interval (the normal approximation would give [0, 0]): upper z²/(n + z²) = 0.2775.
  const RateEstimate none = WilsonInterval(0, 10);
  CHECK(none.rate == 0.0);
  CHECK(none.low == doctest::Approx(0.0));
  CHECK(none.high == doctest::Approx(0.2775).epsilon(1e-3));
  // n/n mirrors 0/n.
  const RateEstimate all = WilsonInterval(10, 10);
  CHECK(all.high == doctest::Approx(1.0));
  CHECK(all.low == doctest::Approx(1.0 - 0.2775).epsilon(1e-3));
  // 95/100: 0.8883 … 0.9785.
  const RateEstimate many = WilsonInterval(95, 100);
  CHECK(many.low == doctest::Approx(0.8883).epsilon(1e-3));
  CHECK(many.high == doctest::Approx(0.9785).epsilon(1e-3));
  // No trials: the whole unit interval.
  const RateEstimate empty = WilsonInterval(0, 0);
  CHECK(empty.low == 0.0);
  CHECK(empty.high == 1.0);
}

TEST_CASE("statistics: t interval of a mean by hand") {
  // 1..5: mean 3, s = √2.5, half-width t(0.975, 4)·s/√5 = 2.7764·0.70711 = 1.9632.
  const std::vector<double> values{1, 2, 3, 4, 5};
  const MeanEstimate m = MeanInterval(values);
  CHECK(m.count == 5);
  CHECK(m.mean == doctest::Approx(3.0));
  CHECK(m.stddev == doctest::Approx(std::sqrt(2.5)));
  CHECK(m.halfWidth == doctest::Approx(1.9632).epsilon(1e-4));
  CHECK(m.low == doctest::Approx(3.0 - 1.9632).epsilon(1e-4));
  CHECK(m.high == doctest::Approx(3.0 + 1.9632).epsilon(1e-4));

  const std::vector<double> constant{2.5, 2.5, 2.5};
  const MeanEstimate c = MeanInterval(constant);
  CHECK(c.halfWidth == 0.0);
  CHECK(c.low == 2.5);

  const std::vector<double> one{7.0};
  const MeanEstimate single = MeanInterval(one);
  CHECK(single.mean == 7.0);
  CHECK(std::isinf(single.halfWidth));
}

TEST_CASE("statistics: weighted mean of per-group means by hand") {
  // Groups (mean, size): (1, 1), (2, 3), (9, 0) left out: mean (1 + 6) / 4 = 1.75. Ratio estimator: w̄ = 2,
  // Σ w²(x − x̄)² = 1·0.5625 + 9·0.0625 = 1.125, s = √(1.125 / 1) / 2 = 0.53033, half-width t(0.975, 1)·s/√2.
  const std::vector<double> values{1.0, 2.0, 9.0}, weights{1.0, 3.0, 0.0};
  const MeanEstimate m = WeightedMeanInterval(values, weights);
  CHECK(m.count == 2);
  CHECK(m.mean == doctest::Approx(1.75));
  CHECK(m.stddev == doctest::Approx(std::sqrt(1.125) / 2.0));
  CHECK(m.halfWidth == doctest::Approx(12.7062 * std::sqrt(1.125) / 2.0 / std::sqrt(2.0)).epsilon(1e-4));
  // Equal weights give the plain t interval.
  const std::vector<double> xs{1, 2, 3, 4, 5}, ones(5, 2.0);
  CHECK(WeightedMeanInterval(xs, ones).halfWidth == doctest::Approx(MeanInterval(xs).halfWidth));
  // No group with events: no mean.
  const std::vector<double> zero{0.0};
  CHECK(std::isnan(WeightedMeanInterval(std::vector<double>{3.0}, zero).mean));
}
