#include "learning/nn/grad_clip.h"

#include <cmath>

namespace learning::nn {

template <class T>
double GlobalGradNorm(const Parameters<T>& params) {
  return std::sqrt(params.FlatGrads().template cast<double>().squaredNorm());
}

template <class T>
double ClipGradNorm(Parameters<T>& params, double maxNorm) {
  ILD_CHECK(maxNorm > 0, "ClipGradNorm: maxNorm must be positive");
  const double norm = GlobalGradNorm(params);
  const double factor = maxNorm / (norm + 1e-6);
  if (factor < 1.0) params.FlatGrads() *= static_cast<T>(factor);
  return norm;
}

template double GlobalGradNorm(const Parameters<float>&);
template double GlobalGradNorm(const Parameters<double>&);
template double ClipGradNorm(Parameters<float>&, double);
template double ClipGradNorm(Parameters<double>&, double);

}  // namespace learning::nn
