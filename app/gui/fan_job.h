#pragma once
// The prediction fan (policy_fan.h) on a worker thread, so the window never waits for it: the app posts the newest
// state it wants a fan for (a newer request replaces one still waiting), the worker computes one fan at a time at
// a lowered priority, and the app draws the latest finished fan that still belongs to the episode on screen.
// Clear drops the waiting request and abandons the fan in progress (a new episode, scenario or policy).
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "app/gui/policy_fan.h"

namespace app {

class FanJob {
 public:
  ~FanJob();
  // Starts the worker on first use.
  void Request(FanRequest request);
  void Clear();
  // The latest finished fan (step −1 before the first, or after Clear).
  Fan Latest() const;
  // A request is waiting or a fan is being computed.
  bool Busy() const;

 private:
  void Work(std::stop_token stop);

  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  std::optional<FanRequest> pending_;
  bool computing_ = false;
  long generation_ = 0;  // bumped by Clear: a fan computed for an older generation is dropped
  Fan latest_;
  std::jthread worker_;  // declared last: stopped and joined first
};

}  // namespace app
