#include "learning/imitation/figures/figure_data.h"

#include <nlohmann/json.hpp>

namespace learning::imitation {

FigureColor CategoryColor(int index) { return static_cast<FigureColor>(((index % 9) + 9) % 9); }

const char* FigureColorName(FigureColor color) {
  switch (color) {
    case FigureColor::kSuccess: return "success";
    case FigureColor::kCollision: return "collision";
    case FigureColor::kOffRoad: return "off_road";
    case FigureColor::kUnfinished: return "unfinished";
    case FigureColor::kGrey: return "grey";
    default: break;
  }
  static const char* const kNames[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"};
  return kNames[static_cast<int>(color)];
}

FigureSeries& FigurePanel::Add(const std::string& label, FigureSeries::Style style, FigureColor color) {
  series.push_back(FigureSeries{label, style, color, {}, {}});
  return series.back();
}

FigurePanel& Figure::AddPanel(const std::string& title, const std::string& xLabel, const std::string& yLabel) {
  panels.push_back(FigurePanel{});
  panels.back().title = title;
  panels.back().xLabel = xLabel;
  panels.back().yLabel = yLabel;
  return panels.back();
}

namespace {

void PutRange(nlohmann::ordered_json& j, const char* key, double value) {
  if (!std::isnan(value)) j[key] = value;
}

}  // namespace

std::string Figure::ToJson() const {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["title"] = title;
  nlohmann::ordered_json panelsJson = nlohmann::ordered_json::array();
  for (const FigurePanel& p : panels) {
    nlohmann::ordered_json pj;
    pj["title"] = p.title;
    pj["x_label"] = p.xLabel;
    pj["y_label"] = p.yLabel;
    PutRange(pj, "x_min", p.xMin);
    PutRange(pj, "x_max", p.xMax);
    PutRange(pj, "y_min", p.yMin);
    PutRange(pj, "y_max", p.yMax);
    if (p.IsScene()) {
      pj["scene"] = nlohmann::ordered_json::parse(p.sceneJson);
      pj["scene_seed"] = p.sceneSeed;
    }
    nlohmann::ordered_json seriesJson = nlohmann::ordered_json::array();
    for (const FigureSeries& s : p.series)
      seriesJson.push_back({{"label", s.label},
                            {"style", s.style == FigureSeries::Style::kLine ? "line" : "points"},
                            {"color", FigureColorName(s.color)},
                            {"x", s.x},
                            {"y", s.y}});
    pj["series"] = seriesJson;
    nlohmann::ordered_json shadedJson = nlohmann::ordered_json::array();
    for (const FigureRegion& r : p.shaded)
      shadedJson.push_back({{"x0", r.x0}, {"x1", r.x1}, {"y0", r.y0}, {"y1", r.y1}, {"label", r.label}});
    pj["shaded"] = shadedJson;
    panelsJson.push_back(pj);
  }
  j["panels"] = panelsJson;
  return j.dump(1);
}

}  // namespace learning::imitation
