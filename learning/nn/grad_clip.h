#pragma once
// Gradient clipping by global norm (Pascanu et al. 2013), as PyTorch's clip_grad_norm_: with
// n = ‖all gradients‖₂, every gradient is multiplied by maxNorm/(n + 1e-6) when that factor is below 1.
#include "learning/nn/parameters.h"

namespace learning::nn {

// ‖all gradients of the store‖₂ (accumulated in double).
template <class T>
double GlobalGradNorm(const Parameters<T>& params);

// Clips in place; returns the norm before clipping (worth logging: spikes show instability).
template <class T>
double ClipGradNorm(Parameters<T>& params, double maxNorm);

}  // namespace learning::nn
