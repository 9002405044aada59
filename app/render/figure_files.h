#pragma once
// Figures as files: <dir>/<name>.png (drawn by figure_chart) beside <dir>/<name>.json (the numbers behind it),
// each written atomically; the folder is created when missing.
#include <string>
#include <vector>

#include "app/render/figure_chart.h"

namespace app {

// Returns the paths written, PNG then JSON per figure. core::Error naming the path on failure.
std::vector<std::string> WriteFigures(const std::vector<learning::imitation::Figure>& figures, const std::string& dir,
                                      const FigureLayout& layout = {});

}  // namespace app
