#include "app/render/world_renderer.h"

#include <algorithm>
#include <cmath>

namespace app {

namespace {

constexpr float kMarkingWidth = 0.15f;  // [m]
constexpr float kEdgeWidth = 0.35f;     // [m]
constexpr float kDashOn = 3.f;          // [m] painted
constexpr float kDashOff = 6.f;         // [m] gap
constexpr float kOutline = 0.25f;       // [m] around the ego

Vec2 ToVec(const sim::Vec2& p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }

// Left unit normals of a polyline (+90° from the local direction), averaged at inner points.
std::vector<Vec2> LeftNormals(const std::vector<sim::Vec2>& points) {
  std::vector<Vec2> normals(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    const sim::Vec2& a = points[i == 0 ? 0 : i - 1];
    const sim::Vec2& b = points[std::min(i + 1, points.size() - 1)];
    double dx = b.x - a.x, dy = b.y - a.y;
    double length = std::hypot(dx, dy);
    normals[i] = length > 1e-9 ? Vec2{static_cast<float>(-dy / length), static_cast<float>(dx / length)} : Vec2{};
  }
  return normals;
}

std::vector<sim::Vec2> Offset(const std::vector<sim::Vec2>& points, const std::vector<Vec2>& normals, double d) {
  std::vector<sim::Vec2> out(points.size());
  for (size_t i = 0; i < points.size(); ++i)
    out[i] = {points[i].x + normals[i].x * d, points[i].y + normals[i].y * d};
  return out;
}

}  // namespace

void WorldRenderer::AddPolyline(const std::vector<sim::Vec2>& points, const Camera& camera, float widthMetres,
                                float minPixels, Rgba color) {
  float width = std::max(widthMetres * camera.Zoom(), minPixels);
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    Vec2 a = ToVec(points[i]), b = ToVec(points[i + 1]);
    if (std::max(a.x, b.x) < visibleMin_.x || std::min(a.x, b.x) > visibleMax_.x ||
        std::max(a.y, b.y) < visibleMin_.y || std::min(a.y, b.y) > visibleMax_.y)
      continue;
    if (width <= 1.f)
      batch_.AddThinLine(camera.WorldToScreen(a), camera.WorldToScreen(b), color);  // overlays: a pixel wide
    else
      batch_.AddLine(camera.WorldToScreen(a), camera.WorldToScreen(b), width, color);
  }
}

void WorldRenderer::AddLanes(const sim::SceneView& view, const Camera& camera, const Palette& palette,
                             bool centreLines) {
  auto visible = [&](const sim::Vec2& a, const sim::Vec2& b, const sim::Vec2& c, const sim::Vec2& d) {
    double minX = std::min({a.x, b.x, c.x, d.x}), maxX = std::max({a.x, b.x, c.x, d.x});
    double minY = std::min({a.y, b.y, c.y, d.y}), maxY = std::max({a.y, b.y, c.y, d.y});
    return maxX >= visibleMin_.x && minX <= visibleMax_.x && maxY >= visibleMin_.y && minY <= visibleMax_.y;
  };
  // Surfaces first, so markings of neighbouring lanes are never painted over.
  std::vector<std::vector<sim::Vec2>> solid, dashed;
  for (const sim::LaneView& lane : view.lanes) {
    if (lane.centre.size() < 2) continue;
    std::vector<Vec2> normals = LeftNormals(lane.centre);
    std::vector<sim::Vec2> left = Offset(lane.centre, normals, lane.width * 0.5);
    std::vector<sim::Vec2> right = Offset(lane.centre, normals, -lane.width * 0.5);
    for (size_t i = 0; i + 1 < left.size(); ++i) {
      if (!visible(left[i], left[i + 1], right[i + 1], right[i])) continue;
      batch_.AddQuad(camera.WorldToScreen(ToVec(left[i])), camera.WorldToScreen(ToVec(left[i + 1])),
                     camera.WorldToScreen(ToVec(right[i + 1])), camera.WorldToScreen(ToVec(right[i])), palette.road);
    }
    if (lane.left == sim::LaneMarking::kSolid) solid.push_back(left);
    if (lane.left == sim::LaneMarking::kDashed) dashed.push_back(left);
    if (lane.right == sim::LaneMarking::kSolid) solid.push_back(right);
    if (lane.right == sim::LaneMarking::kDashed) dashed.push_back(right);
  }
  for (const auto& line : solid) AddPolyline(line, camera, kMarkingWidth, 1.f, palette.laneMarking);
  for (const auto& line : dashed) {
    // Dashes anchored to the arc length so they move with the road, not with the camera.
    double s = 0.0;
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      const sim::Vec2& a = line[i];
      const sim::Vec2& b = line[i + 1];
      double length = std::hypot(b.x - a.x, b.y - a.y);
      if (length < 1e-9) continue;
      double period = kDashOn + kDashOff;
      for (double dashStart = std::floor(s / period) * period; dashStart < s + length; dashStart += period) {
        double t0 = std::max(dashStart, s), t1 = std::min(dashStart + kDashOn, s + length);
        if (t1 <= t0) continue;
        sim::Vec2 p0{a.x + (b.x - a.x) * (t0 - s) / length, a.y + (b.y - a.y) * (t0 - s) / length};
        sim::Vec2 p1{a.x + (b.x - a.x) * (t1 - s) / length, a.y + (b.y - a.y) * (t1 - s) / length};
        AddPolyline({p0, p1}, camera, kMarkingWidth, 1.f, palette.laneMarking);
      }
      s += length;
    }
  }
  if (centreLines)
    for (const sim::LaneView& lane : view.lanes) AddPolyline(lane.centre, camera, 0.f, 0.f, palette.centreLine);
}

void WorldRenderer::AddVehicle(const sim::VehicleView& v, const Camera& camera, const Palette& palette) {
  float c = static_cast<float>(std::cos(v.heading)), s = static_cast<float>(std::sin(v.heading));
  float x = static_cast<float>(v.x), y = static_cast<float>(v.y);
  // A point at (forward f, left l) [m] in the vehicle's frame, on screen.
  auto at = [&](float f, float l) { return camera.WorldToScreen({x + f * c - l * s, y + f * s + l * c}); };
  auto box = [&](float f0, float f1, float l0, float l1, Rgba color) {
    batch_.AddQuad(at(f0, l0), at(f1, l0), at(f1, l1), at(f0, l1), color);
  };
  float halfL = static_cast<float>(v.length) * 0.5f, halfW = static_cast<float>(v.width) * 0.5f;
  if (v.isEgo) box(-halfL - kOutline, halfL + kOutline, -halfW - kOutline, halfW + kOutline, palette.egoOutline);
  Rgba body = v.isEgo ? palette.ego : (v.kind == sim::VehicleViewKind::kObstacle ? palette.obstacle : palette.car);
  box(-halfL, halfL, -halfW, halfW, body);
  if (v.kind == sim::VehicleViewKind::kObstacle) return;
  box(halfL * 0.15f, halfL * 0.55f, -halfW * 0.8f, halfW * 0.8f, palette.windshield);
  // Brake lamps at the rear corners: at least 3 px so they stay visible when zoomed out.
  float minMetres = 3.f / camera.Zoom();
  float lampL = std::max(0.4f, minMetres), lampW = std::max(0.5f, minMetres);
  Rgba lamp = v.braking ? palette.brakeLampOn : palette.brakeLampOff;
  box(-halfL, -halfL + lampL, halfW - lampW, halfW, lamp);
  box(-halfL, -halfL + lampL, -halfW, -halfW + lampW, lamp);
}

void WorldRenderer::Draw(SDL_Renderer* renderer, const sim::SceneView& view, const Camera& camera,
                         const Palette& palette, const Overlays& overlays, const PathOverlay* paths) {
  batch_.Clear();
  camera.VisibleWorld(visibleMin_, visibleMax_);
  float margin = 10.f;  // [m] so shapes straddling the border are kept
  visibleMin_ = {visibleMin_.x - margin, visibleMin_.y - margin};
  visibleMax_ = {visibleMax_.x + margin, visibleMax_.y + margin};

  AddLanes(view, camera, palette, overlays.centreLines);
  for (const auto& edge : view.edges) AddPolyline(edge, camera, kEdgeWidth, 2.f, palette.roadEdge);
  for (const sim::GoalView& goal : view.goals) {
    Vec2 centre = camera.WorldToScreen({static_cast<float>(goal.x), static_cast<float>(goal.y)});
    float radius = static_cast<float>(goal.radius) * camera.Zoom();
    batch_.AddCircle(centre, radius, goal.active ? palette.goalActive : palette.goal);
    batch_.AddRing(centre, radius, 2.f, goal.active ? palette.goalActive : palette.goal);
  }
  if (overlays.lidar)
    for (const sim::RayView& ray : view.rays)
      batch_.AddThinLine(camera.WorldToScreen(ToVec(ray.origin)), camera.WorldToScreen(ToVec(ray.end)),
                         ray.hit ? palette.lidarHit : palette.lidarMiss);
  for (const sim::VehicleView& vehicle : view.vehicles) {
    float reach = static_cast<float>(vehicle.length);
    if (vehicle.x + reach < visibleMin_.x || vehicle.x - reach > visibleMax_.x || vehicle.y + reach < visibleMin_.y ||
        vehicle.y - reach > visibleMax_.y)
      continue;
    AddVehicle(vehicle, camera, palette);
  }
  if (overlays.nearest && !view.vehicles.empty()) {
    const sim::VehicleView& ego = view.vehicles.front();
    Vec2 from = camera.WorldToScreen({static_cast<float>(ego.x), static_cast<float>(ego.y)});
    for (const sim::VehicleView& vehicle : view.vehicles) {
      if (!vehicle.observed) continue;
      Vec2 to = camera.WorldToScreen({static_cast<float>(vehicle.x), static_cast<float>(vehicle.y)});
      batch_.AddThinLine(from, to, palette.nearestVehicle);
      batch_.AddRing(to, static_cast<float>(vehicle.length) * 0.6f * camera.Zoom(), 2.f, palette.nearestVehicle);
    }
  }
  if (paths != nullptr && overlays.predictions) {
    for (const auto& path : paths->sampled) AddPolyline(path, camera, 0.f, 0.f, palette.predictedPath);
    AddPolyline(paths->chunk, camera, 0.f, 3.f, palette.chunkPath);
  }
  batch_.Draw(renderer);
}

}  // namespace app
