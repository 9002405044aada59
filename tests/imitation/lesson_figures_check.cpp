#include "tests/imitation/lesson_figures_check.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/render/figure_files.h"
#include "learning/imitation/figures/lesson_figures.h"

using namespace learning::imitation;

namespace {

// The figures each lesson must write (more are allowed).
const std::map<std::string, std::vector<std::string>>& ExpectedFigures() {
  static const std::map<std::string, std::vector<std::string>> expected = {
      {"causal_confusion", {"drive_off", "start_delay", "dagger"}},
      {"history", {"drive_off", "start_delay"}},
      {"multimodal", {"paths", "action_samples"}},
      {"covarying", {"lane_speed_pairs"}},
      {"chunking", {"steering", "paths"}},
      {"goal_conditioned", {"paths"}},
      {"noise_injection", {"paths", "disturbed_paths"}},
      {"pretrain_finetune", {"paths", "budget"}},
  };
  return expected;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void CheckLessonFigures(const LessonResult& result) {
  INFO("lesson " << result.lesson);
  LessonFigureOptions options;
  options.quick = true;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Figure> figures = LessonFigures(result, options);
  const std::string dir = (std::filesystem::temp_directory_path() / ("ildrive_figures_" + result.lesson)).string();
  std::filesystem::remove_all(dir);
  const std::vector<std::string> written = app::WriteFigures(figures, dir);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(result.lesson << ": " << figures.size() << " figures in " << seconds << " s (lesson " << result.seconds
                        << " s)");
  REQUIRE(written.size() == 2 * figures.size());
  // A lesson with no named figures here (a newer one) must still draw at least one.
  CHECK_FALSE(figures.empty());
  const auto expected = ExpectedFigures().find(result.lesson);
  const std::vector<std::string> names = expected == ExpectedFigures().end() ? std::vector<std::string>{} : expected->second;
  for (const std::string& name : names) {
    INFO("figure " << name);
    CHECK(std::any_of(figures.begin(), figures.end(),
                      [&](const Figure& f) { return f.name == result.lesson + "_" + name; }));
  }
  const app::FigureLayout layout;
  for (size_t f = 0; f < figures.size(); ++f) {
    const Figure& figure = figures[f];
    INFO("figure " << figure.name);
    const app::Image image = app::LoadPng(written[2 * f]);
    int width = 0, height = 0;
    app::FigureSize(figure, layout, width, height);
    CHECK(image.width == width);
    CHECK(image.height == height);
    const nlohmann::json json = nlohmann::json::parse(ReadText(written[2 * f + 1]));
    CHECK(json.at("name") == figure.name);
    REQUIRE(json.at("panels").size() == figure.panels.size());
    for (size_t p = 0; p < figure.panels.size(); ++p) {
      INFO("panel " << p << " '" << figure.panels[p].title << "'");
      const app::PixelRect area = app::PlotArea(figure, layout, static_cast<int>(p));
      REQUIRE(area.x1 > area.x0 + 100);
      REQUIRE(area.y1 > area.y0 + 60);
      const long total = static_cast<long>(area.x1 - area.x0) * (area.y1 - area.y0);
      const long plain = image.CountColor(app::FigurePlotBackground(), area.x0, area.y0, area.x1, area.y1);
      CHECK(total - plain > 200);  // data (and, in scenes, the road) drawn over the plot background
      size_t points = 0;
      for (const FigureSeries& s : figure.panels[p].series) points += s.x.size();
      CHECK(points > 0);
      CHECK(json["panels"][p].at("series").size() == figure.panels[p].series.size());
    }
  }
}
