#pragma once
// `goal_arena`: an open walled lot with several goal spots; the episode's active goal is drawn from the seed and
// given to the policy as the `goal` component (dx, dy, bearing in the ego frame): the goal-conditioned stage.
// The expert plans a path from its current pose to the goal every control step (an arc at a comfortable
// turning radius toward the goal, then a straight line; the other turn if the goal lies inside the turning
// circle), tracks it with pure pursuit and slows down near the goal. Success: the ego's centre inside the active
// spot at below goalSpeed; touching a wall is a collision.
#include <memory>

#include "sim/scenario.h"

namespace sim {

struct GoalArenaDef {
  ScenarioCommonDef common{.duration = 30.0, .lidarRays = 32, .nearestVehicles = 0, .vehicle = {}};
  double lotLength = 60.0;     // [m] along x
  double lotWidth = 60.0;      // [m] along y
  int goalCount = 6;           // spots placed on a ring in the far part of the lot
  double goalRadius = 2.0;     // [m]
  double goalSpeed = 3.0;      // [m/s] the ego must be slower than this inside the spot
  double startX = 8.0;         // [m] ego start (centre of the lot's width), jittered ±startJitter
  double startJitter = 2.0;    // [m] and ±0.3 rad heading
  double maxSpeed = 8.0;       // [m/s] the expert's cruise speed
  double approachDecel = 1.5;  // [m/s²] the expert's comfortable braking toward the goal

  template <class V>
  void Visit(V& v) {
    v.Nested("common", common);
    v("lotLength", lotLength, 30.0, 1000.0);
    v("lotWidth", lotWidth, 30.0, 1000.0);
    v("goalCount", goalCount, 1, 32);
    v("goalRadius", goalRadius, 0.5, 10.0);
    v("goalSpeed", goalSpeed, 0.1, 30.0);
    v("startX", startX, 3.0, 100.0);
    v("startJitter", startJitter, 0.0, 10.0);
    v("maxSpeed", maxSpeed, 1.0, 30.0);
    v("approachDecel", approachDecel, 0.2, 8.0);
  }
  bool operator==(const GoalArenaDef&) const = default;
};

std::unique_ptr<Scenario> MakeGoalArena(const GoalArenaDef& def);

}  // namespace sim
