#pragma once
// Learned embeddings. Embedding: a table of `count` vectors ("<name>.table", (width, count), normal(0, 0.02)
// like GPT-2) looked up by index, e.g. discrete bins of an autoregressive head. LearnedPositionalEmbedding: one
// vector per position ("<name>.table", (width, seqLen)) added to a sequence laid out as seqLen adjacent columns
// per sample. For fixed sinusoidal features see ops_embedding.h.
#include <span>
#include <string>

#include "core/rng.h"
#include "learning/nn/parameters.h"

namespace learning::nn {

template <class T>
class Embedding {
 public:
  Embedding() = default;
  Embedding(Parameters<T>& params, const std::string& name, int width, int count, core::Rng& rng);

  // indices (B values in [0, count)) → (width, B).
  Var<T> Forward(Tape<T>& tape, std::span<const int> indices) const;

 private:
  ParamRef<T> table_;
};

template <class T>
class LearnedPositionalEmbedding {
 public:
  LearnedPositionalEmbedding() = default;
  LearnedPositionalEmbedding(Parameters<T>& params, const std::string& name, int width, int seqLen, core::Rng& rng);

  // x (width, seqLen·B) → x + the position's vector in every column.
  Var<T> Forward(Var<T> x) const;

 private:
  ParamRef<T> table_;
};

extern template class Embedding<float>;
extern template class Embedding<double>;
extern template class LearnedPositionalEmbedding<float>;
extern template class LearnedPositionalEmbedding<double>;

}  // namespace learning::nn
