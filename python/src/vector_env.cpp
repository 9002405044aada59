#include "python/src/vector_env.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace ildrive_py {

VectorEnv::VectorEnv(const std::function<sim::Env()>& makeEnv, int numEnvs, int numThreads, uint64_t seed,
                     bool expertActions)
    : expertActions_(expertActions) {
  if (numEnvs < 1) throw std::invalid_argument("VectorEnv: num_envs must be >= 1, got " + std::to_string(numEnvs));
  if (numThreads < 0)
    throw std::invalid_argument("VectorEnv: num_threads must be >= 0 (0 = all cores), got " + std::to_string(numThreads));
  if (numThreads == 0) numThreads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  numThreads = std::min(numThreads, numEnvs);
  envs_.reserve(static_cast<size_t>(numEnvs));
  for (int i = 0; i < numEnvs; ++i) envs_.emplace_back(makeEnv());
  pool_ = std::make_unique<WorkerPool>(numThreads);
  const size_t n = static_cast<size_t>(numEnvs);
  for (const auto& [key, dim] : ObsLayout()) {
    buffers_.obs.emplace_back(n * static_cast<size_t>(dim), 0.f);
    buffers_.finalObs.emplace_back(n * static_cast<size_t>(dim), 0.f);
  }
  buffers_.rewards.assign(n, 0.f);
  buffers_.terminated.assign(n, 0);
  buffers_.truncated.assign(n, 0);
  buffers_.expertActions.assign(2 * n, 0.f);
  buffers_.episodeReturn.assign(n, 0.f);
  buffers_.episodeLength.assign(n, 0);
  buffers_.episodeSuccess.assign(n, 0);
  buffers_.episodeSeed.assign(n, 0);
  returns_.assign(n, 0.0);
  lengths_.assign(n, 0);
  firstSeed_ = seed;
}

void VectorEnv::WriteObservation(int i, const sim::Observation& obs, std::vector<std::vector<float>>& target) {
  const Layout& layout = ObsLayout();
  for (size_t k = 0; k < layout.size(); ++k) {
    const std::span<const float> values = obs.Get(layout[k].first);
    std::copy(values.begin(), values.end(), target[k].begin() + static_cast<std::ptrdiff_t>(i) * layout[k].second);
  }
}

void VectorEnv::WriteExpert(int i) {
  if (!expertActions_) return;
  const sim::Action a = envs_[static_cast<size_t>(i)].Inner().ExpertAction();
  buffers_.expertActions[2 * static_cast<size_t>(i)] = a.steer;
  buffers_.expertActions[2 * static_cast<size_t>(i) + 1] = a.accel;
}

void VectorEnv::Reset(std::optional<uint64_t> seed) {
  if (closed_) throw std::logic_error("VectorEnv.reset() after close()");
  if (!reset_ && !seed) seed = firstSeed_;
  pool_->Run(NumEnvs(), [&](int i) {
    GymEnv& env = envs_[static_cast<size_t>(i)];
    const sim::Observation& obs =
        env.Reset(seed ? std::optional<uint64_t>(*seed + static_cast<uint64_t>(i)) : std::nullopt);
    WriteObservation(i, obs, buffers_.obs);
    WriteExpert(i);
    buffers_.rewards[static_cast<size_t>(i)] = 0.f;
    buffers_.terminated[static_cast<size_t>(i)] = 0;
    buffers_.truncated[static_cast<size_t>(i)] = 0;
    buffers_.episodeSeed[static_cast<size_t>(i)] = env.EpisodeSeed();
    returns_[static_cast<size_t>(i)] = 0.0;
    lengths_[static_cast<size_t>(i)] = 0;
  });
  reset_ = true;
}

void VectorEnv::Step(const float* actions) {
  if (closed_) throw std::logic_error("VectorEnv.step() after close()");
  if (!reset_) throw std::logic_error("VectorEnv.step() before reset(): call reset() first");
  for (int i = 0; i < NumEnvs(); ++i) CheckAction(sim::Action{actions[2 * i], actions[2 * i + 1]}, "VectorEnv.step()", i);
  pool_->Run(NumEnvs(), [&](int i) {
    const size_t r = static_cast<size_t>(i);
    GymEnv& env = envs_[r];
    const sim::StepResult& result = env.Step(sim::Action{actions[2 * i], actions[2 * i + 1]});
    returns_[r] += result.reward;
    ++lengths_[r];
    buffers_.rewards[r] = result.reward;
    buffers_.terminated[r] = result.terminated ? 1 : 0;
    buffers_.truncated[r] = result.truncated ? 1 : 0;
    if (result.terminated || result.truncated) {
      WriteObservation(i, result.observation, buffers_.finalObs);
      buffers_.episodeReturn[r] = static_cast<float>(returns_[r]);
      buffers_.episodeLength[r] = lengths_[r];
      buffers_.episodeSuccess[r] = env.Inner().Metrics().success ? 1 : 0;
      returns_[r] = 0.0;
      lengths_[r] = 0;
      WriteObservation(i, env.Reset(std::nullopt), buffers_.obs);
      buffers_.episodeSeed[r] = env.EpisodeSeed();
    } else {
      WriteObservation(i, result.observation, buffers_.obs);
    }
    WriteExpert(i);
  });
}

void VectorEnv::Close() {
  closed_ = true;
  for (GymEnv& env : envs_) env.Close();
}

}  // namespace ildrive_py
