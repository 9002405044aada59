#include "app/render/figure_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/render/camera.h"
#include "app/render/geometry_batch.h"
#include "app/render/offscreen_canvas.h"
#include "app/render/text.h"
#include "app/render/world_renderer.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

namespace imitation = learning::imitation;

constexpr Rgba kText{30, 30, 30};
constexpr Rgba kAxis{70, 70, 70};
constexpr Rgba kGrid{222, 222, 222};
constexpr Rgba kShade{230, 70, 70, 55};
constexpr float kLineWidth = 2.f;   // [px]
constexpr float kPointSize = 5.f;   // [px]
constexpr float kSwatch = 12.f;     // [px] legend colour square

// Okabe-Ito (readable by most colour-blind readers) for arms; outcomes keep their usual meaning.
Rgba ColorOf(imitation::FigureColor color) {
  switch (color) {
    case imitation::FigureColor::kC0: return {0, 114, 178};
    case imitation::FigureColor::kC1: return {230, 159, 0};
    case imitation::FigureColor::kC2: return {0, 158, 115};
    case imitation::FigureColor::kC3: return {204, 121, 167};
    case imitation::FigureColor::kC4: return {86, 180, 233};
    case imitation::FigureColor::kC5: return {213, 94, 0};
    case imitation::FigureColor::kC6: return {150, 140, 20};
    case imitation::FigureColor::kC7: return {40, 40, 40};
    case imitation::FigureColor::kC8: return {120, 80, 200};
    case imitation::FigureColor::kSuccess: return {40, 200, 90};
    case imitation::FigureColor::kCollision: return {235, 45, 45};
    case imitation::FigureColor::kOffRoad: return {255, 170, 0};
    case imitation::FigureColor::kUnfinished: return {175, 175, 175};
    case imitation::FigureColor::kGrey: return {140, 140, 140};
  }
  return kText;
}

// `text` broken at spaces into lines no wider than `width` (a word longer than that gets a line of its own).
std::vector<std::string> Wrap(const std::string& text, float scale, float width) {
  std::vector<std::string> lines;
  std::string line, word;
  auto flush = [&] {
    if (word.empty()) return;
    const std::string joined = line.empty() ? word : line + " " + word;
    if (!line.empty() && TextWidth(joined, scale) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = joined;
    }
    word.clear();
  };
  for (char ch : text) {
    if (ch == ' ')
      flush();
    else
      word += ch;
  }
  flush();
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

float TitleWidth(const FigureLayout& layout) { return static_cast<float>(layout.panelWidth) - 16.f; }

struct LegendEntry {
  std::string label;
  Rgba color;
};

// The legend of `panels` (each label and colour once, in order of appearance).
std::vector<LegendEntry> LegendOf(const std::vector<const imitation::FigurePanel*>& panels) {
  std::vector<LegendEntry> entries;
  auto add = [&](const std::string& label, Rgba color) {
    if (label.empty()) return;
    for (const LegendEntry& e : entries)
      if (e.label == label && e.color == color) return;
    entries.push_back({label, color});
  };
  for (const imitation::FigurePanel* panel : panels) {
    for (const imitation::FigureSeries& s : panel->series) add(s.label, ColorOf(s.color));
    for (const imitation::FigureRegion& r : panel->shaded) add(r.label, Rgba{kShade.r, kShade.g, kShade.b, 140});
  }
  return entries;
}

using PlacedLegend = std::vector<std::pair<LegendEntry, Vec2>>;  // entry and its swatch's top-left

// Legend entries flowed left to right in [left, right] from `y`, wrapping; returns the y below the last line.
float PlaceLegend(const std::vector<LegendEntry>& entries, float left, float right, float y, float scale,
                  PlacedLegend& placed) {
  const float line = TextHeight(scale) + 6.f;
  float x = left;
  for (const LegendEntry& e : entries) {
    const float width = kSwatch + 6.f + TextWidth(e.label, scale) + 16.f;
    if (x > left && x + width > right) {
      x = left;
      y += line;
    }
    placed.push_back({e, {x, y}});
    x += width;
  }
  return entries.empty() ? y : y + line;
}

std::vector<LegendEntry> SharedLegendOf(const imitation::Figure& figure) {
  std::vector<const imitation::FigurePanel*> panels;
  for (const imitation::FigurePanel& p : figure.panels) panels.push_back(&p);
  return figure.sharedLegend ? LegendOf(panels) : std::vector<LegendEntry>{};
}

// Where one panel's pieces go, in image pixels.
struct PanelBox {
  float x = 0.f, y = 0.f;          // panel's top-left
  float plotX0 = 0.f, plotY0 = 0.f, plotX1 = 0.f, plotY1 = 0.f;
  PlacedLegend legend;
};

float TitleHeight(const FigureLayout& layout) { return TextHeight(layout.textScale * 1.25f) + 16.f; }

// The figure's own rows above the panels: its title and, when shared, the legend.
float TopHeight(const imitation::Figure& figure, const FigureLayout& layout, int width, PlacedLegend* placed = nullptr) {
  PlacedLegend scratch;
  const float top = TitleHeight(layout);
  const std::vector<LegendEntry> entries = SharedLegendOf(figure);
  if (entries.empty()) return top;
  return PlaceLegend(entries, 86.f, static_cast<float>(width) - 18.f, top, layout.textScale,
                     placed != nullptr ? *placed : scratch) + 4.f;
}

int FigureWidth(const imitation::Figure& figure, const FigureLayout& layout) {
  return std::max(1, std::min(figure.columns, static_cast<int>(figure.panels.size()))) * layout.panelWidth;
}

PanelBox LayoutPanel(const imitation::Figure& figure, const FigureLayout& layout, int index) {
  const int columns = std::max(1, figure.columns);
  PanelBox box;
  box.x = static_cast<float>((index % columns) * layout.panelWidth);
  box.y = TopHeight(figure, layout, FigureWidth(figure, layout)) +
          static_cast<float>((index / columns) * layout.panelHeight);
  const float line = TextHeight(layout.textScale) + 6.f;
  const imitation::FigurePanel& panel = figure.panels[static_cast<size_t>(index)];
  const size_t titleLines = Wrap(panel.title, layout.textScale, TitleWidth(layout)).size();
  float cursorY = box.y + 4.f + line * static_cast<float>(titleLines);  // below the panel title
  const float left = box.x + 86.f, right = box.x + static_cast<float>(layout.panelWidth) - 18.f;
  if (!figure.sharedLegend)
    cursorY = PlaceLegend(LegendOf({&panel}), left, right, cursorY, layout.textScale, box.legend);
  box.plotX0 = left;
  box.plotX1 = right;
  box.plotY0 = cursorY + 4.f;
  box.plotY1 = box.y + static_cast<float>(layout.panelHeight) - 52.f;
  return box;
}

struct Range {
  double lo = 0.0, hi = 1.0;
};

// The range of the data on one axis (the fixed ends where given), padded so nothing sits on the frame.
Range FitRange(const imitation::FigurePanel& panel, bool xAxis) {
  double fixedLo = xAxis ? panel.xMin : panel.yMin, fixedHi = xAxis ? panel.xMax : panel.yMax;
  double lo = INFINITY, hi = -INFINITY;
  for (const imitation::FigureSeries& s : panel.series)
    for (double v : xAxis ? s.x : s.y)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (!std::isfinite(lo)) lo = 0.0, hi = 1.0;
  if (hi - lo < 1e-9) lo -= 0.5, hi += 0.5;
  double pad = (hi - lo) * 0.05;
  Range r{std::isnan(fixedLo) ? lo - pad : fixedLo, std::isnan(fixedHi) ? hi + pad : fixedHi};
  if (r.hi - r.lo < 1e-9) r.hi = r.lo + 1.0;
  return r;
}

// Tick positions at 1, 2 or 5 × 10^k, about `count` of them.
std::vector<double> Ticks(Range r, int count, double& step) {
  double raw = (r.hi - r.lo) / std::max(count, 1);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double unit = raw / magnitude;
  step = (unit < 1.5 ? 1.0 : unit < 3.5 ? 2.0 : unit < 7.5 ? 5.0 : 10.0) * magnitude;
  std::vector<double> ticks;
  for (double t = std::ceil(r.lo / step - 1e-9) * step; t <= r.hi + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::string TickLabel(double value, double step) {
  int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", std::clamp(decimals, 0, 6), value);
  return text;
}

// Data → image pixels for one panel.
struct Mapping {
  PanelBox box;
  Range x, y;
  Vec2 operator()(double dx, double dy) const {
    return {box.plotX0 + static_cast<float>((dx - x.lo) / (x.hi - x.lo)) * (box.plotX1 - box.plotX0),
            box.plotY1 - static_cast<float>((dy - y.lo) / (y.hi - y.lo)) * (box.plotY1 - box.plotY0)};
  }
};

SDL_Rect PlotRect(const PanelBox& box) {
  return {static_cast<int>(box.plotX0), static_cast<int>(box.plotY0), static_cast<int>(box.plotX1 - box.plotX0),
          static_cast<int>(box.plotY1 - box.plotY0)};
}

sim::SceneView LoadScene(const imitation::FigurePanel& panel) {
  sim::Env env(sim::MakeScenarioFromJson(panel.sceneJson, "figure '" + panel.title + "' scene"));
  env.Reset(panel.sceneSeed);
  return env.View();
}

// A scene panel without a fixed lateral range shows the whole road across (its lanes within the x range) and
// every path.
Range FitSceneY(const imitation::FigurePanel& panel, const sim::SceneView& view, Range x, Range data) {
  if (!std::isnan(panel.yMin) && !std::isnan(panel.yMax)) return data;
  double lo = data.lo, hi = data.hi;
  for (const sim::LaneView& lane : view.lanes)
    for (size_t i = 0; i < lane.centre.size(); ++i) {
      // Points of segments that reach into the x range (a straight lane is one long segment).
      const sim::Vec2& p = lane.centre[i];
      const sim::Vec2& q = lane.centre[std::min(i + 1, lane.centre.size() - 1)];
      if (std::max(p.x, q.x) < x.lo || std::min(p.x, q.x) > x.hi) continue;
      lo = std::min({lo, p.y - lane.width * 0.5 - 1.0, q.y - lane.width * 0.5 - 1.0});
      hi = std::max({hi, p.y + lane.width * 0.5 + 1.0, q.y + lane.width * 0.5 + 1.0});
    }
  return {std::isnan(panel.yMin) ? lo : panel.yMin, std::isnan(panel.yMax) ? hi : panel.yMax};
}

// The road under a scene panel, drawn by the world renderer into the plot area at the panel's scale.
void DrawScene(SDL_Renderer* renderer, const sim::SceneView& view, const Mapping& map) {
  SDL_Rect rect = PlotRect(map.box);
  Camera camera;
  camera.SetViewport(static_cast<float>(rect.w), static_cast<float>(rect.h));
  camera.ShowWorldRect({static_cast<float>(map.x.lo), static_cast<float>(map.y.lo)},
                       {static_cast<float>(map.x.hi), static_cast<float>(map.y.hi)});
  Palette palette;
  SDL_RenderSetViewport(renderer, &rect);
  SDL_SetRenderDrawColor(renderer, palette.background.r, palette.background.g, palette.background.b, 255);
  SDL_RenderFillRect(renderer, nullptr);
  Overlays none;
  none.predictions = false;
  WorldRenderer world;
  world.Draw(renderer, view, camera, palette, none, nullptr);
  SDL_RenderSetViewport(renderer, nullptr);
}

void DrawPanel(SDL_Renderer* renderer, const imitation::FigurePanel& panel, const PanelBox& box,
               const FigureLayout& layout) {
  Mapping map{box, FitRange(panel, true), FitRange(panel, false)};
  sim::SceneView view;
  if (panel.IsScene()) {
    view = LoadScene(panel);
    map.y = FitSceneY(panel, view, map.x, map.y);
  }
  double xStep = 1.0, yStep = 1.0;
  std::vector<double> xTicks = Ticks(map.x, 6, xStep);
  const std::vector<double> yTicks = Ticks(map.y, 5, yStep);
  if (panel.xWhole && xStep < 1.0) {  // whole numbers only: every one in range
    xTicks.clear();
    for (double t = std::ceil(map.x.lo); t <= map.x.hi; t += 1.0) xTicks.push_back(t == 0.0 ? 0.0 : t);  // no "-0"
    xStep = 1.0;
  }
  const float scale = layout.textScale;

  GeometryBatch under;  // plot background and grid
  under.AddRect({box.plotX0, box.plotY0}, {box.plotX1, box.plotY1}, FigurePlotBackground());
  if (!panel.IsScene()) {
    for (double t : xTicks) under.AddLine(map(t, map.y.lo), map(t, map.y.hi), 1.f, kGrid);
    for (double t : yTicks) under.AddLine(map(map.x.lo, t), map(map.x.hi, t), 1.f, kGrid);
  }
  under.Draw(renderer);
  if (panel.IsScene()) DrawScene(renderer, view, map);

  GeometryBatch data;
  for (const imitation::FigureRegion& r : panel.shaded) {
    Vec2 a = map(r.x0, r.y0), b = map(r.x1, r.y1);
    data.AddRect({std::min(a.x, b.x), std::min(a.y, b.y)}, {std::max(a.x, b.x), std::max(a.y, b.y)}, kShade);
  }
  for (const imitation::FigureSeries& s : panel.series) {
    const Rgba color = ColorOf(s.color);
    const size_t n = std::min(s.x.size(), s.y.size());
    if (s.style == imitation::FigureSeries::Style::kLine) {
      for (size_t i = 0; i + 1 < n; ++i)
        if (std::isfinite(s.x[i]) && std::isfinite(s.y[i]) && std::isfinite(s.x[i + 1]) && std::isfinite(s.y[i + 1]))
          data.AddLine(map(s.x[i], s.y[i]), map(s.x[i + 1], s.y[i + 1]), kLineWidth, color);
    } else {
      const float h = kPointSize * 0.5f;
      for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
        Vec2 p = map(s.x[i], s.y[i]);
        data.AddRect({p.x - h, p.y - h}, {p.x + h, p.y + h}, color);
      }
    }
  }
  SDL_Rect clip = PlotRect(box);
  SDL_RenderSetClipRect(renderer, &clip);
  data.Draw(renderer);
  SDL_RenderSetClipRect(renderer, nullptr);

  GeometryBatch over;  // frame, ticks, labels, legend
  over.AddLine({box.plotX0, box.plotY1}, {box.plotX1, box.plotY1}, 1.5f, kAxis);
  over.AddLine({box.plotX0, box.plotY0}, {box.plotX0, box.plotY1}, 1.5f, kAxis);
  for (double t : xTicks) {
    Vec2 p = map(t, map.y.lo);
    over.AddLine(p, {p.x, p.y + 5.f}, 1.5f, kAxis);
    AddText(over, {p.x, p.y + 8.f}, TickLabel(t, xStep), scale, kText, TextAlign::kCentre);
  }
  for (double t : yTicks) {
    Vec2 p = map(map.x.lo, t);
    over.AddLine({p.x - 5.f, p.y}, p, 1.5f, kAxis);
    AddText(over, {p.x - 8.f, p.y - TextHeight(scale) * 0.45f}, TickLabel(t, yStep), scale, kText, TextAlign::kRight);
  }
  AddText(over, {(box.plotX0 + box.plotX1) * 0.5f, box.plotY1 + 12.f + TextHeight(scale)}, panel.xLabel, scale, kText,
          TextAlign::kCentre);
  // The y label runs up the left edge, a little beyond the plot's height at most; longer, it takes a second column.
  const std::vector<std::string> yLines = Wrap(panel.yLabel, scale, box.plotY1 - box.plotY0 + 60.f);
  const float column = TextHeight(scale) + 4.f;
  for (size_t i = 0; i < yLines.size() && i < 2; ++i)
    AddTextVertical(over, {box.x + 6.f + column * static_cast<float>(i), (box.plotY0 + box.plotY1) * 0.5f}, yLines[i],
                    scale, kText);
  const float lineHeight = TextHeight(scale) + 6.f;
  const std::vector<std::string> titleLines = Wrap(panel.title, scale, TitleWidth(layout));
  for (size_t i = 0; i < titleLines.size(); ++i)
    AddText(over, {box.x + static_cast<float>(layout.panelWidth) * 0.5f, box.y + 4.f + lineHeight * static_cast<float>(i)},
            titleLines[i], scale, kText, TextAlign::kCentre);
  for (const auto& [entry, at] : box.legend) {
    over.AddRect(at, {at.x + kSwatch, at.y + kSwatch}, entry.color);
    AddText(over, {at.x + kSwatch + 6.f, at.y}, entry.label, scale, kText);
  }
  over.Draw(renderer);
}

}  // namespace

Rgba FigureBackground() { return {255, 255, 255}; }
Rgba FigurePlotBackground() { return {247, 247, 244}; }

void FigureSize(const imitation::Figure& figure, const FigureLayout& layout, int& width, int& height) {
  const int rows = (static_cast<int>(figure.panels.size()) + std::max(1, figure.columns) - 1) / std::max(1, figure.columns);
  width = FigureWidth(figure, layout);
  height = static_cast<int>(std::ceil(TopHeight(figure, layout, width))) + std::max(rows, 1) * layout.panelHeight;
}

PixelRect PlotArea(const imitation::Figure& figure, const FigureLayout& layout, int index) {
  PanelBox box = LayoutPanel(figure, layout, index);
  return {static_cast<int>(std::ceil(box.plotX0)), static_cast<int>(std::ceil(box.plotY0)),
          static_cast<int>(box.plotX1), static_cast<int>(box.plotY1)};
}

Image DrawFigure(const imitation::Figure& figure, const FigureLayout& layout) {
  int width = 0, height = 0;
  FigureSize(figure, layout, width, height);
  OffscreenCanvas canvas(width, height);
  canvas.Clear(FigureBackground());
  {
    GeometryBatch title;
    const float fit = (static_cast<float>(width) - 24.f) / std::max(TextWidth(figure.title, 1.f), 1.f);
    AddText(title, {static_cast<float>(width) * 0.5f, 8.f}, figure.title,
            std::min(layout.textScale * 1.25f, std::max(fit, 1.f)), kText, TextAlign::kCentre);
    PlacedLegend legend;
    TopHeight(figure, layout, width, &legend);
    for (const auto& [entry, at] : legend) {
      title.AddRect(at, {at.x + kSwatch, at.y + kSwatch}, entry.color);
      AddText(title, {at.x + kSwatch + 6.f, at.y}, entry.label, layout.textScale, kText);
    }
    title.Draw(canvas.Renderer());
  }
  for (size_t i = 0; i < figure.panels.size(); ++i)
    DrawPanel(canvas.Renderer(), figure.panels[i], LayoutPanel(figure, layout, static_cast<int>(i)), layout);
  return canvas.Read();
}

}  // namespace app
