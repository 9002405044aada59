#pragma once
// Confidence intervals for closed-loop results. Rates (success, collision, off-road) use the Wilson score
// interval (Wilson 1927), which stays inside [0, 1] and behaves at 0/n and n/n where the normal approximation
// collapses to a zero-width interval. Means of continuous metrics use Student's t interval
// mean ± t(1 − α/2, n − 1)·s/√n with the sample standard deviation s. Both default to 95%.
#include <span>

namespace learning::imitation {

inline constexpr double kConfidence95 = 0.95;

struct RateEstimate {
  int successes = 0;
  int trials = 0;
  double rate = 0.0;  // successes / trials (0 when trials == 0)
  double low = 0.0;   // Wilson interval; [0, 1] when trials == 0
  double high = 1.0;
};

struct MeanEstimate {
  int count = 0;
  double mean = 0.0;
  double stddev = 0.0;     // sample standard deviation (n − 1); 0 when count < 2
  double halfWidth = 0.0;  // t·s/√n; infinite when count < 2 (one value says nothing about the spread)
  double low = 0.0;        // mean ∓ halfWidth
  double high = 0.0;
};

// The two-sided standard normal critical value z with P(|Z| < z) = confidence, confidence in (0, 1).
double NormalCritical(double confidence);
// The two-sided Student t critical value with P(|T| < t) = confidence for `dof` ≥ 1 degrees of freedom.
double StudentTCritical(double confidence, int dof);

// Wilson score interval for `successes` out of `trials` (0 ≤ successes ≤ trials).
RateEstimate WilsonInterval(int successes, int trials, double confidence = kConfidence95);

// Student t interval of the mean of `values` (all finite).
MeanEstimate MeanInterval(std::span<const double> values, double confidence = kConfidence95);

// The mean of per-group means `values` weighted by the groups' sizes `weights` (≥ 0; groups of weight 0 are
// left out): Σ wᵢxᵢ / Σ wᵢ, e.g. the mean start delay over all drive-offs from each episode's mean and count.
// Interval: the ratio estimator's t interval over the n groups with weight > 0, half-width
// t(n − 1)·√(Σ wᵢ²(xᵢ − x̄)² / (n(n − 1))) / w̄ (groups are the independent units); count = n.
MeanEstimate WeightedMeanInterval(std::span<const double> values, std::span<const double> weights,
                                  double confidence = kConfidence95);

}  // namespace learning::imitation
