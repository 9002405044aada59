#include "learning/policies/sampling.h"

#include <cmath>

namespace learning::policies {

template <class T>
nn::Mat<T> NormalMatrix(int rows, int cols, core::Rng& rng, double scale) {
  nn::Mat<T> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<T>(scale * rng.Normal());
  return m;
}

template <class T>
nn::Mat<T> UniformMatrix(int rows, int cols, core::Rng& rng) {
  nn::Mat<T> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<T>(rng.Uniform());
  return m;
}

template <class T>
int SampleCategorical(const Eigen::Ref<const nn::Vec<T>>& logits, double temperature, bool argmax, core::Rng& rng) {
  Eigen::Index best = 0;
  const double top = static_cast<double>(logits.maxCoeff(&best));
  if (argmax || temperature <= 0.0) return static_cast<int>(best);
  double total = 0.0;
  for (Eigen::Index i = 0; i < logits.size(); ++i) total += std::exp((static_cast<double>(logits(i)) - top) / temperature);
  double u = rng.Uniform() * total;
  for (Eigen::Index i = 0; i < logits.size(); ++i) {
    u -= std::exp((static_cast<double>(logits(i)) - top) / temperature);
    if (u < 0.0) return static_cast<int>(i);
  }
  return static_cast<int>(logits.size() - 1);
}

#define ILD_INSTANTIATE_SAMPLING(T)                                                                       \
  template nn::Mat<T> NormalMatrix<T>(int, int, core::Rng&, double);                                     \
  template nn::Mat<T> UniformMatrix<T>(int, int, core::Rng&);                                            \
  template int SampleCategorical<T>(const Eigen::Ref<const nn::Vec<T>>&, double, bool, core::Rng&);
ILD_INSTANTIATE_SAMPLING(float)
ILD_INSTANTIATE_SAMPLING(double)
#undef ILD_INSTANTIATE_SAMPLING

}  // namespace learning::policies
