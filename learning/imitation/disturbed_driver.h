#pragma once
// A car whose command does not quite reach it: the wrapped driver's executed action plus the noisy expert's OU
// noise (always on; its segment and episode probabilities are ignored), drawn from the episode seed so every
// policy meets the same disturbance in the same episode. Labels are left as they are. The noise_injection lesson
// evaluates its clones this way, and its figures trace them the same way.
#include "learning/imitation/evaluation.h"
#include "sim/driver.h"

namespace learning::imitation {

DriverFactory Disturbed(DriverFactory inner, const sim::NoisyExpertDef& noise);

}  // namespace learning::imitation
