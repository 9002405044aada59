#include "learning/policies/chunk_executor.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace learning::policies {

ChunkExecutor::ChunkExecutor(int chunk, int execute, bool temporalEnsemble, double ensembleDecay)
    : chunk_(chunk), execute_(execute), ensemble_(temporalEnsemble), decay_(ensembleDecay) {
  ILD_CHECK(chunk >= 1 && execute >= 1 && execute <= chunk, "ChunkExecutor needs 1 <= execute <= chunk");
  ILD_CHECK(ensembleDecay >= 0.0, "ChunkExecutor needs a non-negative decay");
}

void ChunkExecutor::Reset() {
  chunks_.clear();
  planned_ = false;
}

bool ChunkExecutor::NeedsPlan() const {
  if (ensemble_) return !planned_;
  return chunks_.empty() || chunks_.front().age >= execute_;
}

void ChunkExecutor::Push(const Eigen::VectorXf& chunk) {
  if (chunk.size() != 2 * chunk_)
    throw core::Error("ChunkExecutor: a chunk of " + std::to_string(chunk.size()) + " values, expected 2·H = " +
                      std::to_string(2 * chunk_));
  if (!ensemble_) chunks_.clear();
  chunks_.push_back(Stored{chunk, 0});
  planned_ = true;
}

Eigen::Vector2f ChunkExecutor::Next() {
  ILD_CHECK(!NeedsPlan(), "ChunkExecutor::Next needs a chunk first (NeedsPlan)");
  Eigen::Vector2f action;
  if (!ensemble_) {
    Stored& s = chunks_.front();
    action = s.actions.segment<2>(2 * s.age);
    ++s.age;
    return action;
  }
  Eigen::Vector2d sum = Eigen::Vector2d::Zero();
  double total = 0.0;
  int i = 0;
  for (const Stored& s : chunks_) {  // oldest first: i = 0 weighs most
    const double w = std::exp(-decay_ * i++);
    sum += w * s.actions.segment<2>(2 * s.age).cast<double>();
    total += w;
  }
  action = (sum / total).cast<float>();
  for (Stored& s : chunks_) ++s.age;
  while (!chunks_.empty() && chunks_.front().age >= chunk_) chunks_.pop_front();
  planned_ = false;
  return action;
}

}  // namespace learning::policies
