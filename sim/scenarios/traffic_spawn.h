#pragma once
// Places IDM traffic on a road around the ego: cars spread over the lanes, half behind and half ahead of the
// ego, each lane's cars spaced by `spacing` × the IDM equilibrium gap for their speed (randomised ±40%).
#include "core/rng.h"
#include "sim/world.h"

namespace sim {

struct TrafficSpawnDef {
  int cars = 30;
  double spacing = 1.6;     // [-] multiple of the equilibrium gap
  double speedMin = 20.0;   // [m/s] desired speed range
  double speedMax = 28.0;   // [m/s]
  double around = 300.0;    // [m] s of the ego
  int egoLane = 0;
  double clearance = 15.0;  // [m] free road kept in front of and behind the ego
};

void SpawnTraffic(World& world, const TrafficSpawnDef& def, core::Rng rng);

}  // namespace sim
