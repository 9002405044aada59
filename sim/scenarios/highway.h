#pragma once
// `highway`: a multi-lane road (straight, a long left curve, straight) with IDM/MOBIL traffic; free driving.
// The expert keeps its lane (pure pursuit) at an IDM speed behind its leader; success = no collision, no
// off-road and no stall until the time limit.
#include <memory>

#include "sim/idm.h"
#include "sim/scenario.h"

namespace sim {

struct HighwayDef {
  ScenarioCommonDef common{
      .duration = 40.0, .lidarRays = 32, .egoOffsetSpread = 1.0, .egoHeadingSpread = 0.05, .vehicle = {}};
  int lanes = 4;
  double laneWidth = 4.0;         // [m]
  double speedLimit = 30.0;       // [m/s]
  double straightLength = 500.0;  // [m] before the curve
  double curveLength = 400.0;     // [m]
  double curveRadius = 1000.0;    // [m] (left)
  double exitLength = 1200.0;     // [m] after the curve
  double egoStart = 300.0;        // [m] along the road
  double egoSpeed = 25.0;         // [m/s] initial
  double egoDesiredSpeed = 27.0;  // [m/s] the expert's cruise speed
  int trafficCars = 30;
  double spacing = 1.6;           // [-] mean gap between traffic cars as a multiple of the IDM equilibrium gap
                                  //     (the density knob: 1 = bumper-to-bumper equilibrium, larger = sparser)
  double trafficSpeedMin = 20.0;  // [m/s] desired speeds are uniform in [min, max]
  double trafficSpeedMax = 28.0;  // [m/s]
  IdmDef idm;
  MobilDef mobil;

  template <class V>
  void Visit(V& v) {
    v.Nested("common", common);
    v("lanes", lanes, 1, 8);
    v("laneWidth", laneWidth, 2.5, 6.0);
    v("speedLimit", speedLimit, 1.0, 80.0);
    v("straightLength", straightLength, 50.0, 10000.0);
    v("curveLength", curveLength, 1.0, 5000.0);
    v("curveRadius", curveRadius, 50.0, 100000.0);
    v("exitLength", exitLength, 50.0, 10000.0);
    v("egoStart", egoStart, 0.0, 5000.0);
    v("egoSpeed", egoSpeed, 0.0, 60.0);
    v("egoDesiredSpeed", egoDesiredSpeed, 1.0, 60.0);
    v("trafficCars", trafficCars, 0, 200);
    v("spacing", spacing, 1.0, 20.0);
    v("trafficSpeedMin", trafficSpeedMin, 1.0, 60.0);
    v("trafficSpeedMax", trafficSpeedMax, 1.0, 60.0);
    v.Nested("idm", idm);
    v.Nested("mobil", mobil);
  }
  bool operator==(const HighwayDef&) const = default;
};

std::unique_ptr<Scenario> MakeHighway(const HighwayDef& def);

}  // namespace sim
