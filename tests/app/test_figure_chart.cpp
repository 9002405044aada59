// Figures drawn offscreen from their data: sizes, where the data land, shaded regions, labels, and a scene panel
// with the road under the series.
#include "app/render/figure_chart.h"

#include <doctest/doctest.h>

#include "core/error.h"
#include "sim/scenario_registry.h"

using learning::imitation::Figure;
using learning::imitation::FigureColor;
using learning::imitation::FigureSeries;

TEST_CASE("A chart figure: the size follows the grid, a line lands where its data are, text is drawn") {
  Figure figure{"test", "A title", {}, 2};
  auto& panel = figure.AddPanel("left", "time [s]", "speed [m/s]");
  panel.xMin = 0.0, panel.xMax = 10.0, panel.yMin = 0.0, panel.yMax = 10.0;
  FigureSeries& s = panel.Add("rising", FigureSeries::Style::kLine, FigureColor::kC0);
  s.x = {0.0, 10.0};
  s.y = {0.0, 10.0};
  panel.shaded.push_back({5.0, 10.0, 0.0, 5.0, "unsafe"});
  figure.AddPanel("right (empty)", "x [m]", "y [m]");
  figure.AddPanel("below", "x [m]", "y [m]");
  const app::FigureLayout layout;
  int width = 0, height = 0;
  app::FigureSize(figure, layout, width, height);
  CHECK(width == 2 * layout.panelWidth);
  CHECK(height > 2 * layout.panelHeight);
  const app::Image image = app::DrawFigure(figure, layout);
  REQUIRE(image.width == width);
  REQUIRE(image.height == height);
  const app::PixelRect a = app::PlotArea(figure, layout, 0);
  const app::Rgba blue{0, 114, 178};
  // The diagonal from bottom-left to top-right: blue near both corners, none in the top-left corner.
  CHECK(image.CountColor(blue, a.x0, a.y1 - 20, a.x0 + 20, a.y1) > 5);
  CHECK(image.CountColor(blue, a.x1 - 20, a.y0, a.x1, a.y0 + 20) > 5);
  CHECK(image.CountColor(blue, a.x0, a.y0, a.x0 + 40, a.y0 + 40) == 0);
  // The shaded bottom-right quarter is neither the plot background nor white.
  const int mx = (a.x0 + a.x1) / 2, my = (a.y0 + a.y1) / 2;
  CHECK(image.CountColor(app::FigurePlotBackground(), mx + 10, my + 10, a.x1 - 10, a.y1 - 10) == 0);
  // Labels: dark text left of and below the plot area (tick labels, axis titles).
  const app::Rgba text{30, 30, 30};
  CHECK(image.CountColor(text, 0, a.y0, a.x0 - 2, a.y1) > 100);
  CHECK(image.CountColor(text, a.x0, a.y1 + 2, a.x1, a.y1 + 60) > 100);
}

TEST_CASE("A scene panel draws the scenario's road under the paths, a bad scenario names the figure") {
  Figure figure{"scene", "Paths", {}, 1};
  auto& panel = figure.AddPanel("highway", "along the road [m]", "across [m]");
  panel.sceneJson = sim::DefaultScenarioJson("highway");
  panel.xMin = 0.0, panel.xMax = 200.0, panel.yMin = -10.0, panel.yMax = 20.0;
  FigureSeries& s = panel.Add("success", FigureSeries::Style::kLine, FigureColor::kSuccess);
  s.x = {10.0, 190.0};
  s.y = {5.0, 5.0};
  const app::Image image = app::DrawFigure(figure);
  const app::PixelRect a = app::PlotArea(figure, {}, 0);
  const app::Palette palette;
  CHECK(image.CountColor(palette.road, a.x0, a.y0, a.x1, a.y1) > 2000);
  CHECK(image.CountColor(app::Rgba{40, 200, 90}, a.x0, a.y0, a.x1, a.y1) > 100);
  panel.sceneJson = R"({"scenario": "highway", "nope": 1})";
  CHECK_THROWS_WITH_AS(app::DrawFigure(figure), doctest::Contains("figure 'highway'"), core::Error);
}
