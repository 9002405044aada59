#pragma once
// Weight initialisation from an explicit Rng (fan-in = columns, fan-out = rows of a (out, in) weight).
// Kaiming (He et al. 2015) keeps ReLU activations' variance: std = √(2/fanIn). Xavier (Glorot & Bengio 2010)
// balances forward and backward variance for tanh/sigmoid/linear: std = √(2/(fanIn + fanOut)). The uniform
// variants draw from ±√3·std (same variance). Elements are drawn in column-major order.
#include "core/rng.h"
#include "learning/nn/tape.h"

namespace learning::nn {

enum class Init { kZeros, kKaimingUniform, kKaimingNormal, kXavierUniform, kXavierNormal };

template <class T>
void Initialise(MatMap<T> weight, Init init, core::Rng& rng);

}  // namespace learning::nn
