#pragma once
// What the figures need of an episode and the evaluation tables drop: the ego's path and commands step by step,
// the car ahead of it in its lane, and the outcome. Traced with the same episode loop and held-out seeds as
// evaluation (rollout.h, HeldOutSeed), so a traced episode is one of the evaluated ones.
#include <cstdint>
#include <vector>

#include "learning/imitation/evaluation.h"

namespace learning::imitation {

struct TraceStep {
  double time = 0.0;            // [s] at the end of the control step
  double x = 0.0, y = 0.0;      // [m] ego centre
  double speed = 0.0;           // [m/s] ego
  float steer = 0.f, accel = 0.f;  // executed command [-1, 1]
  bool lamp = false;            // the ego's brake lamp
  double leadX = 0.0;           // [m] the nearest car ahead within 2 m of the ego's lateral position
  bool hasLead = false;
};

struct EpisodeTrace {
  uint64_t seed = 0;
  sim::EpisodeMetrics metrics;
  std::vector<TraceStep> steps;
  double obstacleX = 0.0, obstacleY = 0.0;  // [m] the first obstacle at the start (lane_choice), if any
  bool hasObstacle = false;
  double goalX = 0.0, goalY = 0.0;          // [m] the active goal at the start (goal_arena), if any
  bool hasGoal = false;
};

// Episode i uses HeldOutSeed(seed, i), like Evaluate; one env and driver per thread; the result does not depend
// on `threads`.
std::vector<EpisodeTrace> TraceEpisodes(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes,
                                        uint64_t seed, int threads);

// The lead's speed [m/s] at every step by finite differences of its position (NaN without a lead on either side).
std::vector<double> LeadSpeeds(const EpisodeTrace& trace);

}  // namespace learning::imitation
