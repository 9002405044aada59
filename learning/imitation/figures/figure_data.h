#pragma once
// The data behind a figure, drawing-free: panels of series (lines or points) with labelled axes, shaded regions,
// and optionally a road scene under them. The lessons' figure builders fill it; app/render/figure_chart draws it
// (PNG, the app's Lessons panel), and ToJson writes the same numbers so anyone can re-plot them.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace learning::imitation {

// Colours are named by meaning, not by value: the renderer owns the palette.
enum class FigureColor { kC0, kC1, kC2, kC3, kC4, kC5, kC6, kC7, kC8, kSuccess, kCollision, kOffRoad, kUnfinished, kGrey };
// The categorical colour of the i-th arm (cycles through kC0 … kC8).
FigureColor CategoryColor(int index);
const char* FigureColorName(FigureColor color);

struct FigureSeries {
  enum class Style { kLine, kPoints };
  std::string label;  // legend entry; empty: not in the legend
  Style style = Style::kLine;
  FigureColor color = FigureColor::kC0;
  std::vector<double> x, y;  // in the panel's units (scene panels: world metres)
};

// A shaded rectangle in data units (e.g. the unsafe corners of the action plane).
struct FigureRegion {
  double x0 = 0.0, x1 = 0.0, y0 = 0.0, y1 = 0.0;
  std::string label;
};

struct FigurePanel {
  std::string title;
  std::string xLabel, yLabel;  // with units: "time [s]"
  std::vector<FigureSeries> series;
  std::vector<FigureRegion> shaded;
  // Axis ranges; NaN: fitted to the data.
  double xMin = std::numeric_limits<double>::quiet_NaN(), xMax = std::numeric_limits<double>::quiet_NaN();
  double yMin = std::numeric_limits<double>::quiet_NaN(), yMax = std::numeric_limits<double>::quiet_NaN();
  // Scene panels draw the road of `sceneJson` (sim::Scenario::DefJson) reset with `sceneSeed` under the series,
  // which are then world positions [m] at the same scale on both axes.
  std::string sceneJson;
  uint64_t sceneSeed = 0;
  bool xWhole = false;  // x ticks on whole numbers only (iterations, seeds)
  bool IsScene() const { return !sceneJson.empty(); }

  FigureSeries& Add(const std::string& label, FigureSeries::Style style, FigureColor color);
};

struct Figure {
  std::string name;   // file stem: "<lesson>_<what>"
  std::string title;
  std::vector<FigurePanel> panels;  // laid out in a grid, `columns` wide
  int columns = 1;
  // One legend under the title, across the figure, for panels whose series share names and colours (the panels
  // then draw none and keep their height for the plots).
  bool sharedLegend = false;

  FigurePanel& AddPanel(const std::string& title, const std::string& xLabel, const std::string& yLabel);
  // {"name", "title", "panels": [{"title", "x_label", "y_label", "scene", "series": [{"label", "style",
  // "color", "x": […], "y": […]}], "shaded": […]}]}; NaN ranges are left out.
  std::string ToJson() const;
};

}  // namespace learning::imitation
