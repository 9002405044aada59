#pragma once
// `cvae`: a conditional variational autoencoder over the action vector (Sohn et al. 2015; the action decoder of
// ACT). Posterior q(z | obs, a) = N(μ, σ²) from an MLP on [features; a]; prior N(0, I); decoder MLP on
// [features; z] → action. Loss per sample: ‖a − decoder(z)‖² + klWeight · KL(q ‖ N(0, I)), with z = μ + σ·ε
// (reparameterisation, ε from the training Rng). Acting draws z from the prior (σ scaled by the temperature) and
// decodes it; the mean decode uses z = 0. Hyperparameters: latentDim (4), klWeight (0.1), width.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeCvaeHead)
}  // namespace learning::policies
