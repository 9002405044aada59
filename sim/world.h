#pragma once
// The simulated world of one episode: the Box2D world, the road, the ego car, traffic cars (kinematic bodies
// moved by the traffic model), static obstacles and goal spots. Scenarios build it; Env steps it.
// Vehicle 0 is always the ego. Road coordinates of every vehicle are refreshed by UpdateCoordinates().
#include <cstdint>
#include <memory>
#include <vector>

#include <box2d/box2d.h>

#include "sim/car.h"
#include "sim/idm.h"
#include "sim/road.h"

namespace sim {

enum class VehicleKind { kCar, kObstacle };

// Fixture tags (b2FixtureUserData::pointer) so contacts can be classified.
enum class BodyTag : uintptr_t { kNone = 0, kVehicle = 1, kEdge = 2 };

struct TrafficState {
  bool active = true;        // false once it left the road (its body is disabled)
  bool scripted = false;     // the scenario sets `speed` every tick; IDM is off
  bool reactive = true;      // IDM sees the vehicle ahead (false: holds its desired speed regardless)
  bool laneChanges = true;   // MOBIL on
  double speed = 0.0;        // [m/s]
  double accel = 0.0;        // [m/s²] last applied
  double desiredSpeed = 25.0;  // [m/s] IDM v0
  int lane = 0;              // lane it follows
  double nextLaneCheck = 0.0;  // [s] next MOBIL evaluation
};

struct Vehicle {
  int id = 0;
  VehicleKind kind = VehicleKind::kCar;
  bool isEgo = false;
  b2Body* body = nullptr;
  double length = 4.5;  // [m]
  double width = 1.9;   // [m]
  bool braking = false;  // brake lamp
  TrafficState traffic;  // kinematic cars only
  // Refreshed by World::UpdateCoordinates():
  Vec2 position;          // [m]
  double heading = 0.0;   // [rad]
  Vec2 velocity;          // [m/s]
  double speed = 0.0;     // [m/s] along the heading
  LocalCoords coords;     // on the road's reference line
  uint32_t laneMask = 0;  // bit i: overlaps lane i
};

struct GoalSpot {
  Vec2 position;        // [m]
  double radius = 2.0;  // [m]
};

class World {
 public:
  explicit World(double dt);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  double Dt() const { return dt_; }
  double Time() const { return time_; }
  b2World& Physics() { return physics_; }
  const b2World& Physics() const { return physics_; }

  // Building (scenarios). The road's edges become static bodies; `edgesAreSensors` makes them detect overlap
  // (off-road events) without stopping the car.
  void SetRoad(std::unique_ptr<Road> road, bool edgesAreSensors);
  void AddWall(const std::vector<Vec2>& polyline, bool sensor);
  Vehicle& AddEgo(const VehicleDef& def, Vec2 position, double heading, double speed);
  Vehicle& AddTrafficCar(Vec2 position, double heading, double speed, double length = 4.5, double width = 1.9);
  Vehicle& AddObstacle(Vec2 centre, double heading, double length, double width);

  const Road& GetRoad() const { return *road_; }
  bool HasRoad() const { return road_ != nullptr; }
  std::vector<Vehicle>& Vehicles() { return vehicles_; }
  const std::vector<Vehicle>& Vehicles() const { return vehicles_; }
  const Vehicle& EgoVehicle() const { return vehicles_.front(); }
  Car& Ego() { return ego_; }
  const Car& Ego() const { return ego_; }
  std::vector<GoalSpot>& Goals() { return goals_; }
  const std::vector<GoalSpot>& Goals() const { return goals_; }
  int ActiveGoal() const { return activeGoal_; }
  void SetActiveGoal(int i) { activeGoal_ = i; }
  const std::vector<std::vector<Vec2>>& Walls() const { return walls_; }

  IdmDef& Idm() { return idm_; }
  MobilDef& Mobil() { return mobil_; }
  const IdmDef& Idm() const { return idm_; }
  const MobilDef& Mobil() const { return mobil_; }

  // Refreshes position/heading/velocity/road coordinates/lane masks of every vehicle from its body.
  void UpdateCoordinates();
  // Nearest vehicle ahead of (behind: cars only) vehicle i overlapping `lane`, by s; -1 if none. Uses the lane
  // index built by UpdateCoordinates().
  int Leader(int i, int lane) const;
  int Follower(int i, int lane) const;
  // Bumper-to-bumper distance along s from vehicle `back` to vehicle `front` (may be negative when overlapping).
  double Gap(int back, int front) const;
  double Speed(int i) const { return vehicles_[i].speed; }  // [m/s] along the heading (at the last update)

  // One physics tick: advances Box2D by Dt(), the clock, and the running trajectory hash.
  void StepPhysics();
  uint64_t TrajectoryHash() const { return hash_; }
  // Whether the ego touches another vehicle, or a road edge / wall.
  void EgoContacts(bool& vehicle, bool& edge) const;

 private:
  b2Body* MakeBoxBody(b2BodyType type, Vec2 centre, double heading, double length, double width, bool sensor);

  double dt_;
  double time_ = 0.0;
  b2World physics_;
  std::unique_ptr<Road> road_;
  std::vector<Vehicle> vehicles_;
  Car ego_;
  std::vector<GoalSpot> goals_;
  int activeGoal_ = -1;
  std::vector<std::vector<Vec2>> walls_;
  std::vector<std::vector<int>> laneOrder_;  // per lane: the vehicles overlapping it, sorted by s (stable)
  IdmDef idm_;
  MobilDef mobil_;
  uint64_t hash_ = 0xcbf29ce484222325ull;
};

}  // namespace sim
