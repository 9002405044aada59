#include "learning/nn/schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"

namespace learning::nn {

LearningRateSchedule::LearningRateSchedule(const LearningRateScheduleDef& def) : def_(def) {
  if (def.baseRate < 0 || def.finalRate < 0) throw core::Error("learning-rate schedule: rates must be ≥ 0");
  if (def.warmupSteps < 0) throw core::Error("learning-rate schedule: warmupSteps must be ≥ 0");
  if (def.kind != ScheduleKind::kConstant && def.totalSteps <= def.warmupSteps)
    throw core::Error(std::string("learning-rate schedule: ") + ScheduleKindName(def.kind) +
                      " needs totalSteps > warmupSteps (got " + std::to_string(def.totalSteps) + " and " +
                      std::to_string(def.warmupSteps) + ")");
}

double LearningRateSchedule::At(int64_t step) const {
  if (step < def_.warmupSteps)
    return def_.baseRate * static_cast<double>(step + 1) / static_cast<double>(def_.warmupSteps);
  if (def_.kind == ScheduleKind::kConstant) return def_.baseRate;
  const double p = std::clamp(static_cast<double>(step - def_.warmupSteps) /
                                  static_cast<double>(def_.totalSteps - def_.warmupSteps),
                              0.0, 1.0);
  if (def_.kind == ScheduleKind::kLinear) return def_.baseRate + (def_.finalRate - def_.baseRate) * p;
  return def_.finalRate + 0.5 * (def_.baseRate - def_.finalRate) * (1.0 + std::cos(std::numbers::pi * p));
}

ScheduleKind ParseScheduleKind(const std::string& name) {
  for (ScheduleKind kind : {ScheduleKind::kConstant, ScheduleKind::kLinear, ScheduleKind::kCosine})
    if (name == ScheduleKindName(kind)) return kind;
  throw core::Error("unknown learning-rate schedule '" + name + "' (expected constant, linear or cosine)");
}

const char* ScheduleKindName(ScheduleKind kind) {
  switch (kind) {
    case ScheduleKind::kConstant: return "constant";
    case ScheduleKind::kLinear: return "linear";
    case ScheduleKind::kCosine: return "cosine";
  }
  return "?";
}

}  // namespace learning::nn
