#include "learning/policies/action_belief.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace learning::policies {

std::vector<float> SoftmaxProbabilities(const Eigen::Ref<const Eigen::VectorXd>& logits, double temperature) {
  const double t = std::max(temperature, 1e-6);
  const double top = logits.maxCoeff();
  std::vector<float> p(static_cast<size_t>(logits.size()));
  double sum = 0.0;
  for (Eigen::Index i = 0; i < logits.size(); ++i) sum += std::exp((logits(i) - top) / t);
  for (Eigen::Index i = 0; i < logits.size(); ++i)
    p[static_cast<size_t>(i)] = static_cast<float>(std::exp((logits(i) - top) / t) / sum);
  return p;
}

BeliefDensity MixtureDensity(const std::vector<BeliefComponent>& components, int size) {
  BeliefDensity density;
  density.size = size;
  density.values.assign(static_cast<size_t>(size * size), 0.f);
  auto normal = [](double x, double mu, double sigma) {
    const double z = (x - mu) / sigma;
    return std::exp(-0.5 * z * z) / (sigma * std::sqrt(2.0 * std::numbers::pi));
  };
  for (int r = 0; r < size; ++r) {
    const double accel = -1.0 + (r + 0.5) * 2.0 / size;
    for (int c = 0; c < size; ++c) {
      const double steer = -1.0 + (c + 0.5) * 2.0 / size;
      double p = 0.0;
      for (const BeliefComponent& k : components)
        p += k.weight * normal(steer, k.mean[0], std::max(k.sigma[0], 1e-6)) *
             normal(accel, k.mean[1], std::max(k.sigma[1], 1e-6));
      density.values[static_cast<size_t>(r * size + c)] = static_cast<float>(p);
    }
  }
  return density;
}

}  // namespace learning::policies
