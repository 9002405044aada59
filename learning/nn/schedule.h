#pragma once
// Learning-rate schedules with linear warm-up. For optimiser step s = 0, 1, … (the rate of the (s+1)-th update):
//   s < warmupSteps:  baseRate·(s + 1)/warmupSteps
//   otherwise, with progress p = clamp((s − warmupSteps)/(totalSteps − warmupSteps), 0, 1):
//     constant: baseRate
//     linear:   baseRate + (finalRate − baseRate)·p
//     cosine:   finalRate + ½(baseRate − finalRate)(1 + cos πp)   (Loshchilov & Hutter 2017, no restarts)
#include <cstdint>
#include <string>

namespace learning::nn {

enum class ScheduleKind { kConstant, kLinear, kCosine };

struct LearningRateScheduleDef {
  ScheduleKind kind = ScheduleKind::kConstant;
  double baseRate = 1e-3;
  double finalRate = 0.0;    // linear and cosine end here at totalSteps
  int64_t warmupSteps = 0;
  int64_t totalSteps = 0;    // needed by linear and cosine (> warmupSteps)
};

class LearningRateSchedule {
 public:
  // Throws core::Error for an inconsistent definition (negative rates or steps, totalSteps ≤ warmupSteps).
  explicit LearningRateSchedule(const LearningRateScheduleDef& def);
  double At(int64_t step) const;
  const LearningRateScheduleDef& Def() const { return def_; }

 private:
  LearningRateScheduleDef def_;
};

// "constant" | "linear" | "cosine"; throws core::Error naming the accepted values otherwise.
ScheduleKind ParseScheduleKind(const std::string& name);
const char* ScheduleKindName(ScheduleKind kind);

}  // namespace learning::nn
