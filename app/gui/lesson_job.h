#pragma once
// A lesson (learning/imitation/lessons/) on a worker thread, so the window keeps drawing: the job runs the
// registry's RunLesson with a progress callback that publishes the current stage through a mutex-guarded status
// the UI reads each frame, and hands over the result table whole. Cancel only *asks* (the lesson checks between
// stages, which can take seconds): the window never waits for it; the status says "cancelling" until the worker
// has stopped. The destructor asks and joins.
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "app/gui/lesson_figures_window.h"
#include "learning/imitation/lessons/lesson_registry.h"

namespace app {

struct LessonStatus {
  bool running = false;
  bool cancelling = false;
  std::string lesson;  // the lesson started last
  std::string stage;   // the stage in progress
  int done = 0;        // stages done of `total`
  int total = 0;
  std::shared_ptr<const learning::imitation::LessonResult> result;  // the finished table (nullptr until then)
  std::shared_ptr<const LessonFigureImages> figures;  // its figures, drawn after the table (nullptr until then)
  std::string message;  // outcome line, or the error (e.g. "… cancelled")
};

class LessonJob {
 public:
  ~LessonJob();
  // Checks the name on the calling thread (core::Error for an unknown lesson or while one runs), then runs the
  // lesson on a worker thread. `options.progress` and `options.cancel` are the job's own.
  void Start(const std::string& name, learning::imitation::LessonOptions options);
  // Asks the running lesson to stop at its next stage; returns at once.
  void Cancel();
  LessonStatus Status() const;

 private:
  mutable std::mutex mutex_;
  LessonStatus status_;
  std::jthread worker_;
};

}  // namespace app
