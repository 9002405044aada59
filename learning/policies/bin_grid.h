#pragma once
// The discretisation shared by the `bins` and `ar_bins` heads: `count` bin centres on [-1, 1], placed at
// sign(u)·|u|^warp for u uniform on [-1, 1], so warp > 1 puts them closer together near 0 (fine steering
// around straight ahead) and an odd count has a centre at exactly 0. An action maps to its nearest centre.
#include <cstddef>
#include <vector>

namespace learning::policies {

class BinGrid {
 public:
  BinGrid(int count, double warp);

  int Count() const { return static_cast<int>(centres_.size()); }
  double Centre(int bin) const { return centres_[static_cast<size_t>(bin)]; }
  // The nearest centre's index (values outside [-1, 1] map to the end bins).
  int BinOf(double value) const;

 private:
  std::vector<double> centres_;  // ascending
};

}  // namespace learning::policies
