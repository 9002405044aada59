#include "sim/road.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace sim {

Road::Road(RoadPath path, int laneCount, double laneWidth, double speedLimit)
    : path_(std::move(path)), laneWidth_(laneWidth) {
  ILD_CHECK(laneCount >= 1 && laneWidth > 0.0, "road needs lanes of positive width");
  for (int i = 0; i < laneCount; ++i) {
    Lane lane;
    lane.path = &path_;
    lane.offset = (i - (laneCount - 1) / 2.0) * laneWidth;
    lane.width = laneWidth;
    lane.speedLimit = speedLimit;
    lane.sStart = 0.0;
    lane.sEnd = path_.Length();
    lane.right = (i == 0) ? LaneMarking::kSolid : LaneMarking::kDashed;
    lane.left = (i == laneCount - 1) ? LaneMarking::kSolid : LaneMarking::kDashed;
    lanes_.push_back(lane);
  }
}

int Road::LaneIndex(double d) const {
  const int i = static_cast<int>(std::floor((d + HalfWidth()) / laneWidth_));
  return std::clamp(i, 0, LaneCount() - 1);
}

std::vector<Vec2> Road::Polyline(double d, double s0, double s1) const {
  // Straight pieces need only their ends; arcs get a point every ~5 m.
  std::vector<Vec2> points{path_.Position(s0, d)};
  double acc = 0.0;
  for (const PathSegment& seg : path_.Segments()) {
    const double a = acc, b = acc + seg.length;
    acc = b;
    if (b <= s0 || a >= s1) continue;
    const double lo = std::max(a, s0), hi = std::min(b, s1);
    if (seg.curvature != 0.0) {
      const int n = static_cast<int>(std::ceil((hi - lo) / 5.0));
      for (int k = 1; k < n; ++k) points.push_back(path_.Position(lo + (hi - lo) * k / n, d));
    }
    points.push_back(path_.Position(hi, d));
  }
  return points;
}

std::vector<Vec2> Road::Edge(int side) const {
  return Polyline(side > 0 ? HalfWidth() : -HalfWidth(), 0.0, path_.Length());
}

}  // namespace sim
