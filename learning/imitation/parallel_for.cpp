#include "learning/imitation/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.h"

namespace learning::imitation {

void ParallelFor(int count, int threads, const std::function<void(int worker, int index)>& body,
                 std::stop_token stop) {
  ILD_CHECK(count >= 0 && threads >= 1, "ParallelFor needs count >= 0 and threads >= 1");
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex errorMutex;

  auto work = [&](int worker) {
    while (!failed.load() && !stop.stop_requested()) {
      const int index = next.fetch_add(1);
      if (index >= count) return;
      try {
        body(worker, index);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(errorMutex);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  };

  const int workers = std::max(1, std::min(threads, count));
  {
    std::vector<std::jthread> pool;
    for (int w = 1; w < workers; ++w) pool.emplace_back(work, w);
    work(0);
  }  // joins
  if (error) std::rethrow_exception(error);
}

}  // namespace learning::imitation
