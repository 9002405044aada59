#pragma once
// The Lessons panel: pick a lesson from the registry (learning/imitation/lessons/lesson_registry.h), run it
// quick or full in the background (LessonJob) with its stage progress and Cancel, and read the resulting tables
// (method × metric, 95% intervals) in the window; Watch on a row loads the policy the lesson trained for it in the
// lesson's scenario and lets it drive (a watch run). Draws from a plain model; writes only intents.
#include <string>
#include <vector>

#include "app/gui/intents.h"
#include "app/gui/lesson_job.h"

namespace app {

// The machine's hardware threads (at least 1), as `ildrive eval` uses by default.
int DefaultLessonThreads();

struct LessonsPanelState {
  int lesson = 0;  // index into the registry
  bool quick = true;
  int seeds = 0;         // 0: the lesson's default
  int evalEpisodes = 0;  // 0: the lesson's default
  int seed = 0;
  int threads = DefaultLessonThreads();  // rollout and evaluation threads
  int detailsTable = -1;  // the result row whose intervals are listed under its table (clicked), -1: none
  int detailsRow = -1;
};

struct LessonsPanelModel {
  std::vector<std::string> names;  // registry order
  std::vector<std::string> descriptions;
  LessonStatus status;
};

// Returns the number of result rows drawn this frame (0 when collapsed or without a result).
int DrawLessonsPanel(const LessonsPanelModel& model, LessonsPanelState& state, Intents& intents, bool* open);

}  // namespace app
