#include "learning/imitation/figures/dagger_figure.h"

namespace learning::imitation {

namespace {

using Style = FigureSeries::Style;

// A rate per iteration: the line, its points and a vertical 95% bar at each.
void AddRate(FigurePanel& panel, const std::string& label, FigureColor color, const std::vector<double>& x,
             const std::vector<RateEstimate>& rates) {
  FigureSeries line{label, Style::kLine, color, x, {}};
  for (const RateEstimate& r : rates) line.y.push_back(r.rate);
  FigureSeries points{"", Style::kPoints, color, x, line.y};
  panel.series.push_back(line);
  panel.series.push_back(points);
  for (size_t i = 0; i < x.size(); ++i)
    panel.series.push_back(FigureSeries{"", Style::kLine, color, {x[i], x[i]}, {rates[i].low, rates[i].high}});
}

}  // namespace

Figure DaggerIterationFigure(const DaggerResult& result, const std::string& name, const std::string& about) {
  Figure figure{name, "DAgger: " + about, {}, 2};
  figure.AddPanel("held-out episodes (95% intervals)", "iteration (0 = behaviour cloning)", "rate");
  figure.AddPanel("on the learner's rollouts", "iteration", "mean |learner - expert|");
  FigurePanel &rates = figure.panels[0], &agreement = figure.panels[1];
  rates.xWhole = agreement.xWhole = true;
  std::vector<double> x, xAll, disagreement;
  std::vector<RateEstimate> success, collision;
  for (const DaggerIteration& it : result.iterations) {
    if (it.evaluated) {
      x.push_back(it.iteration);
      success.push_back(it.success);
      collision.push_back(it.collision);
    }
    if (it.iteration > 0) {
      xAll.push_back(it.iteration);
      disagreement.push_back(it.disagreement);
    }
  }
  AddRate(rates, "success", FigureColor::kSuccess, x, success);
  AddRate(rates, "collision", FigureColor::kCollision, x, collision);
  rates.yMin = 0.0;
  rates.yMax = 1.02;
  rates.xMin = -0.3;
  rates.xMax = static_cast<double>(result.iterations.size()) - 0.7;
  agreement.series.push_back(FigureSeries{"disagreement", Style::kLine, FigureColor::kC0, xAll, disagreement});
  agreement.series.push_back(FigureSeries{"", Style::kPoints, FigureColor::kC0, xAll, disagreement});
  agreement.yMin = 0.0;
  agreement.xMin = 0.7;
  agreement.xMax = rates.xMax;
  if (x.empty() && xAll.empty()) figure.panels.clear();
  return figure;
}

}  // namespace learning::imitation
