#pragma once
// Shared plumbing for concrete scenarios: a scenario holds its typed Def (with a `common` member and a Visit
// list), reports it as JSON, and uses the common reward terms and expert helpers below.
#include <string>
#include <utility>
#include <vector>

#include "sim/def_io.h"
#include "sim/scenario.h"

namespace sim {

template <class Def>
class ScenarioBase : public Scenario {
 public:
  explicit ScenarioBase(const Def& def) : def_(def) {}
  const ScenarioCommonDef& Common() const override { return def_.common; }
  std::string DefJson() const override {
    nlohmann::json j = DefToJson(def_);
    j["scenario"] = Name();
    return j.dump();
  }
  const Def& GetDef() const { return def_; }

 protected:
  Def def_;
};

// Reward terms shared by the road scenarios: "speed" (0.1 × v / speed limit per step), "collision" (-1),
// "off_road" (-1).
void RoadRewardTerms(const World& world, const StepEvents& events, std::vector<std::pair<std::string, float>>& terms);

// `keys` plus "lidar" when the scenario casts lidar rays.
std::vector<std::string> WithLidar(std::vector<std::string> keys, const ScenarioCommonDef& common);

// The episode's start offset [m] and heading [rad] relative to the lane whose centre is `laneCentre` [m] at road
// position `s` [m] (common.egoOffsetSpread / egoHeadingSpread; both 0 without drawing when the spreads are 0),
// from the seed's kSaltStartPose stream. Drawn uniformly among the safe poses: a pose whose body would touch a
// road edge now, or within common.startClearTime driving straight on at `speed` [m/s] with no input, is drawn
// again from the same stream (the spread used to ignore the body's width and heading, so edge-lane starts could
// touch the edge at once); after many unsafe draws the lane's centre line.
struct StartPose {
  double offset = 0.0;
  double heading = 0.0;
};
StartPose DrawStartPose(const core::Rng& episode, const ScenarioCommonDef& common, const Road& road,
                        double laneCentre, double s, double speed);
// Whether a car of `car`'s size at road position (s, lateral) [m], `heading` [rad] off the road's heading, driving
// straight on at `speed` [m/s], keeps its body on the road (0.1 m clear of the edges) for `horizon` [s].
bool StaysOnRoad(const Road& road, const VehicleDef& car, double s, double lateral, double heading, double speed,
                 double horizon);

// Expert building blocks with privileged state.
// IDM acceleration [m/s²] for the ego toward desired speed v0, respecting leaders in every lane its body overlaps
// and in `extraLane` (-1: none).
double EgoIdmAccel(const World& world, const IdmDef& idm, double v0, int extraLane = -1);
// A kDirect action: pure pursuit toward lateral position `lateral` [m] on the road, longitudinal acceleration
// `accel` [m/s²]; or, in kTargets mode, the targets (lateral, speed) the controller tracks.
Action LaneExpertAction(const World& world, const ScenarioCommonDef& common, ActionMode mode, double lateral,
                        double accel, double targetSpeed);

}  // namespace sim
