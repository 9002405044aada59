#pragma once
// `flow`: a conditional normalizing flow with affine coupling layers (RealNVP, Dinh et al. 2017). The action
// vector is split into halves A (first D/2 rows) and B; generative layer l transforms one half given the other
// and the observation features, alternating: x_trans ← x_trans · exp(s) + t, with (s, t) from an MLP on
// [x_cond; features] and s = 2·tanh(raw) for stability. A final conditional elementwise affine (from the features
// alone, s bounded by 3) sets location and scale. Training inverts the layers from the action back to the base
// N(0, I) and maximises the exact log-likelihood log N(z) − Σ s. Acting pushes z ~ N(0, temperature²·I)
// through the layers; the mean decode pushes z = 0. Training adds N(0, flowNoise²) to the demonstrated actions
// (dequantisation): repeated identical demonstrations are point masses, whose likelihood a flow can only chase
// with ever smaller scales; measured on the two-mode toy, 0.03 turned a smeared fit into two clean modes.
// Hyperparameters: flowLayers (6), flowNoise (0.03), width.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeFlowHead)
}  // namespace learning::policies
