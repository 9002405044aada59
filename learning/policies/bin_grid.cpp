#include "learning/policies/bin_grid.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace learning::policies {

BinGrid::BinGrid(int count, double warp) {
  ILD_CHECK(count >= 2 && warp > 0.0, "BinGrid needs at least 2 bins and a positive warp");
  for (int i = 0; i < count; ++i) {
    const double u = -1.0 + 2.0 * i / (count - 1);
    centres_.push_back(std::copysign(std::pow(std::abs(u), warp), u));
  }
}

int BinGrid::BinOf(double value) const {
  auto it = std::lower_bound(centres_.begin(), centres_.end(), value);
  if (it == centres_.begin()) return 0;
  if (it == centres_.end()) return Count() - 1;
  const auto hi = static_cast<int>(it - centres_.begin());
  return value - centres_[static_cast<size_t>(hi - 1)] <= centres_[static_cast<size_t>(hi)] - value ? hi - 1 : hi;
}

}  // namespace learning::policies
