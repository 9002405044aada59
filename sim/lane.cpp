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

namespace {
PathSegment MakeSegment(Vec2 start, double heading, double length, double curvature) {
  PathSegment seg;
  seg.start = start;
  seg.heading = heading;
  seg.length = length;
  seg.curvature = curvature;
  seg.Finish();
  return seg;
}
}  // namespace

void PathSegment::Finish() {
  cosHeading = std::cos(heading);
  sinHeading = std::sin(heading);
  if (curvature != 0.0) {
    radius = 1.0 / curvature;
    centre = {start.x - radius * sinHeading, start.y + radius * cosHeading};
  }
}

RoadPath::RoadPath(Vec2 start, double heading) : end_(start), endHeading_(heading) {}

RoadPath& RoadPath::Straight(double length) { return Arc(length, 0.0); }

RoadPath& RoadPath::Arc(double length, double curvature) {
  ILD_CHECK(length > 0.0, "segment length must be positive");
  segments_.push_back(MakeSegment(end_, endHeading_, length, curvature));
  if (curvature != 0.0) earlyExit_ = std::min(earlyExit_, 0.5 / std::abs(curvature));
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
    const double ch = seg.cosHeading, sh = seg.sinHeading;
    return {seg.start.x + u * ch - d * sh, seg.start.y + u * sh + d * ch};
  }
  // Circle centre to the left (c > 0) or right (c < 0) of the start point.
  const double h = seg.heading + u * c;
  const double rr = seg.radius - d;  // the offset point's radius (signed)
  return {seg.centre.x + rr * std::sin(h), seg.centre.y - rr * std::cos(h)};
}

LocalCoords SegmentLocal(const PathSegment& seg, Vec2 p) {
  const double c = seg.curvature;
  if (c == 0.0) {
    const double ch = seg.cosHeading, sh = seg.sinHeading;
    const double dx = p.x - seg.start.x, dy = p.y - seg.start.y;
    return {dx * ch + dy * sh, -dx * sh + dy * ch};
  }
  const double dx = p.x - seg.centre.x, dy = p.y - seg.centre.y;
  // Angle of the radius vector; for a left turn the point at heading h sits at angle h - pi/2.
  const double phi = std::atan2(dy, dx);
  const double h = (c > 0.0) ? phi + std::numbers::pi / 2 : phi - std::numbers::pi / 2;
  const double dh = WrapAngle(h - seg.heading);
  const double dist = std::sqrt(dx * dx + dy * dy);
  const double rAbs = std::abs(seg.radius);
  const double d = (c > 0.0) ? rAbs - dist : dist - rAbs;
  return {dh / c, d};
}

}  // namespace

Vec2 RoadPath::Position(double s, double d) const {
  ILD_CHECK(!segments_.empty(), "road path has no segments");
  if (s < 0.0) {
    const PathSegment& seg = segments_.front();
    return SegmentPosition(MakeSegment(seg.start, seg.heading, 0.0, 0.0), s, d);
  }
  if (s > length_) {
    return SegmentPosition(MakeSegment(end_, endHeading_, 0.0, 0.0), s - length_, d);
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
  // Nearest segment: the one whose (clamped) projection lies closest to p. A projection inside a segment and
  // closer than half the tightest arc radius cannot be beaten by another segment, so the scan stops there.
  LocalCoords best;
  double bestDist = INFINITY;
  const int n = static_cast<int>(segments_.size());
  for (int i = 0; i < n; ++i) {
    const PathSegment& seg = segments_[i];
    const LocalCoords c = SegmentLocal(seg, p);
    const bool beforeStart = c.s < 0.0 && i > 0, pastEnd = c.s > seg.length && i < n - 1;
    if (beforeStart || pastEnd) {
      const double u = std::clamp(c.s, 0.0, seg.length);
      const Vec2 q = SegmentPosition(seg, u, 0.0);
      const double dist = std::sqrt((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y));
      if (dist < bestDist) {
        bestDist = dist;
        best = {segmentStart_[i] + u, c.d};
      }
      continue;
    }
    const double dist = std::abs(c.d);
    if (dist < earlyExit_) return {segmentStart_[i] + c.s, c.d};
    if (dist < bestDist) {
      bestDist = dist;
      best = {segmentStart_[i] + c.s, c.d};
    }
  }
  return best;
}

}  // namespace sim
