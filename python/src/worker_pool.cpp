#include "python/src/worker_pool.h"

#include <algorithm>

namespace ildrive_py {

WorkerPool::WorkerPool(int threads) {
  for (int i = 1; i < std::max(threads, 1); ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void WorkerPool::Drain() {
  for (int i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) {
    try {
      (*body_)(i);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (errorIndex_ < 0 || i < errorIndex_) {
        errorIndex_ = i;
        error_ = std::current_exception();
      }
    }
  }
}

void WorkerPool::WorkerLoop() {
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
    }
    Drain();
    {
      std::lock_guard lock(mutex_);
      if (--busy_ == 0) finished_.notify_one();
    }
  }
}

void WorkerPool::Run(int count, const std::function<void(int)>& body) {
  if (count <= 0) return;
  body_ = &body;
  count_ = count;
  next_.store(0);
  error_ = nullptr;
  errorIndex_ = -1;
  if (!workers_.empty() && count > 1) {
    {
      std::lock_guard lock(mutex_);
      busy_ = static_cast<int>(workers_.size());
      ++generation_;
    }
    wake_.notify_all();
    Drain();
    std::unique_lock lock(mutex_);
    finished_.wait(lock, [&] { return busy_ == 0; });
  } else {
    Drain();
  }
  body_ = nullptr;
  if (error_) std::rethrow_exception(error_);
}

}  // namespace ildrive_py
