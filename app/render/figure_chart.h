#pragma once
// Draws a learning::imitation::Figure offscreen: a title, then its panels in a grid, each with a title, a legend,
// labelled axes with ticks, shaded regions, line and point series, and for scene panels the road drawn by the
// world renderer under the series. The CLI writes these images as PNG; the app's Lessons panel shows them.
#include "app/render/image.h"
#include "learning/imitation/figures/figure_data.h"

namespace app {

struct FigureLayout {
  int panelWidth = 560;   // [px]
  int panelHeight = 360;  // [px]
  float textScale = 2.f;  // stb_easy_font units → px (2: glyphs 14 px tall)
};

// The image size DrawFigure produces for `figure` (panels in rows of figure.columns).
void FigureSize(const learning::imitation::Figure& figure, const FigureLayout& layout, int& width, int& height);
// Throws core::Error when a scene panel's scenario JSON is not valid.
Image DrawFigure(const learning::imitation::Figure& figure, const FigureLayout& layout = {});

// The plot area of panel `index` in the image (where data are drawn), for tests: [x0, x1) × [y0, y1).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
PixelRect PlotArea(const learning::imitation::Figure& figure, const FigureLayout& layout, int index);

// The chart colours (background of the image and of plot areas).
Rgba FigureBackground();
Rgba FigurePlotBackground();

}  // namespace app
