#pragma once
// The one table of lessons (experiments that run recording, training and evaluation end to end and print a
// method × metric table with 95% intervals). `ildrive lesson --list`, `ildrive lesson NAME` and the GUI iterate
// Lessons(); a lesson is a plain library call with a progress callback and cooperative cancel.
// docs/design.md records the conditions under which each effect shows; docs/lessons.md the measured tables.
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include "learning/imitation/lessons/lesson_table.h"

namespace learning::imitation {

class LessonTaskState;  // lesson_tasks.h

struct LessonOptions {
  bool quick = false;     // ≤ 30 s on 2 cores: fewer episodes, seeds and training steps (the test suite's mode)
  int seeds = 0;          // training seeds per method (0: the lesson's default, ≥ 3 in a full run)
  int evalEpisodes = 0;   // held-out evaluation episodes per trained policy (0: the lesson's default, ≥ 100 full)
  uint64_t seed = 0;      // base seed of everything (demonstrations, training, held-out evaluation)
  int threads = 2;        // rollouts and evaluation
  bool sweep = false;     // the lesson's sweeps (training-budget, data-size, count curves) instead of its tables: long
  // Called at the start of every stage ("train bc+lamp seed 2"), with stages done and planned.
  std::function<void(const std::string& stage, int done, int total)> progress;
  std::stop_token cancel;  // checked between stages: a cancelled lesson throws core::Error("… cancelled")
  // Set by RunLessonTask / MergeLessonTasks (lesson_tasks.h): the run is one task of a split run, or its merge.
  std::shared_ptr<LessonTaskState> tasks;
};

struct LessonEntry {
  std::string name;
  std::string description;  // one line
  LessonResult (*run)(const LessonOptions&) = nullptr;
};

// The table, built on each call.
std::vector<LessonEntry> Lessons();
// core::Error listing the valid names for an unknown one.
LessonEntry FindLesson(const std::string& name);
// Runs the lesson and stamps the result with its name and wall time.
LessonResult RunLesson(const std::string& name, const LessonOptions& options);

}  // namespace learning::imitation
