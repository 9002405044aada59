#pragma once
// Road geometry in the highway-env manner. A RoadPath is the road's reference (centre) line, a chain of straight
// and circular-arc segments joined with continuous heading; a Lane is that line offset sideways by a fixed amount.
// Lanes answer Position(s, d), LocalCoordinates(p) -> (s, d), HeadingAt(s), WidthAt(s) and SpeedLimit().
// s is the arc length along the road's reference line [m] (shared by all lanes, so s compares across lanes);
// d is the lateral offset from the lane's centre [m], + = left.
#include <vector>

namespace sim {

struct Vec2 {
  double x = 0.0;
  double y = 0.0;
};

struct LocalCoords {
  double s = 0.0;  // [m] along the reference line
  double d = 0.0;  // [m] lateral, + = left
};

struct PathSegment {
  Vec2 start;            // [m]
  double heading = 0.0;  // [rad] at start
  double length = 0.0;   // [m] along the reference line
  double curvature = 0.0;  // [1/m], + = turning left, 0 = straight
  // Derived once (Finish()): the start heading's cosine and sine, and an arc's signed radius and centre.
  double cosHeading = 1.0, sinHeading = 0.0;
  double radius = 0.0;
  Vec2 centre;
  void Finish();
};

class RoadPath {
 public:
  RoadPath() = default;
  RoadPath(Vec2 start, double heading);

  // Appends a straight piece or an arc (curvature + = left) continuing from the current end.
  RoadPath& Straight(double length);
  RoadPath& Arc(double length, double curvature);

  double Length() const { return length_; }
  const std::vector<PathSegment>& Segments() const { return segments_; }

  Vec2 Position(double s, double d) const;   // s clamped to [0, Length()]
  double HeadingAt(double s) const;          // [rad]
  double CurvatureAt(double s) const;        // [1/m]
  LocalCoords LocalCoordinates(Vec2 p) const;  // nearest segment; beyond the ends extrapolated straight

 private:
  int SegmentAt(double s) const;
  std::vector<PathSegment> segments_;
  std::vector<double> segmentStart_;  // [m] s at the start of each segment
  Vec2 end_;
  double endHeading_ = 0.0;
  double length_ = 0.0;
  double earlyExit_ = 1e9;  // [m] half the tightest arc radius
};

enum class LaneMarking { kNone, kSolid, kDashed };

struct Lane {
  const RoadPath* path = nullptr;
  double offset = 0.0;     // [m] lateral offset of the lane's centre from the reference line, + = left
  double width = 4.0;      // [m]
  double speedLimit = 30.0;  // [m/s]
  double sStart = 0.0;     // [m] the lane exists on [sStart, sEnd]
  double sEnd = 0.0;
  LaneMarking left = LaneMarking::kDashed;
  LaneMarking right = LaneMarking::kDashed;

  Vec2 Position(double s, double d) const { return path->Position(s, offset + d); }
  LocalCoords LocalCoordinates(Vec2 p) const {
    LocalCoords c = path->LocalCoordinates(p);
    c.d -= offset;
    return c;
  }
  double HeadingAt(double s) const { return path->HeadingAt(s); }
  double WidthAt(double /*s*/) const { return width; }
  double SpeedLimit() const { return speedLimit; }
  bool OnLane(LocalCoords c) const { return c.s >= sStart && c.s <= sEnd && c.d >= -width / 2 && c.d <= width / 2; }
};

// Wraps an angle to (-pi, pi].
double WrapAngle(double a);

}  // namespace sim
