#pragma once
// What the chunking lesson measures besides the evaluation summary: how much the executed command changes from
// step to step (smoothness: open-loop chunks and temporal ensembling change it), and on lane_choice the mode
// switches within an episode (the scenario's side_switches) and the side balance. Per-episode figures are kept by
// episode seed, so several threads may drive the episodes and the result does not depend on their number.
#include <cstdint>
#include <stop_token>
#include <vector>

#include "learning/imitation/evaluation.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lesson_table.h"

namespace learning::imitation {

struct MeasuredRun {
  EvaluationSummary summary;
  std::vector<double> steerChange, accelChange;  // per episode: mean |a_t - a_(t-1)| of the executed command
};

// `episodes` held-out episodes (from `seed`) of `makeDriver`, each driver wrapped to measure its smoothness.
// core::Error when cancelled.
MeasuredRun EvaluateSmoothness(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes,
                               uint64_t seed, int threads, std::stop_token cancel);

// All episodes of several runs (training seeds) as one.
MeasuredRun PoolRuns(const std::vector<MeasuredRun>& runs);

// Road outcome (success, collision, off_road, progress_m) and steer_change, accel_change.
LessonRow& AddChunkOutcome(LessonRow& row, const MeasuredRun& m);

// lane_choice: success, collision, switch_episodes (share with at least one side switch), side_switches (per
// episode; sim/scenarios/lane_choice.cpp defines a switch: the side the car heads for, 0.5 s ahead at its lateral
// velocity, goes from beyond 1 m on one side to beyond 1 m on the other before it passes the obstacle),
// left_share_of_passes and steer_change.
LessonRow& AddModeOutcome(LessonRow& row, const MeasuredRun& m);

}  // namespace learning::imitation
