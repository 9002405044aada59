#pragma once
// A multi-lane road: a reference line (RoadPath) and N lanes of equal width centred on it, lane 0 the rightmost.
// Lanes may start late or end early (a lane that ends is closed by an obstacle the scenario places). The road's
// outer edges become static Box2D bodies in World; leaving the road is a collision or an off-road event as the
// scenario says.
#include <vector>

#include "sim/lane.h"

namespace sim {

class Road {
 public:
  Road(RoadPath path, int laneCount, double laneWidth, double speedLimit);
  Road(const Road&) = delete;  // lanes point at path_
  Road& operator=(const Road&) = delete;

  const RoadPath& Path() const { return path_; }
  const std::vector<Lane>& Lanes() const { return lanes_; }
  Lane& MutableLane(int i) { return lanes_.at(i); }
  int LaneCount() const { return static_cast<int>(lanes_.size()); }
  double LaneWidth() const { return laneWidth_; }
  double HalfWidth() const { return laneWidth_ * LaneCount() / 2; }
  double Length() const { return path_.Length(); }
  double LaneCentre(int lane) const { return lanes_[lane].offset; }  // [m] from the reference line
  // The lane whose span contains lateral offset d [m] from the reference line (clamped to the road).
  int LaneIndex(double d) const;
  // The road's left (+1) or right (-1) edge as a polyline (points every ~5 m on arcs).
  std::vector<Vec2> Edge(int side) const;
  // A polyline along the reference line offset by d [m] between s0 and s1.
  std::vector<Vec2> Polyline(double d, double s0, double s1) const;

 private:
  RoadPath path_;
  std::vector<Lane> lanes_;
  double laneWidth_;
};

}  // namespace sim
