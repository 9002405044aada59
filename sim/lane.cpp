#include "sim/lane.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"

namespace sim {

double WrapAngle(double a) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  a = std::fmod(a + std::numbers::pi, kTwoPi);
  if (a <= 0.0) a += kTwoPi;
  return a - std::numbers::pi;
}

RoadPath::RoadPath(Vec2 start, double heading) : end_(start), endHeading_(heading) {}

RoadPath& RoadPath::Straight(double length) { return Arc(length, 0.0); }

RoadPath& RoadPath::Arc(double length, double curvature) {
  ILD_CHECK(length > 0.0, "segment length must be positive");
  PathSegment seg{end_, endHeading_, length, curvature};
  segments_.push_back(seg);
  segmentStart_.push_back(length_);
  length_ += length;
  end_ = Position(length_, 0.0);
  endHeading_ = endHeading_ + length * curvature;
  return *this;
}

int RoadPath::SegmentAt(double s) const {
  int i = static_cast<int>(segments_.size()) - 1;
  while (i > 0 && s < segmentStart_[i]) --i;
  return i;
}

namespace {

// Point at arc length u along a segment, offset d to the left of it.
Vec2 SegmentPosition(const PathSegment& seg, double u, double d) {
  const double c = seg.curvature;
  if (c == 0.0) {
    const double ch = std::cos(seg.heading), sh = std::sin(seg.heading);
    return {seg.start.x + u * ch - d * sh, seg.start.y + u * sh + d * ch};
  }
  // Circle centre to the left (c > 0) or right (c < 0) of the start point.
  const double r = 1.0 / c;
  const double cx = seg.start.x - r * std::sin(seg.heading);
  const double cy = seg.start.y + r * std::cos(seg.heading);
  const double h = seg.heading + u * c;
  const double rr = r - d;  // the offset point's radius (signed)
  return {cx + rr * std::sin(h), cy - rr * std::cos(h)};
}

LocalCoords SegmentLocal(const PathSegment& seg, Vec2 p) {
  const double c = seg.curvature;
  if (c == 0.0) {
    const double ch = std::cos(seg.heading), sh = std::sin(seg.heading);
    const double dx = p.x - seg.start.x, dy = p.y - seg.start.y;
    return {dx * ch + dy * sh, -dx * sh + dy * ch};
  }
  const double r = 1.0 / c;
  const double cx = seg.start.x - r * std::sin(seg.heading);
  const double cy = seg.start.y + r * std::cos(seg.heading);
  const double dx = p.x - cx, dy = p.y - cy;
  // Angle of the radius vector; for a left turn the point at heading h sits at angle h - pi/2.
  const double phi = std::atan2(dy, dx);
  const double h = (c > 0.0) ? phi + std::numbers::pi / 2 : phi - std::numbers::pi / 2;
  const double dh = WrapAngle(h - seg.heading);
  const double dist = std::sqrt(dx * dx + dy * dy);
  const double rAbs = std::abs(r);
  const double d = (c > 0.0) ? rAbs - dist : dist - rAbs;
  return {dh / c, d};
}

}  // namespace

Vec2 RoadPath::Position(double s, double d) const {
  ILD_CHECK(!segments_.empty(), "road path has no segments");
  if (s < 0.0) {
    const PathSegment& seg = segments_.front();
    PathSegment back{seg.start, seg.heading, 0.0, 0.0};
    return SegmentPosition(back, s, d);
  }
  if (s > length_) {
    PathSegment ahead{end_, endHeading_, 0.0, 0.0};
    return SegmentPosition(ahead, s - length_, d);
  }
  const int i = SegmentAt(s);
  return SegmentPosition(segments_[i], s - segmentStart_[i], d);
}

double RoadPath::HeadingAt(double s) const {
  ILD_CHECK(!segments_.empty(), "road path has no segments");
  if (s <= 0.0) return segments_.front().heading;
  if (s >= length_) return endHeading_;
  const int i = SegmentAt(s);
  return segments_[i].heading + (s - segmentStart_[i]) * segments_[i].curvature;
}

double RoadPath::CurvatureAt(double s) const {
  if (s < 0.0 || s > length_) return 0.0;
  return segments_[SegmentAt(s)].curvature;
}

LocalCoords RoadPath::LocalCoordinates(Vec2 p) const {
  ILD_CHECK(!segments_.empty(), "road path has no segments");
  if (segments_.size() == 1 && segments_[0].curvature == 0.0) return SegmentLocal(segments_[0], p);
  // Nearest segment: the one whose clamped projection lies closest to p.
  LocalCoords best;
  double bestDist = INFINITY;
  const int n = static_cast<int>(segments_.size());
  for (int i = 0; i < n; ++i) {
    const PathSegment& seg = segments_[i];
    LocalCoords c = SegmentLocal(seg, p);
    const bool first = (i == 0), last = (i == n - 1);
    double u = c.s;
    if (!(first && u < 0.0) && !(last && u > seg.length)) {
      if (u < 0.0 || u > seg.length) {
        u = std::clamp(u, 0.0, seg.length);
        const Vec2 q = SegmentPosition(seg, u, 0.0);
        const double dist = std::hypot(p.x - q.x, p.y - q.y);
        if (dist < bestDist) {
          bestDist = dist;
          best = {segmentStart_[i] + u, c.d};
        }
        continue;
      }
    }
    const double dist = std::abs(c.d);
    if (dist < bestDist) {
      bestDist = dist;
      best = {segmentStart_[i] + c.s, c.d};
    }
  }
  return best;
}

}  // namespace sim
