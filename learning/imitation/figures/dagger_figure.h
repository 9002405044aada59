#pragma once
// `ildrive dagger --figures DIR`: held-out success and collision against DAgger iteration (0 = behaviour cloning),
// with 95% intervals, and the learner's disagreement with the expert on its own rollouts.
#include <string>

#include "learning/imitation/dagger.h"
#include "learning/imitation/figures/figure_data.h"

namespace learning::imitation {

// `name` is the file stem; `about` the scenario and settings for the title. Iterations without a held-out
// evaluation are left out of the success panel.
Figure DaggerIterationFigure(const DaggerResult& result, const std::string& name, const std::string& about);

}  // namespace learning::imitation
