#include "learning/nn/parameters.h"

namespace learning::nn {

namespace {
constexpr Eigen::Index kAlignScalars = 16;  // 64 bytes of float
}

template <class T>
ParamRef<T> Parameters<T>::Add(const std::string& name, int rows, int cols, bool decay) {
  ILD_CHECK(rows > 0 && cols > 0, "parameter shape must be positive");
  ILD_CHECK(!name.empty(), "parameter name must not be empty");
  ILD_CHECK(Find(name) < 0, "duplicate parameter name");
  const Eigen::Index offset = values_.size();
  const Eigen::Index count = static_cast<Eigen::Index>(rows) * cols;
  const Eigen::Index padded = (count + kAlignScalars - 1) / kAlignScalars * kAlignScalars;
  values_.conservativeResize(offset + padded);
  grads_.conservativeResize(offset + padded);
  values_.segment(offset, padded).setZero();
  grads_.segment(offset, padded).setZero();
  entries_.push_back(Entry{name, rows, cols, offset, decay});
  return ParamRef<T>{this, Count() - 1};
}

template <class T>
Eigen::Index Parameters<T>::NumScalars() const {
  Eigen::Index n = 0;
  for (const Entry& e : entries_) n += static_cast<Eigen::Index>(e.rows) * e.cols;
  return n;
}

template <class T>
int Parameters<T>::Find(const std::string& name) const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].name == name) return static_cast<int>(i);
  return -1;
}

template class Parameters<float>;
template class Parameters<double>;

}  // namespace learning::nn
