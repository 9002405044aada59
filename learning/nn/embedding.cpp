#include "learning/nn/embedding.h"

#include <string>

#include "learning/nn/ops_elementwise.h"
#include "learning/nn/ops_embedding.h"

namespace learning::nn {

namespace {
constexpr double kEmbeddingStddev = 0.02;

template <class T>
ParamRef<T> NormalTable(Parameters<T>& params, const std::string& name, int width, int count, core::Rng& rng) {
  ParamRef<T> table = params.Add(name + ".table", width, count, false);
  MatMap<T> v = table.Value();
  for (Eigen::Index i = 0; i < v.size(); ++i) v.data()[i] = static_cast<T>(rng.Normal(0.0, kEmbeddingStddev));
  return table;
}
}  // namespace

template <class T>
Embedding<T>::Embedding(Parameters<T>& params, const std::string& name, int width, int count, core::Rng& rng)
    : table_(NormalTable(params, name, width, count, rng)) {}

template <class T>
Var<T> Embedding<T>::Forward(Tape<T>& tape, std::span<const int> indices) const {
  return EmbeddingLookup(tape.Param(table_), indices);
}

template <class T>
LearnedPositionalEmbedding<T>::LearnedPositionalEmbedding(Parameters<T>& params, const std::string& name, int width,
                                                          int seqLen, core::Rng& rng)
    : table_(NormalTable(params, name, width, seqLen, rng)) {}

template <class T>
Var<T> LearnedPositionalEmbedding<T>::Forward(Var<T> x) const {
  Var<T> table = x.tape->Param(table_);
  if (x.Rows() != table.Rows() || x.Cols() % table.Cols() != 0)
    throw core::Error("LearnedPositionalEmbedding: input " + std::to_string(x.Rows()) + "x" + std::to_string(x.Cols()) +
                      " is not width " + std::to_string(table.Rows()) + " by a multiple of seqLen " +
                      std::to_string(table.Cols()));
  return Add(x, table);
}

template class Embedding<float>;
template class Embedding<double>;
template class LearnedPositionalEmbedding<float>;
template class LearnedPositionalEmbedding<double>;

}  // namespace learning::nn
