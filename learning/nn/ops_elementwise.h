#pragma once
// Elementwise ops: activations, scalar arithmetic, and binary arithmetic with broadcasting.
//
// Broadcasting: the output takes the larger extent in each dimension, and each operand's extent must divide it;
// the operand is tiled to fill the output (Eigen's replicate). So (d, B) + (d, 1) adds a bias to every column,
// (d, B) * (1, B) scales each column, (d, n·B) + (d, n) adds a per-position table to every sample of a
// sequence laid out as n columns per sample, and (d, B) * (1, 1) scales by a learned scalar. The backward sums
// the gradient over the tiles.
#include <type_traits>

#include "learning/nn/tape.h"

namespace learning::nn {

template <class T>
Var<T> Relu(Var<T> x);
// GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
template <class T>
Var<T> Gelu(Var<T> x);
template <class T>
Var<T> Tanh(Var<T> x);
template <class T>
Var<T> Sigmoid(Var<T> x);
template <class T>
Var<T> Exp(Var<T> x);
// Natural log; the caller keeps x > 0.
template <class T>
Var<T> Log(Var<T> x);
// log(1 + eˣ), computed stably.
template <class T>
Var<T> Softplus(Var<T> x);
template <class T>
Var<T> Square(Var<T> x);
// √x; the caller keeps x > 0.
template <class T>
Var<T> Sqrt(Var<T> x);

// s·x and x + s for a constant s.
template <class T>
Var<T> Scale(Var<T> x, std::type_identity_t<T> s);
template <class T>
Var<T> AddScalar(Var<T> x, std::type_identity_t<T> s);

// Broadcasting binary ops (see the header comment).
template <class T>
Var<T> Add(Var<T> a, Var<T> b);
template <class T>
Var<T> Sub(Var<T> a, Var<T> b);
template <class T>
Var<T> Mul(Var<T> a, Var<T> b);
template <class T>
Var<T> Div(Var<T> a, Var<T> b);

template <class T>
Var<T> operator+(Var<T> a, Var<T> b) {
  return Add(a, b);
}
template <class T>
Var<T> operator-(Var<T> a, Var<T> b) {
  return Sub(a, b);
}
// Elementwise (Hadamard) product; the matrix product is Matmul.
template <class T>
Var<T> operator*(Var<T> a, Var<T> b) {
  return Mul(a, b);
}
template <class T>
Var<T> operator/(Var<T> a, Var<T> b) {
  return Div(a, b);
}
template <class T>
Var<T> operator-(Var<T> x) {
  return Scale(x, T(-1));
}
template <class T>
Var<T> operator*(Var<T> x, std::type_identity_t<T> s) {
  return Scale(x, s);
}
template <class T>
Var<T> operator*(std::type_identity_t<T> s, Var<T> x) {
  return Scale(x, s);
}
template <class T>
Var<T> operator+(Var<T> x, std::type_identity_t<T> s) {
  return AddScalar(x, s);
}
template <class T>
Var<T> operator-(Var<T> x, std::type_identity_t<T> s) {
  return AddScalar(x, -s);
}

// Activation by name, for modules that take one as configuration.
enum class Activation { kNone, kRelu, kGelu, kTanh, kSigmoid };
template <class T>
Var<T> Activate(Var<T> x, Activation activation);

}  // namespace learning::nn
