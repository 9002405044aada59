#include "app/gui/fan_job.h"

#include <exception>
#include <utility>

#include "app/gui/background_thread.h"

namespace app {

FanJob::~FanJob() {
  if (worker_.joinable()) {
    worker_.request_stop();
    wake_.notify_all();
    worker_.join();
  }
}

void FanJob::Request(FanRequest request) {
  {
    std::lock_guard lock(mutex_);
    pending_ = std::move(request);
  }
  if (!worker_.joinable()) worker_ = std::jthread([this](std::stop_token stop) { Work(stop); });
  wake_.notify_all();
}

void FanJob::Clear() {
  std::lock_guard lock(mutex_);
  pending_.reset();
  latest_ = {};
  ++generation_;
}

Fan FanJob::Latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

bool FanJob::Busy() const {
  std::lock_guard lock(mutex_);
  return computing_ || pending_.has_value();
}

void FanJob::Work(std::stop_token stop) {
  LowerThisThreadPriority();
  while (true) {
    FanRequest request;
    long generation = 0;
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [this] { return pending_.has_value(); })) return;
      request = std::move(*pending_);
      pending_.reset();
      computing_ = true;
      generation = generation_;
    }
    auto abandoned = [&] {
      if (stop.stop_requested()) return true;
      std::lock_guard lock(mutex_);
      return generation != generation_;
    };
    std::optional<Fan> fan;
    try {
      fan = RollOutFan(request, abandoned);
    } catch (const std::exception&) {
      // The state cannot be replayed (e.g. the episode ended meanwhile): no fan for it; the next request follows.
    }
    std::lock_guard lock(mutex_);
    computing_ = false;
    if (fan && !stop.stop_requested() && generation == generation_) latest_ = std::move(*fan);
  }
}

}  // namespace app
