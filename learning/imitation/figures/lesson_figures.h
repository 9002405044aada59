#pragma once
// The figures of a lesson, built from its result after the run: the kept policies (lesson_policy.h) drive a few
// held-out episodes again in the scenario they were evaluated in (traced: paths, commands, the lead), are sampled
// at a decision state, and the tables' rows give budget and iteration curves. Nothing here changes a table.
#include <cstdint>
#include <vector>

#include "learning/imitation/figures/figure_data.h"
#include "learning/imitation/lessons/lesson_table.h"

namespace learning::imitation {

struct LessonFigureOptions {
  bool quick = false;  // fewer traced episodes and samples
  int threads = 2;
  uint64_t seed = 0;   // held-out seeds of the traced episodes (the lesson's evaluation uses other children)
};

// Every figure of `result.lesson` (an unknown lesson: the generic ones — paths of the first table's policies and
// budget curves — where they apply). core::Error if a kept policy does not fit its scenario.
std::vector<Figure> LessonFigures(const LessonResult& result, const LessonFigureOptions& options);

}  // namespace learning::imitation
