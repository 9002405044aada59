#pragma once
// Persistent worker threads for the vectorised environment: Run(count, body) calls body(index) once for every
// index in [0, count) on the pool's threads plus the calling thread, and returns when all are done. Threads are
// started once and sleep between runs, so a step of many environments costs one wake-up, not thread creation.
// Results must be written per index, so nothing depends on which thread ran what. The exception of the lowest
// failing index is rethrown to the caller.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ildrive_py {

class WorkerPool {
 public:
  // `threads` ≥ 1 counts the calling thread: 1 runs everything on the caller.
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int Threads() const { return static_cast<int>(workers_.size()) + 1; }
  void Run(int count, const std::function<void(int index)>& body);

 private:
  void WorkerLoop();
  void Drain();

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  uint64_t generation_ = 0;  // bumped per Run
  int busy_ = 0;             // workers still inside the current run
  bool stopping_ = false;
  // The current run (valid while busy_ > 0 or the caller is draining).
  const std::function<void(int)>* body_ = nullptr;
  int count_ = 0;
  std::atomic<int> next_{0};
  std::exception_ptr error_;
  int errorIndex_ = -1;
};

}  // namespace ildrive_py
