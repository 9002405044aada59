#pragma once
// `fast_slow`: the ego's middle lane ends (a barrier `middleLaneEnd` metres ahead of its start); the left lane carries slow traffic with
// a leader just ahead of the ego, the right lane fast traffic with a follower just behind it. Only (left, slow)
// and (right, fast) are safe; (left, fast) rear-ends the slow leader and (right, slow) is rear-ended by the fast
// follower (the traffic holds its speed and does not react to the ego). The expert's side is drawn 50/50 from the
// episode seed; it acts in `targets` mode (a held 1-s decision tracked by the controller; docs/design.md).
// Success: `goalDistance` metres from the start without collision.
#include <memory>

#include "sim/scenario.h"

namespace sim {

struct FastSlowDef {
  ScenarioCommonDef common{.actionMode = "targets", .duration = 20.0, .lidarRays = 16, .vehicle = {}};
  double laneWidth = 3.7;       // [m]
  double roadLength = 600.0;    // [m]
  double egoStart = 30.0;       // [m]
  double egoSpeed = 20.0;       // [m/s] initial
  double middleLaneEnd = 110.0;  // [m] ahead of the ego's start, where the middle lane ends
  double slowSpeed = 15.0;      // [m/s] left lane traffic
  double fastSpeed = 25.0;      // [m/s] right lane traffic
  double leaderGap = 14.0;      // [m] bumper gap from the ego to the slow leader at the start
  double followerGap = 14.0;    // [m] bumper gap from the fast follower to the ego at the start
  double slowSpacing = 30.0;    // [m] centre spacing of the slow platoon
  double fastSpacing = 45.0;    // [m] centre spacing of the fast platoon
  int platoonCars = 4;          // cars per platoon (ahead and behind counted together)
  double goalDistance = 250.0;  // [m] from the start

  template <class V>
  void Visit(V& v) {
    v.Nested("common", common);
    v("laneWidth", laneWidth, 2.5, 6.0);
    v("roadLength", roadLength, 100.0, 10000.0);
    v("egoStart", egoStart, 0.0, 1000.0);
    v("egoSpeed", egoSpeed, 0.0, 50.0);
    v("middleLaneEnd", middleLaneEnd, 20.0, 5000.0);
    v("slowSpeed", slowSpeed, 0.0, 50.0);
    v("fastSpeed", fastSpeed, 0.0, 50.0);
    v("leaderGap", leaderGap, 0.0, 200.0);
    v("followerGap", followerGap, 0.0, 200.0);
    v("slowSpacing", slowSpacing, 6.0, 500.0);
    v("fastSpacing", fastSpacing, 6.0, 500.0);
    v("platoonCars", platoonCars, 1, 50);
    v("goalDistance", goalDistance, 10.0, 5000.0);
  }
  bool operator==(const FastSlowDef&) const = default;
};

std::unique_ptr<Scenario> MakeFastSlow(const FastSlowDef& def);

}  // namespace sim
