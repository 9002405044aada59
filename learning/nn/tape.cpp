#include "learning/nn/tape.h"

#include <algorithm>
#include <cstdint>

#include "learning/nn/parameters.h"

namespace learning::nn {

namespace {
constexpr std::ptrdiff_t kAlignBytes = 64;
constexpr std::ptrdiff_t kMinBlockBytes = std::ptrdiff_t{1} << 16;
}  // namespace

// --- Arena ---------------------------------------------------------------------------------------------------

template <class T>
void Tape<T>::Arena::AddBlock(std::ptrdiff_t capacity) {
  const std::ptrdiff_t pad = kAlignBytes / static_cast<std::ptrdiff_t>(sizeof(T));
  Block block;
  block.storage.reset(new T[static_cast<size_t>(capacity + pad)]);
  const auto address = reinterpret_cast<std::uintptr_t>(block.storage.get());
  const auto aligned = (address + kAlignBytes - 1) / kAlignBytes * kAlignBytes;
  block.data = block.storage.get() + (aligned - address) / sizeof(T);
  block.capacity = capacity;
  blocks_.push_back(std::move(block));
}

template <class T>
T* Tape<T>::Arena::Allocate(std::ptrdiff_t count) {
  const std::ptrdiff_t step = kAlignBytes / static_cast<std::ptrdiff_t>(sizeof(T));
  const std::ptrdiff_t rounded = std::max<std::ptrdiff_t>(step, (count + step - 1) / step * step);
  while (current_ < blocks_.size() && used_ + rounded > blocks_[current_].capacity) {
    ++current_;
    used_ = 0;
  }
  if (current_ == blocks_.size()) {
    const std::ptrdiff_t last = blocks_.empty() ? 0 : blocks_.back().capacity;
    const std::ptrdiff_t minimum = kMinBlockBytes / static_cast<std::ptrdiff_t>(sizeof(T));
    AddBlock(std::max({rounded, 2 * last, minimum}));
    used_ = 0;
  }
  T* p = blocks_[current_].data + used_;
  used_ += rounded;
  totalUsed_ += rounded;
  return p;
}

template <class T>
void Tape<T>::Arena::Reset() {
  if (blocks_.size() > 1 && current_ > 0) {
    // The last graph needed more than the first block: replace everything with one block that fits it.
    std::ptrdiff_t capacity = 0;
    for (const Block& b : blocks_) capacity += b.capacity;
    blocks_.clear();
    AddBlock(std::max(capacity, totalUsed_));
  }
  current_ = 0;
  used_ = 0;
  totalUsed_ = 0;
}

// --- Tape ----------------------------------------------------------------------------------------------------

template <class T>
Tape<T>::Tape() {
  nodes_.reserve(256);
}

template <class T>
void Tape<T>::Clear() {
  nodes_.clear();
  arena_.Reset();
}

template <class T>
Var<T> Tape<T>::NewNode(int rows, int cols, std::span<const Var<T>> parents,
                        typename NodeT::BackwardFn backward) {
  ILD_CHECK(rows > 0 && cols > 0, "node shape must be positive");
  ILD_CHECK(parents.size() <= 4, "at most four parents per node");
  NodeT node;
  node.rows = rows;
  node.cols = cols;
  bool anyGrad = false;
  for (const Var<T>& p : parents) {
    ILD_CHECK(p.tape == this, "parent Var belongs to another tape (or was cleared)");
    node.parents[node.numParents++] = p.id;
    anyGrad = anyGrad || HasGrad(p.id);
  }
  const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(rows) * cols;
  node.value = arena_.Allocate(count);
  if (gradEnabled_ && anyGrad && backward != nullptr) {
    node.grad = arena_.Allocate(count);
    node.backward = backward;
  }
  nodes_.push_back(node);
  return Var<T>{this, Size() - 1};
}

template <class T>
T* Tape<T>::AllocateAux(Var<T> var, std::ptrdiff_t count) {
  T* p = arena_.Allocate(count);
  At(var.id).aux = p;
  return p;
}

template <class T>
Var<T> Tape<T>::Input(const Eigen::Ref<const Mat<T>>& value) {
  Var<T> v = NewNode(static_cast<int>(value.rows()), static_cast<int>(value.cols()), {}, nullptr);
  Value(v) = value;
  return v;
}

template <class T>
Var<T> Tape<T>::Variable(const Eigen::Ref<const Mat<T>>& value) {
  Var<T> v = Input(value);
  NodeT& n = At(v.id);
  if (gradEnabled_) n.grad = arena_.Allocate(static_cast<std::ptrdiff_t>(n.rows) * n.cols);
  return v;
}

template <class T>
Var<T> Tape<T>::Fill(int rows, int cols, T value) {
  Var<T> v = NewNode(rows, cols, {}, nullptr);
  Value(v).setConstant(value);
  return v;
}

template <class T>
Var<T> Tape<T>::Param(const ParamRef<T>& param) {
  ILD_CHECK(param.Valid(), "Param: invalid ParamRef (module not constructed?)");
  NodeT node;
  MatMap<T> value = param.Value();
  node.rows = static_cast<int>(value.rows());
  node.cols = static_cast<int>(value.cols());
  node.value = value.data();
  if (gradEnabled_) node.grad = param.Grad().data();
  node.external = true;
  node.gradReady = true;  // the store's gradient: accumulates until Parameters::ZeroGrad
  nodes_.push_back(node);
  return Var<T>{this, Size() - 1};
}

template <class T>
void Tape<T>::Backward(Var<T> loss) {
  ILD_CHECK(loss.tape == this, "Backward: Var from another tape");
  ILD_CHECK(HasGrad(loss.id), "Backward: loss does not depend on anything that takes a gradient");
  const NodeT& n = At(loss.id);
  ILD_CHECK(n.rows == 1 && n.cols == 1, "Backward(loss) needs a 1x1 loss; pass a seed otherwise");
  ResetGrads(loss.id);
  Grad(loss.id)(0, 0) += T(1);
  RunBackward(loss.id);
}

template <class T>
void Tape<T>::Backward(Var<T> output, const Eigen::Ref<const Mat<T>>& seed) {
  ILD_CHECK(output.tape == this, "Backward: Var from another tape");
  ILD_CHECK(HasGrad(output.id), "Backward: output does not depend on anything that takes a gradient");
  const NodeT& out = At(output.id);
  ILD_CHECK(seed.rows() == out.rows && seed.cols() == out.cols, "Backward: seed shape differs from output");
  ResetGrads(output.id);
  Grad(output.id) += seed;
  RunBackward(output.id);
}

template <class T>
void Tape<T>::ResetGrads(int upTo) {
  for (int i = 0; i <= upTo; ++i) {
    NodeT& n = At(i);
    if (!n.external) n.gradReady = false;
  }
}

template <class T>
void Tape<T>::RunBackward(int from) {
  for (int i = from; i >= 0; --i) {
    const NodeT& n = At(i);
    if (n.backward != nullptr && n.gradReady) n.backward(*this, n);
  }
}

template class Tape<float>;
template class Tape<double>;

}  // namespace learning::nn
