#pragma once
// `gaussian`: a diagonal Gaussian over the action vector, trained by negative log-likelihood. A Linear layer
// gives the mean and a raw log-std per dimension; log σ = floor + (0 − floor)·sigmoid(raw) keeps σ in
// [e^floor, 1] (logStdFloor, default −4). Unimodal: with two modes the mean lands between them.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeGaussianHead)
}  // namespace learning::policies
