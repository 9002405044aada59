#include "learning/imitation/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "core/error.h"

namespace learning::imitation {

namespace {

// Beyond this many degrees of freedom t and z differ by less than 1e-5 (relative): use z.
constexpr int kMaxExactDof = 100'000;

// P(|T| < t) for Student's t with integer `dof` (Abramowitz & Stegun 26.7.3 and 26.7.4: finite series in
// θ = atan(t/√ν), exact for every integer ν, no gamma functions).
double StudentTCentralProbability(double t, int dof) {
  const double theta = std::atan(t / std::sqrt(static_cast<double>(dof)));
  const double s = std::sin(theta);
  const double c = std::cos(theta);
  const double c2 = c * c;
  if (dof % 2 == 1) {
    double sum = 0.0;
    double term = c;  // cos θ, then (2/3) cos³ θ, (2·4)/(3·5) cos⁵ θ, … up to cos^(ν−2) θ
    for (int power = 1; power <= dof - 2; power += 2) {
      sum += term;
      term *= c2 * static_cast<double>(power + 1) / static_cast<double>(power + 2);
    }
    return 2.0 / std::numbers::pi * (theta + s * sum);
  }
  double sum = 0.0;
  double term = 1.0;  // 1, then (1/2) cos² θ, (1·3)/(2·4) cos⁴ θ, … up to cos^(ν−2) θ
  for (int power = 0; power <= dof - 2; power += 2) {
    sum += term;
    term *= c2 * static_cast<double>(power + 1) / static_cast<double>(power + 2);
  }
  return s * sum;
}

// The x ≥ 0 with centralProbability(x) = confidence, for an increasing function from 0 toward 1.
template <class F>
double InvertCentral(double confidence, F centralProbability) {
  double lo = 0.0;
  double hi = 1.0;
  while (centralProbability(hi) < confidence) hi *= 2.0;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (centralProbability(mid) < confidence ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

void CheckConfidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw core::Error("confidence level " + std::to_string(confidence) + " is outside (0, 1)");
}

}  // namespace

double NormalCritical(double confidence) {
  CheckConfidence(confidence);
  return InvertCentral(confidence, [](double z) { return std::erf(z / std::numbers::sqrt2); });
}

double StudentTCritical(double confidence, int dof) {
  CheckConfidence(confidence);
  ILD_CHECK(dof >= 1, "Student t needs at least one degree of freedom");
  if (dof > kMaxExactDof) return NormalCritical(confidence);
  return InvertCentral(confidence, [dof](double t) { return StudentTCentralProbability(t, dof); });
}

RateEstimate WilsonInterval(int successes, int trials, double confidence) {
  ILD_CHECK(trials >= 0 && successes >= 0 && successes <= trials, "WilsonInterval needs 0 <= successes <= trials");
  RateEstimate estimate;
  estimate.successes = successes;
  estimate.trials = trials;
  if (trials == 0) return estimate;  // nothing observed: rate 0, interval [0, 1]
  const double n = trials;
  const double p = successes / n;
  const double z = NormalCritical(confidence);
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  estimate.rate = p;
  estimate.low = std::max(0.0, centre - half);
  estimate.high = std::min(1.0, centre + half);
  return estimate;
}

MeanEstimate MeanInterval(std::span<const double> values, double confidence) {
  MeanEstimate estimate;
  estimate.count = static_cast<int>(values.size());
  if (values.empty()) {
    estimate.mean = estimate.low = estimate.high = std::numeric_limits<double>::quiet_NaN();
    estimate.halfWidth = std::numeric_limits<double>::infinity();
    return estimate;
  }
  double sum = 0.0;
  for (double v : values) {
    ILD_CHECK(std::isfinite(v), "MeanInterval needs finite values");
    sum += v;
  }
  const double n = static_cast<double>(values.size());
  estimate.mean = sum / n;
  if (values.size() < 2) {
    estimate.halfWidth = std::numeric_limits<double>::infinity();
    estimate.low = -estimate.halfWidth;
    estimate.high = estimate.halfWidth;
    return estimate;
  }
  double squares = 0.0;
  for (double v : values) squares += (v - estimate.mean) * (v - estimate.mean);
  estimate.stddev = std::sqrt(squares / (n - 1.0));
  estimate.halfWidth = StudentTCritical(confidence, estimate.count - 1) * estimate.stddev / std::sqrt(n);
  estimate.low = estimate.mean - estimate.halfWidth;
  estimate.high = estimate.mean + estimate.halfWidth;
  return estimate;
}

MeanEstimate WeightedMeanInterval(std::span<const double> values, std::span<const double> weights,
                                  double confidence) {
  ILD_CHECK(values.size() == weights.size(), "WeightedMeanInterval needs one weight per value");
  std::vector<double> x, w;
  for (size_t i = 0; i < values.size(); ++i) {
    ILD_CHECK(std::isfinite(weights[i]) && weights[i] >= 0.0, "WeightedMeanInterval needs finite weights >= 0");
    if (weights[i] == 0.0) continue;
    ILD_CHECK(std::isfinite(values[i]), "WeightedMeanInterval needs finite values");
    x.push_back(values[i]);
    w.push_back(weights[i]);
  }
  MeanEstimate estimate;
  estimate.count = static_cast<int>(x.size());
  if (x.empty()) return MeanInterval(x, confidence);  // NaN mean, infinite interval
  double sumW = 0.0, sumWx = 0.0;
  for (size_t i = 0; i < x.size(); ++i) {
    sumW += w[i];
    sumWx += w[i] * x[i];
  }
  estimate.mean = sumWx / sumW;
  const double n = static_cast<double>(x.size());
  if (x.size() < 2) {
    estimate.halfWidth = std::numeric_limits<double>::infinity();
    estimate.low = -estimate.halfWidth;
    estimate.high = estimate.halfWidth;
    return estimate;
  }
  double squares = 0.0;
  for (size_t i = 0; i < x.size(); ++i) squares += w[i] * w[i] * (x[i] - estimate.mean) * (x[i] - estimate.mean);
  const double meanW = sumW / n;
  estimate.stddev = std::sqrt(squares / (n - 1.0)) / meanW;
  estimate.halfWidth = StudentTCritical(confidence, estimate.count - 1) * estimate.stddev / std::sqrt(n);
  estimate.low = estimate.mean - estimate.halfWidth;
  estimate.high = estimate.mean + estimate.halfWidth;
  return estimate;
}

}  // namespace learning::imitation
