#pragma once
// `lane_choice`: a stopped obstacle blocks the ego's (middle) lane of a 3-lane road; both side lanes are free.
// The expert passes left or right, 50/50 by the episode seed: the multimodal stage. It keeps its lane at cruise
// speed until the bumper gap to the obstacle falls to its commitment gap (decisionDistance + up to
// decisionSpread, drawn per episode), then commits to its side. Driving
// straight on hits the obstacle. The decision window (slack between the latest safe commitment and the
// obstacle) is tight by default (docs/design.md: averaging modes crashes only with a tight window); raise
// decisionDistance (e.g. to 40-45 m) for the loose-window variant. Success: 60 m past the obstacle, no collision.
#include <memory>

#include "sim/scenario.h"

namespace sim {

struct LaneChoiceDef {
  // The ego starts off its lane's centre (±1 m, as on highway) so clean demonstrations show recoveries: from
  // centre-line starts alone, clones of 150 clean expert demos left the new lane after the pass (flow_matching 3%
  // success, bins 85%; noisy-expert demos 100%). No heading spread: driving straight on must still hit the
  // obstacle (the obstacle's half width + the car's, 2.15 m, exceeds the offset).
  ScenarioCommonDef common{.duration = 15.0, .lidarRays = 16, .egoOffsetSpread = 1.0, .vehicle = {}};
  double laneWidth = 3.7;         // [m]
  double speedLimit = 25.0;       // [m/s]
  double roadLength = 400.0;      // [m]
  double egoStart = 20.0;         // [m]
  double cruiseSpeed = 20.0;      // [m/s] initial and expert speed
  double obstacleMin = 110.0;     // [m] obstacle centre, uniform in [min, max] per episode
  double obstacleMax = 130.0;     // [m]
  double obstacleLength = 4.5;    // [m]
  double obstacleWidth = 2.4;     // [m]
  double decisionDistance = 27.0;  // [m] bumper gap at which the expert commits; the latest safe commitment is
                                   // ≈ 20.5 m at 20 m/s (measured), so the default slack is ≈ 6.5 m ≈ 0.33 s
  double decisionSpread = 8.0;    // [m] the expert commits at a gap uniform in [decisionDistance, + spread] per
                                  // episode, as a person would: with one fixed gap the data hold a single
                                  // "turn now" step per episode, and sampled clones (bins, CVAE) kept going straight
  double passDistance = 60.0;     // [m] past the obstacle = success

  template <class V>
  void Visit(V& v) {
    v.Nested("common", common);
    v("laneWidth", laneWidth, 2.5, 6.0);
    v("speedLimit", speedLimit, 1.0, 80.0);
    v("roadLength", roadLength, 100.0, 10000.0);
    v("egoStart", egoStart, 0.0, 1000.0);
    v("cruiseSpeed", cruiseSpeed, 1.0, 50.0);
    v("obstacleMin", obstacleMin, 10.0, 5000.0);
    v("obstacleMax", obstacleMax, 10.0, 5000.0);
    v("obstacleLength", obstacleLength, 0.5, 50.0);
    v("obstacleWidth", obstacleWidth, 0.5, 6.0);
    v("decisionDistance", decisionDistance, 0.0, 500.0);
    v("decisionSpread", decisionSpread, 0.0, 100.0);
    v("passDistance", passDistance, 1.0, 1000.0);
  }
  bool operator==(const LaneChoiceDef&) const = default;
};

std::unique_ptr<Scenario> MakeLaneChoice(const LaneChoiceDef& def);

}  // namespace sim
