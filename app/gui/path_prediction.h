#pragma once
// Short predicted paths for the policy overlays: the ego's pose rolled forward with a kinematic bicycle model
// under a sequence of direct-mode actions (each held for one control step, the last one held to the horizon).
// Only a picture of what the actions mean — the simulator's dynamics (tyre slip, steering rate) are not modelled.
#include <vector>

#include "sim/lane.h"
#include "sim/scene_view.h"
#include "sim/vehicle_def.h"

namespace app {

struct PathStart {
  double x = 0.0, y = 0.0;  // [m]
  double heading = 0.0;     // [rad]
  double speed = 0.0;       // [m/s]
};

// `actions` are (steer, accel) pairs in time order; returns the points every control step up to `horizon` [s].
std::vector<sim::Vec2> PredictPath(const PathStart& start, const std::vector<float>& actions, double controlDt,
                                   double horizon, const sim::VehicleDef& vehicle);

}  // namespace app
