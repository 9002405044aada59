#include "sim/scenarios/traffic_spawn.h"

#include <algorithm>
#include <vector>

namespace sim {

void SpawnTraffic(World& world, const TrafficSpawnDef& def, core::Rng rng) {
  const Road& road = world.GetRoad();
  const int lanes = road.LaneCount();
  std::vector<double> ahead(lanes, def.around), behind(lanes, def.around);  // frontier per lane
  // The ego's own lane keeps a clearance; the other lanes start next to it.
  ahead[def.egoLane] += def.clearance;
  behind[def.egoLane] -= def.clearance;
  for (int k = 0; k < def.cars; ++k) {
    const int lane = static_cast<int>(rng.Below(lanes));
    const double v0 = rng.Uniform(def.speedMin, def.speedMax);
    const double v = v0 * 0.9;
    const double gap = def.spacing * IdmEquilibriumGap(world.Idm(), v, v0) * rng.Uniform(0.6, 1.4);
    const double length = 4.5;
    // Alternate behind and ahead of the ego; where the road behind runs out, go ahead instead.
    double s = behind[lane] - gap - length;
    if ((k % 2) == 0 || s < 10.0) {
      s = ahead[lane] + gap + length;
      if (s > road.Length() - 20.0) continue;
      ahead[lane] = s;
    } else {
      behind[lane] = s;
    }
    Vehicle& car = world.AddTrafficCar(road.Path().Position(s, road.LaneCentre(lane)), road.Path().HeadingAt(s), v,
                                       length, 1.9);
    car.traffic.desiredSpeed = v0;
    car.traffic.lane = lane;
    // Stagger MOBIL checks so cars do not all decide on the same tick.
    car.traffic.nextLaneCheck = rng.Uniform(0.0, world.Mobil().checkInterval);
  }
}

}  // namespace sim
