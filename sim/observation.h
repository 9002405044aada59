#pragma once
// An observation: named components, each a fixed-length float vector with a name for every entry.
// Component keys and layouts (all in the ego frame: x forward, y left; SI units):
//   ego             speed [m/s], heading_error [rad] (ego heading minus lane heading, + = pointing left),
//                   lane_offset [m] (from the current lane's centre, + = left), road_offset [m] (from the road's
//                   centre line, + = left), lateral_velocity [m/s] (across the lane, + = left), yaw_rate [rad/s]
//   controls        steer [-1,1] (applied wheel angle / its speed-dependent max), accel [-1,1] (applied command):
//                   the previous action. Every scenario provides it; policies leave it out unless asked (a clone
//                   that sees its own last command copies it instead of reading the road).
//   lane            left_edge [m] (distance to the road's left edge), right_edge [m], lane_index (0 = rightmost),
//                   lane_count, speed_limit [m/s], curvature [1/m] (of the road at the ego, + = left),
//                   curvature_ahead [1/m] (30 m further along the road)
//   vehicles        K nearest other vehicles (cars and obstacles) by distance, nearest first; per slot
//                   vI.present (0/1), vI.dx [m], vI.dy [m], vI.dvx [m/s], vI.dvy [m/s]; absent slots are zeros
//   lidar           N ray distances [m] from the ego's centre, ray i at angle 2*pi*i/N from the ego's heading
//                   (counter-clockwise), capped at the lidar range
//   brake_indicator 1 if the ego's commanded deceleration at the previous control step exceeded the lamp
//                   threshold, else 0
//   goal            dx [m], dy [m] to the active goal in the ego frame, heading_error [rad] (bearing of the goal)
// A scenario provides a subset (Env::ObservationLayout()); policies pick the keys they consume.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

struct ObservationComponent {
  std::string key;
  std::vector<std::string> names;  // one per entry
  std::vector<float> values;       // same length as names
};

class Observation {
 public:
  const std::vector<ObservationComponent>& Components() const { return components_; }
  bool Has(std::string_view key) const;
  // Throws core::Error naming the missing key and the keys present.
  std::span<const float> Get(std::string_view key) const;
  const ObservationComponent& Component(std::string_view key) const;

  // Builders (used by sim/): adds or finds a component and returns it for filling.
  ObservationComponent& Add(std::string key, std::vector<std::string> names);
  ObservationComponent* Find(std::string_view key);

 private:
  std::vector<ObservationComponent> components_;
};

}  // namespace sim
