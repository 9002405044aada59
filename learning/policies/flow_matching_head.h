#pragma once
// `flow_matching`: conditional flow matching with straight paths (Lipman et al. 2023; rectified flow, Liu et al.
// 2023; the action expert of π0). A velocity network v(x_t, t, obs) — an MLP on [x_t; sinusoidal(t); features]
// with two hidden layers of `width` — is trained on x_t = (1 − t)·x0 + t·x1 between noise x0 ~ N(0, I) and the
// demonstrated action x1, t ~ U(0, 1), with the loss ‖v − (x1 − x0)‖² (mean over entries). Acting integrates
// dx/dt = v from x0 ~ N(0, temperature²·I) at t = 0 to t = 1 in K Euler steps (flowSteps, default 10); the mean
// decode starts from x0 = 0.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeFlowMatchingHead)
}  // namespace learning::policies
