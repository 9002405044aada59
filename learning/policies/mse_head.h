#pragma once
// `mse`: a Linear layer regresses the action vector, trained with the mean squared error. Deterministic: it
// predicts the conditional mean, which averages the modes of a multimodal expert (the lecture's failure case).
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeMseHead)
}  // namespace learning::policies
