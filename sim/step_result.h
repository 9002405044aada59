#pragma once
// What one control step returns, and what an episode measures.
#include <string>
#include <utility>
#include <vector>

#include "sim/observation.h"

namespace sim {

struct StepEvents {
  bool collision = false;    // the ego touched another vehicle, an obstacle or (edge mode "collision") an edge
  bool offRoad = false;      // the ego's centre left the road, or (edge mode "off_road") it touched an edge
  bool goalReached = false;  // the scenario's goal (distance, goal spot) was reached
  bool stalled = false;      // the ego stood still longer than the scenario's stall timeout
};

struct StepResult {
  Observation observation;
  float reward = 0.f;                                      // sum of rewardTerms
  std::vector<std::pair<std::string, float>> rewardTerms;  // named terms
  bool terminated = false;  // collision, off-road, goal reached or stalled
  bool truncated = false;   // the episode's time limit
  StepEvents events;
};

struct EpisodeMetrics {
  bool success = false;
  bool collision = false;
  bool offRoad = false;
  double progress = 0.0;     // [m] along the road (goal_arena: distance gained toward the goal)
  double meanSpeed = 0.0;    // [m/s]
  double timeStopped = 0.0;  // [s] with speed below 0.3 m/s
  double duration = 0.0;     // [s]
  // Scenario-specific, named. An entry "weight:NAME" is the event count behind the per-event mean NAME (e.g.
  // the mean start delay over an episode's drive-offs): summaries over episodes weight NAME by it, so episodes
  // without an event do not pull the mean toward 0, and do not report it as a metric of its own.
  std::vector<std::pair<std::string, double>> extra;
};

}  // namespace sim
