#pragma once
// Plain data for drawing one frame: the app draws ONLY from this (Env::View()). World coordinates [m], x forward
// along the road at the start, y left, headings [rad] counter-clockwise.
#include <string>
#include <vector>

#include "sim/lane.h"

namespace sim {

struct LaneView {
  std::vector<Vec2> centre;  // centre polyline
  double width = 0.0;        // [m]
  LaneMarking left = LaneMarking::kDashed;
  LaneMarking right = LaneMarking::kDashed;
  double speedLimit = 0.0;   // [m/s]
};

enum class VehicleViewKind { kCar, kObstacle };

struct VehicleView {
  int id = 0;
  double x = 0.0, y = 0.0;  // [m] centre
  double heading = 0.0;     // [rad]
  double length = 0.0, width = 0.0;  // [m]
  bool braking = false;     // brake lamp on
  bool isEgo = false;
  bool observed = false;    // one of the K nearest the `vehicles` component sees
  VehicleViewKind kind = VehicleViewKind::kCar;
};

struct GoalView {
  double x = 0.0, y = 0.0, radius = 0.0;  // [m]
  bool active = false;
};

struct RayView {
  Vec2 origin, end;  // [m]
  bool hit = false;
};

struct SceneView {
  std::string scenario;
  double time = 0.0;  // [s]
  std::vector<LaneView> lanes;
  std::vector<std::vector<Vec2>> edges;  // road edges and walls
  std::vector<VehicleView> vehicles;     // the ego first
  std::vector<GoalView> goals;
  std::vector<RayView> rays;             // the last lidar scan (empty without lidar)
  std::vector<int> observedVehicleIds;   // the K nearest, nearest first
  // The ego's dashboard.
  float steer = 0.f;             // applied command [-1,1]
  float accel = 0.f;             // applied command [-1,1]
  double steerAngle = 0.0;       // [rad] wheel angle
  double speed = 0.0;            // [m/s]
  bool brakeIndicator = false;
};

}  // namespace sim
