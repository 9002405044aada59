// VectorEnv from C++: its rows do not depend on the thread count (bit for bit, through autoresets), and bad
// actions are refused before any env steps.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "python/src/vector_env.h"
#include "sim/env.h"

using ildrive_py::VectorEnv;

namespace {

// Steps `steps` times with a fixed action pattern per row and returns every buffer, concatenated.
struct Trace {
  std::vector<float> floats;
  std::vector<long> ints;
  int episodesEnded = 0;
};

Trace Run(int numThreads, int steps) {
  VectorEnv venv([] { return sim::MakeEnv("highway"); }, 5, numThreads, 1234, true);
  CHECK(venv.NumThreads() == numThreads);
  venv.Reset(std::nullopt);
  Trace trace;
  std::vector<float> actions(10);
  for (int t = 0; t < steps; ++t) {
    for (int i = 0; i < 5; ++i) {
      actions[2 * static_cast<size_t>(i)] = 0.3f * std::sin(0.05f * static_cast<float>(t + 7 * i));
      actions[2 * static_cast<size_t>(i) + 1] = (i % 2 == 0) ? 1.f : 0.2f;
    }
    venv.Step(actions.data());
    const ildrive_py::VectorBuffers& b = venv.Buffers();
    for (const auto& obs : b.obs) trace.floats.insert(trace.floats.end(), obs.begin(), obs.end());
    trace.floats.insert(trace.floats.end(), b.rewards.begin(), b.rewards.end());
    trace.floats.insert(trace.floats.end(), b.expertActions.begin(), b.expertActions.end());
    for (int i = 0; i < 5; ++i) {
      const size_t r = static_cast<size_t>(i);
      if (b.terminated[r] || b.truncated[r]) {
        ++trace.episodesEnded;
        trace.floats.push_back(b.episodeReturn[r]);
        trace.ints.push_back(b.episodeLength[r]);
        for (const auto& obs : b.finalObs) trace.floats.push_back(obs[r * obs.size() / 5]);
      }
      trace.ints.push_back(static_cast<long>(b.episodeSeed[r]));
    }
  }
  return trace;
}

}  // namespace

TEST_CASE("VectorEnv: 1 and 3 threads give the same rows bit for bit, autoresets included") {
  const Trace one = Run(1, 400);
  const Trace three = Run(3, 400);
  CHECK(one.episodesEnded > 0);  // the fixed actions end episodes, so autoreset is exercised
  CHECK(three.episodesEnded == one.episodesEnded);
  REQUIRE(one.floats.size() == three.floats.size());
  size_t differing = 0;
  for (size_t k = 0; k < one.floats.size(); ++k)
    differing += (std::isnan(one.floats[k]) || one.floats[k] != three.floats[k]) ? 1 : 0;
  CHECK(differing == 0);
  CHECK(one.ints == three.ints);
}

TEST_CASE("VectorEnv: a non-finite action is refused naming its row, before anything steps") {
  VectorEnv venv([] { return sim::MakeEnv("highway"); }, 3, 2, 5, false);
  std::vector<float> actions(6, 0.f);
  CHECK_THROWS_AS(venv.Step(actions.data()), std::logic_error);  // before Reset
  venv.Reset(std::nullopt);
  const std::vector<float> before = venv.Buffers().obs.front();
  actions[5] = std::nanf("");
  CHECK_THROWS_WITH_AS(venv.Step(actions.data()), doctest::Contains("row 2"), std::invalid_argument);
  CHECK(venv.Buffers().obs.front() == before);
}
