#pragma once
// Random draws for sampling heads, from an explicit core::Rng (no std:: distributions: docs/design.md,
// "Habits the code keeps").
#include "core/rng.h"
#include "learning/nn/tape.h"

namespace learning::policies {

// (rows, cols) of independent N(0, scale²) draws, column-major order.
template <class T>
nn::Mat<T> NormalMatrix(int rows, int cols, core::Rng& rng, double scale = 1.0);

// (rows, cols) of independent U(0, 1) draws.
template <class T>
nn::Mat<T> UniformMatrix(int rows, int cols, core::Rng& rng);

// An index drawn from softmax(logits / temperature); temperature 0 (or `argmax`) takes the largest logit.
template <class T>
int SampleCategorical(const Eigen::Ref<const nn::Vec<T>>& logits, double temperature, bool argmax, core::Rng& rng);

}  // namespace learning::policies
