#include "app/gui/path_prediction.h"

#include <algorithm>
#include <cmath>

namespace app {

std::vector<sim::Vec2> PredictPath(const PathStart& start, const std::vector<float>& actions, double controlDt,
                                   double horizon, const sim::VehicleDef& vehicle) {
  std::vector<sim::Vec2> points{{start.x, start.y}};
  if (actions.size() < 2 || controlDt <= 0.0) return points;
  const int substeps = 4;
  double x = start.x, y = start.y, heading = start.heading, speed = start.speed;
  int steps = static_cast<int>(std::ceil(horizon / controlDt));
  int chunk = static_cast<int>(actions.size() / 2);
  for (int k = 0; k < steps; ++k) {
    int a = std::min(k, chunk - 1);
    double accel = actions[2 * a + 1];
    double acceleration = accel >= 0.0 ? accel * vehicle.maxAccel : accel * vehicle.maxBrakeDecel;
    double dt = controlDt / substeps;
    for (int s = 0; s < substeps; ++s) {
      double steer = std::clamp(static_cast<double>(actions[2 * a]), -1.0, 1.0) * vehicle.MaxSteerAngleAt(speed);
      speed = std::clamp(speed + acceleration * dt, 0.0, vehicle.maxSpeed);
      heading += speed * std::tan(steer) / vehicle.wheelBase * dt;
      x += speed * std::cos(heading) * dt;
      y += speed * std::sin(heading) * dt;
    }
    points.push_back({x, y});
  }
  return points;
}

}  // namespace app
