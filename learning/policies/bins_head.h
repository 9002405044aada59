#pragma once
// `bins`: every action dimension is discretised into `bins` bins (bin_grid.h) and predicted by an independent
// softmax, trained by cross-entropy — multimodal per dimension, but the dimensions are sampled independently,
// so covarying dimensions (lane and speed) get mixed into combinations nobody demonstrated. docs/design.md: ≥ 31
// bins, odd, finer near zero (binWarp 1.5). Sampling draws each dimension's bin from softmax(logits /
// temperature) and returns its centre; the mean decode takes the argmax bin.
#include "learning/policies/head.h"

namespace learning::policies {
ILD_DECLARE_HEAD_FACTORY(MakeBinsHead)
}  // namespace learning::policies
