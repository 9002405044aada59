#include "sim/traffic.h"

#include <algorithm>
#include <cmath>

namespace sim {

double DesiredSpeedOf(const World& world, int i) {
  const Vehicle& v = world.Vehicles()[i];
  if (v.isEgo) return std::max(5.0, world.Speed(i) + 5.0);
  return v.traffic.desiredSpeed;
}

double IdmAccelBehind(const World& world, int i, int leader, double v0) {
  const double v = world.Speed(i);
  if (leader < 0) return IdmAccel(world.Idm(), v, v0, INFINITY, 0.0);
  return IdmAccel(world.Idm(), v, v0, world.Gap(i, leader), std::max(0.0, world.Speed(leader)));
}

namespace {

// MOBIL for traffic car i; returns the lane to change to, or its current lane.
int MobilChoice(const World& world, int i) {
  const Vehicle& me = world.Vehicles()[i];
  const Road& road = world.GetRoad();
  const MobilDef& mobil = world.Mobil();
  const int lane = me.traffic.lane;
  const double v0 = me.traffic.desiredSpeed;
  const int leader = world.Leader(i, lane);
  const double aOwn = IdmAccelBehind(world, i, leader, v0);
  const int oldFollower = world.Follower(i, lane);
  double oldFollowerLoss = 0.0;
  if (oldFollower >= 0) {
    const double before = IdmAccelBehind(world, oldFollower, i, DesiredSpeedOf(world, oldFollower));
    const double after = IdmAccelBehind(world, oldFollower, leader, DesiredSpeedOf(world, oldFollower));
    oldFollowerLoss = after - before;
  }
  int best = lane;
  double bestGain = 0.0;
  for (int target : {lane - 1, lane + 1}) {
    if (target < 0 || target >= road.LaneCount()) continue;
    const Lane& l = road.Lanes()[target];
    if (me.coords.s < l.sStart || me.coords.s > l.sEnd - 30.0) continue;
    const int newLeader = world.Leader(i, target);
    const int newFollower = world.Follower(i, target);
    if (newLeader >= 0 && world.Gap(i, newLeader) < 1.0) continue;
    if (newFollower >= 0 && world.Gap(newFollower, i) < 1.0) continue;
    const double aOwnNew = IdmAccelBehind(world, i, newLeader, v0);
    if (aOwnNew < -mobil.safeDecel) continue;
    double newFollowerLoss = 0.0;
    if (newFollower >= 0) {
      const double vf0 = DesiredSpeedOf(world, newFollower);
      const double after = IdmAccelBehind(world, newFollower, i, vf0);
      if (after < -mobil.safeDecel) continue;
      newFollowerLoss = after - IdmAccelBehind(world, newFollower, newLeader, vf0);
    }
    const double bias = target < lane ? mobil.rightBias : -mobil.rightBias;
    const double gain = aOwnNew - aOwn + mobil.politeness * (newFollowerLoss + oldFollowerLoss) + bias;
    if (gain > mobil.gainThreshold && gain > bestGain) {
      bestGain = gain;
      best = target;
    }
  }
  return best;
}

}  // namespace

void UpdateTraffic(World& world, const TrafficSteerDef& steer) {
  const Road& road = world.GetRoad();
  const double dt = world.Dt();
  std::vector<Vehicle>& vehicles = world.Vehicles();
  const int n = static_cast<int>(vehicles.size());
  for (int i = 1; i < n; ++i) {
    Vehicle& v = vehicles[i];
    TrafficState& t = v.traffic;
    if (v.kind != VehicleKind::kCar || !t.active) continue;
    if (v.coords.s > road.Length() - 5.0) {  // left the road: park it
      t.active = false;
      v.body->SetEnabled(false);
      continue;
    }
    // Lane choice.
    if (!t.scripted && t.laneChanges && world.Mobil().enabled && world.Time() >= t.nextLaneCheck) {
      t.nextLaneCheck = world.Time() + world.Mobil().checkInterval;
      const double laneCentre = road.LaneCentre(t.lane);
      if (std::abs(v.coords.d - laneCentre) < 0.3) t.lane = MobilChoice(world, i);
    }
    // Longitudinal.
    if (!t.scripted) {
      double a = t.reactive ? IdmAccelBehind(world, i, world.Leader(i, t.lane), t.desiredSpeed)
                            : (t.desiredSpeed - t.speed) / 1.0;
      if (t.reactive) {  // while crossing into another lane, also respect the leader in the lane the body is in
        const int bodyLane = road.LaneIndex(v.coords.d);
        if (bodyLane != t.lane) a = std::min(a, IdmAccelBehind(world, i, world.Leader(i, bodyLane), t.desiredSpeed));
      }
      t.accel = a;
      t.speed = std::max(0.0, t.speed + a * dt);
    }
    v.braking = t.accel < -1.0;
    // Lateral: heading toward the lane centre, curvature feed-forward.
    const double laneHeading = road.Path().HeadingAt(v.coords.s);
    const double offset = v.coords.d - road.LaneCentre(t.lane);
    const double desired = std::clamp(-steer.lateralGain * offset, -steer.maxLateralAngle, steer.maxLateralAngle);
    const double headingError = WrapAngle(v.heading - laneHeading);
    const double yawRate =
        t.speed * road.Path().CurvatureAt(v.coords.s) + (desired - headingError) / steer.headingTimeConstant;
    const b2Rot& q = v.body->GetTransform().q;
    v.body->SetLinearVelocity(b2Vec2(static_cast<float>(t.speed * q.c), static_cast<float>(t.speed * q.s)));
    v.body->SetAngularVelocity(static_cast<float>(yawRate));
  }
}

}  // namespace sim
