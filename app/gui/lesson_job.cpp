#include "app/gui/lesson_job.h"

#include <cstdio>
#include <exception>

#include "app/render/figure_chart.h"
#include "learning/imitation/figures/lesson_figures.h"
#include "core/error.h"

namespace app {

LessonJob::~LessonJob() {
  if (worker_.joinable()) {
    worker_.request_stop();
    worker_.join();
  }
}

void LessonJob::Start(const std::string& name, learning::imitation::LessonOptions options) {
  if (Status().running) throw core::Error("a lesson is still running: cancel it or wait for it to finish");
  learning::imitation::FindLesson(name);  // throws, listing the valid names
  if (worker_.joinable()) worker_.join();  // the previous run has finished: this returns at once
  {
    std::lock_guard lock(mutex_);
    status_ = {};
    status_.running = true;
    status_.lesson = name;
    status_.stage = "starting";
  }
  worker_ = std::jthread([this, name, options = std::move(options)](std::stop_token stop) mutable {
    // Normal priority, unlike training: a lesson is what the user waits for, and a lowered (nice +5) worker lost
    // to every other process on a busy machine (goal_conditioned --quick: 33 s at nice 5 with 1 thread vs 18 s at
    // nice 0 with 2, measured in the same minutes). The frame loop sleeps most of each frame, so the scheduler
    // still wakes it promptly.
    options.cancel = stop;
    options.progress = [this](const std::string& stage, int done, int total) {
      std::lock_guard lock(mutex_);
      status_.stage = stage;
      status_.done = done;
      status_.total = total;
    };
    std::shared_ptr<const learning::imitation::LessonResult> result;
    std::string message;
    try {
      result = std::make_shared<const learning::imitation::LessonResult>(
          learning::imitation::RunLesson(name, options));
      char line[96];
      std::snprintf(line, sizeof line, "finished in %.1f s", result->seconds);
      message = line;
    } catch (const std::exception& e) {
      message = e.what();
    }
    std::shared_ptr<const LessonFigureImages> figures;
    if (result) {
      {
        std::lock_guard lock(mutex_);
        status_.result = result;  // the table shows while the figures are drawn
        status_.stage = "figures";
      }
      try {
        auto images = std::make_shared<LessonFigureImages>();
        learning::imitation::LessonFigureOptions figureOptions;
        figureOptions.quick = options.quick;
        figureOptions.threads = options.threads;
        figureOptions.seed = options.seed;
        for (const learning::imitation::Figure& f : learning::imitation::LessonFigures(*result, figureOptions)) {
          images->names.push_back(f.name);
          images->images.push_back(DrawFigure(f));
        }
        figures = std::move(images);
      } catch (const std::exception& e) {
        message += std::string("; figures failed: ") + e.what();
      }
    }
    std::lock_guard lock(mutex_);
    status_.figures = std::move(figures);
    status_.running = false;
    status_.cancelling = false;
    status_.result = std::move(result);
    status_.message = message;
    if (status_.result) status_.done = status_.total;
  });
}

void LessonJob::Cancel() {
  if (!worker_.joinable()) return;
  worker_.request_stop();
  std::lock_guard lock(mutex_);
  if (status_.running) status_.cancelling = true;
}

LessonStatus LessonJob::Status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

}  // namespace app
