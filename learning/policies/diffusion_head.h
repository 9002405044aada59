#pragma once
// `diffusion`: a denoising diffusion policy (DDPM, Ho et al. 2020; as an action head, Chi et al. 2023's Diffusion
// Policy). A noise network ε(x_t, t, obs) — an MLP on [x_t; sinusoidal(t); features] with two hidden layers of
// `width`, as flow matching's velocity network — is trained on x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·ε with ε ~ N(0, I),
// t ~ U{1 … T} and the loss ‖ε(x_t, t) − ε‖² (mean over entries). The noise schedule is the cosine one of Nichol &
// Dhariwal (2021): ᾱ_t = f(t)/f(0), f(t) = cos²((t/T + 0.008)/1.008 · π/2), each β_t capped at 0.999. Key
// hyperparameters: T (`diffusionSteps`, default 100), the sampler (`diffusionSampler`: "ddim", deterministic
// DDIM with η = 0 over K = `ddimSteps` evenly spaced timesteps, default 10 like flow matching's Euler steps;
// or "ddpm", ancestral sampling through all T steps with the posterior variance β̃_t), and the temperature, which
// scales the initial noise x_T (and DDPM's per-step noise). Every step predicts x0 from ε and clips it to
// [-1, 1] (actions live there), as Diffusion Policy does. The mean decode starts from x_T = 0 without noise.
#include <vector>

#include "learning/policies/head.h"

namespace learning::policies {

ILD_DECLARE_HEAD_FACTORY(MakeDiffusionHead)

// The cosine schedule's ᾱ_0 … ᾱ_T (ᾱ_0 = 1), with each β_t = 1 − ᾱ_t/ᾱ_{t−1} capped at 0.999. T ≥ 1.
std::vector<double> CosineAlphaBars(int diffusionSteps);

// DDIM's K timesteps, descending from T: round(i·T/K) for i = K … 1 (distinct, since K ≤ T). 1 ≤ K ≤ T.
std::vector<int> DdimTimesteps(int diffusionSteps, int samplingSteps);

}  // namespace learning::policies
