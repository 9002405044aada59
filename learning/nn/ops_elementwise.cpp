#include "learning/nn/ops_elementwise.h"

#include <cmath>

#include "learning/nn/broadcast.h"

namespace learning::nn {

namespace {

// Each unary op is a struct with Forward(x, y) and Backward(x, y, g, gx) over Eigen arrays; gx accumulates.
struct ReluOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.cwiseMax(0);
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X& x, const Y&, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += (x > S(0)).select(g, S(0));
  }
};

struct GeluOp {
  template <class S>
  static constexpr S kC = S(0.7978845608028654);  // √(2/π)
  template <class S>
  static constexpr S kA = S(0.044715);
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    using S = typename X::Scalar;
    y = S(0.5) * x * (S(1) + (kC<S> * (x + kA<S> * x.cube())).tanh());
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X& x, const Y&, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    const auto t = (kC<S> * (x + kA<S> * x.cube())).tanh();
    gx += g * (S(0.5) * (S(1) + t) + S(0.5) * x * (S(1) - t.square()) * kC<S> * (S(1) + S(3) * kA<S> * x.square()));
  }
};

struct TanhOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.tanh();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X&, const Y& y, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += g * (S(1) - y.square());
  }
};

struct SigmoidOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    using S = typename X::Scalar;
    y = S(1) / (S(1) + (-x).exp());
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X&, const Y& y, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += g * y * (S(1) - y);
  }
};

struct ExpOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.exp();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X&, const Y& y, const G& g, GX&& gx) {
    gx += g * y;
  }
};

struct LogOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.log();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X& x, const Y&, const G& g, GX&& gx) {
    gx += g / x;
  }
};

struct SoftplusOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    using S = typename X::Scalar;
    y = x.cwiseMax(S(0)) + (-x.abs()).exp().log1p();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X& x, const Y&, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += g / (S(1) + (-x).exp());
  }
};

struct SquareOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.square();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X& x, const Y&, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += S(2) * g * x;
  }
};

struct SqrtOp {
  template <class X, class Y>
  static void Forward(const X& x, Y&& y) {
    y = x.sqrt();
  }
  template <class X, class Y, class G, class GX>
  static void Backward(const X&, const Y& y, const G& g, GX&& gx) {
    using S = typename X::Scalar;
    gx += S(0.5) * g / y;
  }
};

template <class T, class Op>
void UnaryBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  const ConstMatMap<T> y(node.value, node.rows, node.cols);
  const ConstMatMap<T> g(node.grad, node.rows, node.cols);
  Op::Backward(tape.ParentValue(node, 0).array(), y.array(), g.array(), tape.ParentGrad(node, 0).array());
}

template <class T, class Op>
Var<T> Unary(Var<T> x) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Rows(), x.Cols(), {x}, &UnaryBackward<T, Op>);
  Op::Forward(tape.Value(x).array(), tape.Value(y).array());
  return y;
}

template <class T>
void ScaleBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  tape.ParentGrad(node, 0) += node.sarg[0] * ConstMatMap<T>(node.grad, node.rows, node.cols);
}

template <class T>
void AddScalarBackward(Tape<T>& tape, const Node<T>& node) {
  if (!tape.ParentHasGrad(node, 0)) return;
  tape.ParentGrad(node, 0) += ConstMatMap<T>(node.grad, node.rows, node.cols);
}

// --- Broadcasting binary ops ----------------------------------------------------------------------------------

enum class BinaryKind { kAdd, kSub, kMul, kDiv };

template <class T, BinaryKind kKind>
void BinaryBackward(Tape<T>& tape, const Node<T>& node) {
  const int rows = node.rows;
  const int cols = node.cols;
  const ConstMatMap<T> g(node.grad, rows, cols);
  const ConstMatMap<T> y(node.value, rows, cols);
  // Gradients with respect to a broadcast operand are formed at full size in scratch, then summed over tiles.
  auto accumulate = [&](int parent, const auto& expression) {
    MatMap<T> target = tape.ParentGrad(node, parent);
    if (target.rows() == rows && target.cols() == cols) {
      target += expression;
    } else {
      MatMap<T> scratch(tape.Scratch(static_cast<std::ptrdiff_t>(rows) * cols), rows, cols);
      scratch = expression;
      AccumulateTiled<T>(target, scratch);
    }
  };
  const bool ga = tape.ParentHasGrad(node, 0);
  const bool gb = tape.ParentHasGrad(node, 1);
  if constexpr (kKind == BinaryKind::kAdd || kKind == BinaryKind::kSub) {
    if (ga) accumulate(0, g);
    if (gb) {
      if constexpr (kKind == BinaryKind::kAdd)
        accumulate(1, g);
      else
        accumulate(1, -g);
    }
  } else {
    const MatMap<T> b = Expanded(tape, tape.ParentValue(node, 1), rows, cols);
    if constexpr (kKind == BinaryKind::kMul) {
      if (ga) accumulate(0, (g.array() * b.array()).matrix());
      if (gb) accumulate(1, (g.array() * Expanded(tape, tape.ParentValue(node, 0), rows, cols).array()).matrix());
    } else {
      if (ga) accumulate(0, (g.array() / b.array()).matrix());
      if (gb) accumulate(1, (-g.array() * y.array() / b.array()).matrix());
    }
  }
}

template <class T, BinaryKind kKind>
Var<T> Binary(Var<T> a, Var<T> b, const char* name) {
  Tape<T>& tape = *a.tape;
  const int rows = BroadcastExtent(a.Rows(), b.Rows(), name);
  const int cols = BroadcastExtent(a.Cols(), b.Cols(), name);
  Var<T> y = tape.NewNode(rows, cols, {a, b}, &BinaryBackward<T, kKind>);
  MatMap<T> out = tape.Value(y);
  const MatMap<T> av = Expanded(tape, tape.Value(a), rows, cols);
  const MatMap<T> bv = Expanded(tape, tape.Value(b), rows, cols);
  const auto lhs = av.array();
  const auto rhs = bv.array();
  if constexpr (kKind == BinaryKind::kAdd) out.array() = lhs + rhs;
  if constexpr (kKind == BinaryKind::kSub) out.array() = lhs - rhs;
  if constexpr (kKind == BinaryKind::kMul) out.array() = lhs * rhs;
  if constexpr (kKind == BinaryKind::kDiv) out.array() = lhs / rhs;
  return y;
}

}  // namespace

template <class T>
Var<T> Relu(Var<T> x) {
  return Unary<T, ReluOp>(x);
}
template <class T>
Var<T> Gelu(Var<T> x) {
  return Unary<T, GeluOp>(x);
}
template <class T>
Var<T> Tanh(Var<T> x) {
  return Unary<T, TanhOp>(x);
}
template <class T>
Var<T> Sigmoid(Var<T> x) {
  return Unary<T, SigmoidOp>(x);
}
template <class T>
Var<T> Exp(Var<T> x) {
  return Unary<T, ExpOp>(x);
}
template <class T>
Var<T> Log(Var<T> x) {
  return Unary<T, LogOp>(x);
}
template <class T>
Var<T> Softplus(Var<T> x) {
  return Unary<T, SoftplusOp>(x);
}
template <class T>
Var<T> Square(Var<T> x) {
  return Unary<T, SquareOp>(x);
}
template <class T>
Var<T> Sqrt(Var<T> x) {
  return Unary<T, SqrtOp>(x);
}

template <class T>
Var<T> Scale(Var<T> x, std::type_identity_t<T> s) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Rows(), x.Cols(), {x}, &ScaleBackward<T>);
  tape.At(y.id).sarg[0] = s;
  tape.Value(y) = s * tape.Value(x);
  return y;
}

template <class T>
Var<T> AddScalar(Var<T> x, std::type_identity_t<T> s) {
  Tape<T>& tape = *x.tape;
  Var<T> y = tape.NewNode(x.Rows(), x.Cols(), {x}, &AddScalarBackward<T>);
  tape.Value(y).array() = tape.Value(x).array() + s;
  return y;
}

template <class T>
Var<T> Add(Var<T> a, Var<T> b) {
  return Binary<T, BinaryKind::kAdd>(a, b, "Add");
}
template <class T>
Var<T> Sub(Var<T> a, Var<T> b) {
  return Binary<T, BinaryKind::kSub>(a, b, "Sub");
}
template <class T>
Var<T> Mul(Var<T> a, Var<T> b) {
  return Binary<T, BinaryKind::kMul>(a, b, "Mul");
}
template <class T>
Var<T> Div(Var<T> a, Var<T> b) {
  return Binary<T, BinaryKind::kDiv>(a, b, "Div");
}

template <class T>
Var<T> Activate(Var<T> x, Activation activation) {
  switch (activation) {
    case Activation::kNone: return x;
    case Activation::kRelu: return Relu(x);
    case Activation::kGelu: return Gelu(x);
    case Activation::kTanh: return Tanh(x);
    case Activation::kSigmoid: return Sigmoid(x);
  }
  ILD_CHECK(false, "unknown activation");
  return x;
}

#define ILD_INSTANTIATE_ELEMENTWISE(T)                              \
  template Var<T> Relu(Var<T>);                                     \
  template Var<T> Gelu(Var<T>);                                     \
  template Var<T> Tanh(Var<T>);                                     \
  template Var<T> Sigmoid(Var<T>);                                  \
  template Var<T> Exp(Var<T>);                                      \
  template Var<T> Log(Var<T>);                                      \
  template Var<T> Softplus(Var<T>);                                 \
  template Var<T> Square(Var<T>);                                   \
  template Var<T> Sqrt(Var<T>);                                     \
  template Var<T> Scale(Var<T>, std::type_identity_t<T>);           \
  template Var<T> AddScalar(Var<T>, std::type_identity_t<T>);       \
  template Var<T> Add(Var<T>, Var<T>);                              \
  template Var<T> Sub(Var<T>, Var<T>);                              \
  template Var<T> Mul(Var<T>, Var<T>);                              \
  template Var<T> Div(Var<T>, Var<T>);                              \
  template Var<T> Activate(Var<T>, Activation);
ILD_INSTANTIATE_ELEMENTWISE(float)
ILD_INSTANTIATE_ELEMENTWISE(double)

}  // namespace learning::nn
