#include "sim/idm.h"

#include <algorithm>
#include <cmath>

namespace sim {

double IdmAccel(const IdmDef& def, double v, double v0, double gap, double leaderSpeed) {
  v = std::max(v, 0.0);
  const double ratio = v0 > 0.0 ? v / v0 : 1.0;
  const double freeTerm = def.delta == 4.0 ? (ratio * ratio) * (ratio * ratio) : std::pow(ratio, def.delta);
  double interaction = 0.0;
  if (std::isfinite(gap)) {
    const double dv = v - leaderSpeed;
    const double sStar =
        def.minGap + std::max(0.0, v * def.timeHeadway + v * dv / (2.0 * std::sqrt(def.maxAccel * def.comfortDecel)));
    const double s = std::max(gap, 0.1);
    interaction = (sStar / s) * (sStar / s);
  }
  return std::clamp(def.maxAccel * (1.0 - freeTerm - interaction), -def.maxDecel, def.maxAccel);
}

double IdmEquilibriumGap(const IdmDef& def, double v, double v0) {
  const double freeTerm = std::pow(v / v0, def.delta);
  return (def.minGap + v * def.timeHeadway) / std::sqrt(1.0 - freeTerm);
}

}  // namespace sim
