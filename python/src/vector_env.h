#pragma once
// N environments of one scenario stepped together on a pool of worker threads (EnvPool's design, no Python here).
// Results go into preallocated buffers, one row per environment, that the Python binding exposes as numpy
// views. Environment i plays the seed sequence of GymEnv starting at seed + i (Gymnasium's vector convention),
// and autoresets: when its episode ends, the row holds the first observation of its next episode, the flags
// say why the previous one ended, and the final observation and the episode's return, length and success are
// kept in their own rows. Every environment's work depends on its index only, so any thread count gives the same
// results bit for bit.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "python/src/gym_env.h"
#include "python/src/worker_pool.h"

namespace ildrive_py {

struct VectorBuffers {
  std::vector<std::vector<float>> obs;       // per layout key: (N, dim) row-major
  std::vector<std::vector<float>> finalObs;  // per layout key: (N, dim), rows of envs whose episode just ended
  std::vector<float> rewards;                // (N)
  std::vector<uint8_t> terminated;           // (N) numpy bool
  std::vector<uint8_t> truncated;            // (N)
  std::vector<float> expertActions;          // (N, 2) the expert's action for the current row's state (if on)
  std::vector<float> episodeReturn;          // (N) of the episode that just ended (rows with a flag set)
  std::vector<int32_t> episodeLength;        // (N) control steps
  std::vector<uint8_t> episodeSuccess;       // (N)
  std::vector<uint64_t> episodeSeed;         // (N) seed of the episode each row is playing now
};

class VectorEnv {
 public:
  // `makeEnv` is called N times on the calling thread. numThreads 0 = one per hardware thread (at most N).
  VectorEnv(const std::function<sim::Env()>& makeEnv, int numEnvs, int numThreads, uint64_t seed,
            bool expertActions);

  // Resets every env (seed: env i plays seed + i; none: the next episode of each sequence).
  void Reset(std::optional<uint64_t> seed);
  // actions: (N, 2) row-major. Non-finite entries are std::invalid_argument naming the row (nothing stepped);
  // before Reset or after Close std::logic_error.
  void Step(const float* actions);
  void Close();

  int NumEnvs() const { return static_cast<int>(envs_.size()); }
  int NumThreads() const { return pool_->Threads(); }
  bool Closed() const { return closed_; }
  bool ExpertActions() const { return expertActions_; }
  const Layout& ObsLayout() const { return envs_.front().ObsLayout(); }
  VectorBuffers& Buffers() { return buffers_; }
  const std::string& ScenarioName() const { return envs_.front().Inner().ScenarioName(); }
  const GymEnv& Env(int i) const { return envs_[static_cast<size_t>(i)]; }

 private:
  void WriteObservation(int i, const sim::Observation& obs, std::vector<std::vector<float>>& target);
  void WriteExpert(int i);

  std::vector<GymEnv> envs_;
  std::unique_ptr<WorkerPool> pool_;
  VectorBuffers buffers_;
  std::vector<double> returns_;  // running return per env
  std::vector<int> lengths_;
  bool expertActions_;
  uint64_t firstSeed_ = 0;  // the first Reset without a seed starts env i at firstSeed_ + i
  bool reset_ = false;
  bool closed_ = false;
};

}  // namespace ildrive_py
