#pragma once
// A lesson run split into independent tasks, for sweeps spread over many machines (python -m ildrive.sweep).
//
// The split is the lessons' own: the jobs every lesson already runs side by side (RunSideBySide: one network of
// one arm and one training seed, trained and evaluated) are the units. The k-th RunSideBySide call of a run is
// its wave k. A task i/n replays the run up to the first wave whose jobs are not all recorded yet, runs the jobs j
// of that wave with j % n == i, and returns what their expensive steps produced (TrainPolicy: the weights and the
// training result; EvaluateOn / EvaluateDrivers: the evaluation) as records. Everything else (demonstrations,
// tables) is recomputed from the seeds, deterministically, wherever it is needed. Later waves (DAgger rows that
// start from an earlier wave's clones) take the earlier waves' records as input. A merge replays every job from
// the records and so produces exactly the tables and JSON of a local run (the wall-clock `seconds` aside).
// A lesson's work outside RunSideBySide runs in every task (correct, not spread).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learning/imitation/evaluation.h"
#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"

namespace learning::imitation {

struct LessonTaskSpec {
  int index = 0;  // in [0, count)
  int count = 1;  // ≥ 1
};
// "i/n" (0 ≤ i < n); core::Error naming the text otherwise.
LessonTaskSpec ParseLessonTaskSpec(const std::string& text);

struct LessonTaskOutput {
  bool complete = false;  // no job was left to run: `result` is the lesson's result (a merge)
  LessonResult result;
  int wave = -1;          // the wave this task ran its share of (when not complete)
  int jobs = 0;           // jobs in that wave
  std::vector<int> ran;   // the jobs it ran
  std::string records;    // JSON: the records given plus this task's (MergeLessonRecords' format)
};

// Runs task `spec` of lesson `name` given the records of earlier tasks ("" for none). core::Error for an unknown
// lesson, records of another lesson or other options, or a lesson error.
LessonTaskOutput RunLessonTask(const std::string& name, const LessonOptions& options, const LessonTaskSpec& spec,
                               const std::string& records = "");
// Replays every job from `records` and returns the lesson's result; core::Error naming the first job without a
// record (its wave and index) when the tasks did not cover the run.
LessonResult MergeLessonTasks(const std::string& name, const LessonOptions& options, const std::string& records);
// One records JSON from several (the same lesson and options; core::Error naming the first that differs).
std::string MergeLessonRecords(const std::vector<std::string>& records);

// ---- For lesson_common (the jobs and the primitives that record or replay) ----

class LessonTaskState;  // lesson_tasks.cpp; held by LessonOptions::tasks

// The job the calling thread is running inside a task or merge run (nullptr otherwise). Its primitives record
// their results, or replay them in call order.
class LessonJob {
 public:
  virtual ~LessonJob() = default;
  virtual std::optional<TrainResult> ReplayTraining(std::shared_ptr<policies::Policy>& policy) = 0;
  virtual void RecordTraining(const policies::Policy& policy, const TrainResult& result) = 0;
  virtual std::optional<EvaluationSummary> ReplayEvaluation() = 0;
  virtual void RecordEvaluation(const EvaluationSummary& summary) = 0;
};
LessonJob* CurrentLessonJob();

// RunSideBySide inside a task or merge run: replays the wave when every job is recorded, else runs this task's
// share of it (`sideBySide(n, body)` runs body(0 … n-1) side by side), records it and ends the task's run.
void RunLessonWave(LessonTaskState& state, int count,
                   const std::function<void(int n, const std::function<void(int)>& body)>& sideBySide,
                   const std::function<void(int index)>& job);

}  // namespace learning::imitation
