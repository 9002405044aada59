#pragma once
// Reverse-mode automatic differentiation over Eigen matrices (micrograd's tape, applied to matrices).
//
// Forward code calls ops (learning/nn/ops.h) on Vars; each op computes its value at once and appends a node
// (value, grad, parents, backward function) to the tape. Tape::Backward(loss) walks the nodes in reverse and
// every backward *accumulates* into its parents' gradients, so a value used twice (shared weights) gets both
// contributions. Parameter leaves point straight into a Parameters store, so their gradients land in the
// store's flat gradient buffer that the optimiser reads in one loop.
//
// Storage: node values, gradients and saved intermediates live in an arena owned by the tape. Clear() keeps
// the arena and the node vector, so a training loop that builds the same graph every step allocates nothing
// in the steady state. Scalar type T: float for training, double for gradient checks.
//
// Layout: one column per sample, (features, batch). Shapes are written in comments as (rows, cols).
#include <Eigen/Core>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <vector>

#include "core/error.h"

namespace learning::nn {

template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using MatMap = Eigen::Map<Mat<T>>;
template <class T>
using ConstMatMap = Eigen::Map<const Mat<T>>;

template <class T>
class Tape;
template <class T>
class Parameters;
template <class T>
struct ParamRef;

// A handle to one node of a tape: cheap to copy, valid until the tape is cleared.
template <class T>
struct Var {
  Tape<T>* tape = nullptr;
  int id = -1;

  int Rows() const;
  int Cols() const;
  ConstMatMap<T> Value() const;
  // The gradient after Tape::Backward (only for nodes that require one).
  ConstMatMap<T> Grad() const;
  // The value of a 1×1 node.
  T Item() const;
};

// One recorded operation. Ops keep what their backward needs in `aux` (arena storage), `iarg` and `sarg`.
template <class T>
struct Node {
  using BackwardFn = void (*)(Tape<T>& tape, const Node& node);
  T* value = nullptr;
  T* grad = nullptr;  // null when no gradient flows here
  T* aux = nullptr;
  int rows = 0;
  int cols = 0;
  int parents[4] = {-1, -1, -1, -1};
  int numParents = 0;
  int iarg[4] = {0, 0, 0, 0};
  T sarg[2] = {T(0), T(0)};
  BackwardFn backward = nullptr;
  bool external = false;  // value/grad belong to a Parameters store, not to the arena
  // False until the first gradient contribution of this backward pass: the gradient buffer is zeroed on first
  // access (Tape::Grad), right before it is accumulated into, and a node nothing reached is skipped.
  bool gradReady = false;
};

template <class T>
class Tape {
 public:
  using NodeT = Node<T>;

  Tape();
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  // Forgets all nodes but keeps their storage for the next graph.
  void Clear();

  // With gradients disabled nothing is allocated for gradients and backward functions are not recorded:
  // the inference path (batch-1 act). Takes effect for nodes created afterwards.
  void SetGradEnabled(bool enabled) { gradEnabled_ = enabled; }
  bool GradEnabled() const { return gradEnabled_; }

  // Leaves. Input: a constant copied into the tape. Variable: a copied leaf that receives a gradient
  // (gradient checks, optimising inputs). Param: a parameter of a store (no copy; gradient goes to the store).
  Var<T> Input(const Eigen::Ref<const Mat<T>>& value);
  Var<T> Variable(const Eigen::Ref<const Mat<T>>& value);
  Var<T> Param(const ParamRef<T>& param);
  // A constant filled with one value.
  Var<T> Fill(int rows, int cols, T value);

  // Seeds d(loss)/d(loss) = 1 and runs every backward from `loss` down. `loss` must be 1×1.
  // Gradients of non-parameter nodes are zeroed first; parameter gradients accumulate (see Parameters::ZeroGrad).
  void Backward(Var<T> loss);
  // Same with an explicit seed gradient for a non-scalar output (shape of `output`).
  void Backward(Var<T> output, const Eigen::Ref<const Mat<T>>& seed);

  // --- For op implementations --------------------------------------------------------------------------
  // Appends a node of shape (rows, cols) with the given parents. A gradient buffer and the backward function
  // are kept only when gradients are enabled and some parent carries a gradient.
  Var<T> NewNode(int rows, int cols, std::span<const Var<T>> parents, typename NodeT::BackwardFn backward);
  Var<T> NewNode(int rows, int cols, std::initializer_list<Var<T>> parents, typename NodeT::BackwardFn backward) {
    return NewNode(rows, cols, std::span<const Var<T>>(parents.begin(), parents.size()), backward);
  }
  // Arena storage for an op's saved intermediates (uninitialised), attached to `var`'s node as `aux`.
  T* AllocateAux(Var<T> var, std::ptrdiff_t count);
  // Uninitialised scratch storage valid until Clear().
  T* Scratch(std::ptrdiff_t count) { return arena_.Allocate(count); }

  NodeT& At(int id) { return nodes_[static_cast<size_t>(id)]; }
  const NodeT& At(int id) const { return nodes_[static_cast<size_t>(id)]; }
  int Size() const { return static_cast<int>(nodes_.size()); }
  // Scalars reserved by the arena (stays constant once a repeated graph has been built twice).
  std::ptrdiff_t ArenaCapacity() const { return arena_.Capacity(); }
  bool HasGrad(int id) const { return nodes_[static_cast<size_t>(id)].grad != nullptr; }
  MatMap<T> Value(int id) {
    NodeT& n = At(id);
    return MatMap<T>(n.value, n.rows, n.cols);
  }
  // The gradient buffer of node `id`, zeroed first if nothing has been accumulated into it in this pass.
  MatMap<T> Grad(int id) {
    NodeT& n = At(id);
    ILD_CHECK(n.grad != nullptr, "node has no gradient");
    MatMap<T> g(n.grad, n.rows, n.cols);
    if (!n.gradReady) {
      g.setZero();
      n.gradReady = true;
    }
    return g;
  }
  MatMap<T> Value(Var<T> v) { return Value(v.id); }
  MatMap<T> Grad(Var<T> v) { return Grad(v.id); }
  // Parent i of `node`: its value, whether it takes a gradient, and its gradient.
  MatMap<T> ParentValue(const NodeT& node, int i) { return Value(node.parents[i]); }
  bool ParentHasGrad(const NodeT& node, int i) const { return HasGrad(node.parents[i]); }
  MatMap<T> ParentGrad(const NodeT& node, int i) { return Grad(node.parents[i]); }

 private:
  // Bump allocator in 64-byte aligned blocks. Reset() merges the blocks into one sized for the whole last
  // graph, so after the first step every step fits in one block and nothing is allocated.
  class Arena {
   public:
    T* Allocate(std::ptrdiff_t count);
    void Reset();
    std::ptrdiff_t Capacity() const {
      std::ptrdiff_t total = 0;
      for (const Block& b : blocks_) total += b.capacity;
      return total;
    }

   private:
    struct Block {
      std::unique_ptr<T[]> storage;
      T* data = nullptr;
      std::ptrdiff_t capacity = 0;
    };
    void AddBlock(std::ptrdiff_t capacity);
    std::vector<Block> blocks_;
    size_t current_ = 0;
    std::ptrdiff_t used_ = 0;       // in the current block
    std::ptrdiff_t totalUsed_ = 0;  // over all blocks since the last Reset
  };

  void ResetGrads(int upTo);
  void RunBackward(int from);

  std::vector<NodeT> nodes_;
  Arena arena_;
  bool gradEnabled_ = true;
};

template <class T>
int Var<T>::Rows() const {
  return tape->At(id).rows;
}
template <class T>
int Var<T>::Cols() const {
  return tape->At(id).cols;
}
template <class T>
ConstMatMap<T> Var<T>::Value() const {
  const Node<T>& n = tape->At(id);
  return ConstMatMap<T>(n.value, n.rows, n.cols);
}
template <class T>
ConstMatMap<T> Var<T>::Grad() const {
  const MatMap<T> g = tape->Grad(id);
  return ConstMatMap<T>(g.data(), g.rows(), g.cols());
}
template <class T>
T Var<T>::Item() const {
  const Node<T>& n = tape->At(id);
  ILD_CHECK(n.rows == 1 && n.cols == 1, "Item() needs a 1x1 Var");
  return n.value[0];
}

extern template class Tape<float>;
extern template class Tape<double>;

}  // namespace learning::nn
