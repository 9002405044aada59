#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/error.h"
#include "learning/nn/schedule.h"

namespace learning::nn {
namespace {

TEST_CASE("schedules match their formulas, warm-up included") {
  const double base = 0.01, final = 0.001;
  LearningRateSchedule constant({ScheduleKind::kConstant, base, 0.0, 4, 0});
  LearningRateSchedule linear({ScheduleKind::kLinear, base, final, 4, 104});
  LearningRateSchedule cosine({ScheduleKind::kCosine, base, final, 4, 104});
  for (int64_t s = 0; s < 4; ++s) {
    const double warm = base * static_cast<double>(s + 1) / 4.0;
    CHECK(constant.At(s) == doctest::Approx(warm));
    CHECK(linear.At(s) == doctest::Approx(warm));
    CHECK(cosine.At(s) == doctest::Approx(warm));
  }
  CHECK(constant.At(1000) == base);
  CHECK(linear.At(4) == doctest::Approx(base));
  CHECK(linear.At(54) == doctest::Approx(base + (final - base) * 0.5));
  CHECK(linear.At(104) == doctest::Approx(final));
  CHECK(linear.At(500) == doctest::Approx(final));
  CHECK(cosine.At(4) == doctest::Approx(base));
  CHECK(cosine.At(29) == doctest::Approx(final + 0.5 * (base - final) * (1 + std::cos(std::numbers::pi * 0.25))));
  CHECK(cosine.At(54) == doctest::Approx(0.5 * (base + final)));
  CHECK(cosine.At(104) == doctest::Approx(final));
}

TEST_CASE("inconsistent schedules and unknown names are rejected") {
  CHECK_THROWS_AS(LearningRateSchedule({ScheduleKind::kCosine, 0.01, 0.0, 10, 10}), core::Error);
  CHECK_THROWS_AS(LearningRateSchedule({ScheduleKind::kConstant, -1.0, 0.0, 0, 0}), core::Error);
  CHECK(ParseScheduleKind("cosine") == ScheduleKind::kCosine);
  CHECK_THROWS_AS(ParseScheduleKind("exponential"), core::Error);
}

}  // namespace
}  // namespace learning::nn
