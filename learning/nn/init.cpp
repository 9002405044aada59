#include "learning/nn/init.h"

#include <cmath>

namespace learning::nn {

template <class T>
void Initialise(MatMap<T> weight, Init init, core::Rng& rng) {
  const double fanIn = static_cast<double>(weight.cols());
  const double fanOut = static_cast<double>(weight.rows());
  double stddev = 0.0;
  bool uniform = false;
  switch (init) {
    case Init::kZeros: weight.setZero(); return;
    case Init::kKaimingUniform: uniform = true; [[fallthrough]];
    case Init::kKaimingNormal: stddev = std::sqrt(2.0 / fanIn); break;
    case Init::kXavierUniform: uniform = true; [[fallthrough]];
    case Init::kXavierNormal: stddev = std::sqrt(2.0 / (fanIn + fanOut)); break;
  }
  const double bound = std::sqrt(3.0) * stddev;
  for (Eigen::Index i = 0; i < weight.size(); ++i)
    weight.data()[i] = static_cast<T>(uniform ? rng.Uniform(-bound, bound) : rng.Normal(0.0, stddev));
}

template void Initialise<float>(MatMap<float>, Init, core::Rng&);
template void Initialise<double>(MatMap<double>, Init, core::Rng&);

}  // namespace learning::nn
