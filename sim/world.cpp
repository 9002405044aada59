#include "sim/world.h"

#include <bit>
#include <cmath>

#include "core/error.h"

namespace sim {

World::World(double dt) : dt_(dt), physics_(b2Vec2(0.f, 0.f)) {
  ILD_CHECK(dt > 0.0, "physics step must be positive");
  physics_.SetAllowSleeping(false);
}

b2Body* World::MakeBoxBody(b2BodyType type, Vec2 centre, double heading, double length, double width, bool sensor) {
  b2BodyDef bd;
  bd.type = type;
  bd.position.Set(static_cast<float>(centre.x), static_cast<float>(centre.y));
  bd.angle = static_cast<float>(heading);
  bd.bullet = false;
  b2Body* body = physics_.CreateBody(&bd);
  b2PolygonShape box;
  box.SetAsBox(static_cast<float>(length / 2), static_cast<float>(width / 2));
  b2FixtureDef fd;
  fd.shape = &box;
  fd.density = 1.f;
  fd.friction = 0.3f;
  fd.isSensor = sensor;
  fd.userData.pointer = static_cast<uintptr_t>(BodyTag::kVehicle);
  body->CreateFixture(&fd);
  return body;
}

void World::SetRoad(std::unique_ptr<Road> road, bool edgesAreSensors) {
  ILD_CHECK(road_ == nullptr, "road already set");
  road_ = std::move(road);
  AddWall(road_->Edge(+1), edgesAreSensors);
  AddWall(road_->Edge(-1), edgesAreSensors);
}

void World::AddWall(const std::vector<Vec2>& polyline, bool sensor) {
  ILD_CHECK(polyline.size() >= 2, "a wall needs two points");
  b2BodyDef bd;
  b2Body* body = physics_.CreateBody(&bd);
  for (size_t i = 0; i + 1 < polyline.size(); ++i) {
    b2EdgeShape edge;
    edge.SetTwoSided(b2Vec2(static_cast<float>(polyline[i].x), static_cast<float>(polyline[i].y)),
                     b2Vec2(static_cast<float>(polyline[i + 1].x), static_cast<float>(polyline[i + 1].y)));
    b2FixtureDef fd;
    fd.shape = &edge;
    fd.isSensor = sensor;
    fd.friction = 0.3f;
    fd.userData.pointer = static_cast<uintptr_t>(BodyTag::kEdge);
    body->CreateFixture(&fd);
  }
  walls_.push_back(polyline);
}

Vehicle& World::AddEgo(const VehicleDef& def, Vec2 position, double heading, double speed) {
  ILD_CHECK(vehicles_.empty(), "the ego must be the first vehicle");
  b2Body* body = MakeBoxBody(b2_dynamicBody, position, heading, def.length, def.width, false);
  // Density so that the body's mass is the car's mass.
  b2MassData mass;
  body->GetMassData(&mass);
  const double scale = def.mass / mass.mass;
  mass.mass = static_cast<float>(def.mass);
  mass.I = static_cast<float>(mass.I * scale);
  body->SetMassData(&mass);
  body->SetLinearVelocity(b2Vec2(static_cast<float>(speed * std::cos(heading)), static_cast<float>(speed * std::sin(heading))));
  ego_ = Car(body, def);
  Vehicle& v = vehicles_.emplace_back();
  v.id = 0;
  v.isEgo = true;
  v.body = body;
  v.length = def.length;
  v.width = def.width;
  return v;
}

Vehicle& World::AddTrafficCar(Vec2 position, double heading, double speed, double length, double width) {
  ILD_CHECK(!vehicles_.empty(), "add the ego first");
  b2Body* body = MakeBoxBody(b2_kinematicBody, position, heading, length, width, false);
  body->SetLinearVelocity(b2Vec2(static_cast<float>(speed * std::cos(heading)), static_cast<float>(speed * std::sin(heading))));
  Vehicle& v = vehicles_.emplace_back();
  v.id = static_cast<int>(vehicles_.size()) - 1;
  v.body = body;
  v.length = length;
  v.width = width;
  v.traffic.speed = speed;
  v.traffic.desiredSpeed = speed;
  if (road_) v.traffic.lane = road_->LaneIndex(road_->Path().LocalCoordinates(position).d);
  return v;
}

Vehicle& World::AddObstacle(Vec2 centre, double heading, double length, double width) {
  ILD_CHECK(!vehicles_.empty(), "add the ego first");
  b2Body* body = MakeBoxBody(b2_staticBody, centre, heading, length, width, false);
  Vehicle& v = vehicles_.emplace_back();
  v.id = static_cast<int>(vehicles_.size()) - 1;
  v.kind = VehicleKind::kObstacle;
  v.body = body;
  v.length = length;
  v.width = width;
  v.traffic.active = false;
  return v;
}

void World::UpdateCoordinates() {
  const double half = road_ ? road_->HalfWidth() : 0.0;
  const double laneWidth = road_ ? road_->LaneWidth() : 1.0;
  const int laneCount = road_ ? road_->LaneCount() : 0;
  for (Vehicle& v : vehicles_) {
    const b2Transform& xf = v.body->GetTransform();
    const b2Vec2 vel = v.body->GetLinearVelocity();
    v.position = {xf.p.x, xf.p.y};
    v.heading = v.body->GetAngle();
    v.velocity = {vel.x, vel.y};
    v.speed = static_cast<double>(vel.x) * xf.q.c + static_cast<double>(vel.y) * xf.q.s;
    if (!road_) continue;
    v.coords = road_->Path().LocalCoordinates(v.position);
    // Lanes overlapped by the body's lateral extent (shrunk a little so touching a line is not occupying).
    const double reach = v.width / 2 - 0.2;
    const int lo = static_cast<int>(std::floor((v.coords.d - reach + half) / laneWidth));
    const int hi = static_cast<int>(std::floor((v.coords.d + reach + half) / laneWidth));
    uint32_t mask = 0;
    for (int i = std::max(lo, 0); i <= std::min(hi, laneCount - 1); ++i) mask |= 1u << i;
    if (v.kind == VehicleKind::kCar && !v.isEgo) mask |= 1u << v.traffic.lane;
    v.laneMask = mask;
  }
  if (!road_) return;
  // Per-lane order by s (insertion sort: the order barely changes from tick to tick; stable, so equal s keep
  // index order). Parked traffic is left out.
  laneOrder_.resize(laneCount);
  for (int lane = 0; lane < laneCount; ++lane) {
    std::vector<int>& order = laneOrder_[lane];
    order.clear();
    for (int j = 0; j < static_cast<int>(vehicles_.size()); ++j) {
      const Vehicle& o = vehicles_[j];
      if (!(o.laneMask & (1u << lane)) || (o.kind == VehicleKind::kCar && !o.isEgo && !o.traffic.active)) continue;
      order.push_back(j);
      for (size_t k = order.size() - 1; k > 0 && vehicles_[order[k - 1]].coords.s > o.coords.s; --k)
        std::swap(order[k - 1], order[k]);
    }
  }
}

int World::Leader(int i, int lane) const {
  const double s = vehicles_[i].coords.s;
  for (int j : laneOrder_[lane])
    if (j != i && vehicles_[j].coords.s > s) return j;
  return -1;
}

int World::Follower(int i, int lane) const {
  const double s = vehicles_[i].coords.s;
  int best = -1;
  double bestS = -INFINITY;
  for (int j : laneOrder_[lane]) {
    const Vehicle& o = vehicles_[j];
    if (o.coords.s > s) break;
    if (j != i && o.kind == VehicleKind::kCar && o.coords.s > bestS) {
      bestS = o.coords.s;
      best = j;
    }
  }
  return best;
}

double World::Gap(int back, int front) const {
  const Vehicle& b = vehicles_[back];
  const Vehicle& f = vehicles_[front];
  return f.coords.s - b.coords.s - (f.length + b.length) / 2;
}

namespace {
uint64_t Mix(uint64_t h, float x) {
  h ^= std::bit_cast<uint32_t>(x);
  h *= 0x100000001b3ull;
  h ^= h >> 29;
  return h;
}
}  // namespace

void World::StepPhysics() {
  physics_.Step(static_cast<float>(dt_), 6, 2);
  time_ += dt_;
  for (const b2Body* b = physics_.GetBodyList(); b != nullptr; b = b->GetNext()) {
    const b2Transform& t = b->GetTransform();
    hash_ = Mix(Mix(Mix(Mix(hash_, t.p.x), t.p.y), t.q.s), t.q.c);
  }
}

void World::EgoContacts(bool& vehicle, bool& edge) const {
  vehicle = false;
  edge = false;
  for (const b2ContactEdge* ce = ego_.Body()->GetContactList(); ce != nullptr; ce = ce->next) {
    b2Contact* c = ce->contact;
    if (!c->IsTouching()) continue;
    b2Fixture* other = c->GetFixtureA()->GetBody() == ego_.Body() ? c->GetFixtureB() : c->GetFixtureA();
    const auto tag = static_cast<BodyTag>(other->GetUserData().pointer);
    if (tag == BodyTag::kVehicle) vehicle = true;
    if (tag == BodyTag::kEdge) edge = true;
  }
}

}  // namespace sim
