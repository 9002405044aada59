#pragma once
// A minimal fork-join pool: `threads` workers take indices 0 … count−1 in turn from a shared counter. Results
// must be written per index (never per worker), so the output does not depend on the thread count or on
// scheduling. The first exception stops the remaining work and is rethrown to the caller.
#include <functional>
#include <stop_token>

namespace learning::imitation {

// Calls body(worker, index) once for every index in [0, count); worker ∈ [0, threads) says which per-thread
// state (Env, driver) to use. threads ≥ 1; with 1 everything runs on the calling thread. Indices are not started
// after `stop` is requested or after a body threw.
void ParallelFor(int count, int threads, const std::function<void(int worker, int index)>& body,
                 std::stop_token stop = {});

}  // namespace learning::imitation
