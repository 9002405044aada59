// Every lesson's figures in one file, past ~400 lines on purpose: the figure kinds (paths, decision samples,
// steering, drive-off, start delays, lane × speed, budget and DAgger curves) share one Context, the traced
// re-runs of the kept policies and the outcome colours, and LessonFigures at the bottom says which lesson draws
// which. A new figure is one function here plus one line there.
#include "learning/imitation/figures/lesson_figures.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "core/rng.h"
#include "learning/imitation/disturbed_driver.h"
#include "learning/imitation/figures/episode_trace.h"
#include "learning/imitation/lane_kept_driver.h"
#include "learning/imitation/lessons/lesson_common.h"
#include "learning/imitation/lessons/lesson_policy.h"
#include "learning/imitation/policy_driver.h"
#include "sim/scenario_registry.h"

namespace learning::imitation {

namespace {

using Style = FigureSeries::Style;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Context {
  const LessonResult& result;
  const LessonFigureOptions& options;
  int Traced() const { return options.quick ? 6 : 12; }
  int Samples() const { return options.quick ? 150 : 300; }
  // The lessons evaluate on HeldOutSeed(LessonRun::Seed(3), i): traced episode i is evaluated episode i.
  uint64_t TraceSeed() const { return core::Rng(options.seed).Derive(3).Derive(0).NextU64(); }
};

EnvFactory EnvOf(const LessonPolicy& kept) {
  const std::string json = kept.scenarioJson;
  return [json] { return sim::Env(sim::MakeScenarioFromJson(json, "kept policy's scenario")); };
}

DriverFactory DriversOf(const LessonPolicy& kept) {
  DriverFactory drivers = PolicyDrivers(kept.policy);
  if (kept.laneKeeping) drivers = LaneKept(drivers);
  return kept.disturbance ? Disturbed(drivers, *kept.disturbance) : drivers;
}

// The kept policies of `table`'s rows, in row order (rows without one are left out).
std::vector<const LessonPolicy*> PoliciesOf(const LessonResult& result, const std::string& table) {
  std::vector<const LessonPolicy*> kept;
  for (const LessonTable& t : result.tables)
    if (t.title == table)
      for (const LessonRow& row : t.rows)
        if (const LessonPolicy* p = result.FindPolicy(table, row.method)) kept.push_back(p);
  return kept;
}

std::vector<EpisodeTrace> Trace(const Context& c, const LessonPolicy& kept, int episodes) {
  return TraceEpisodes(EnvOf(kept), DriversOf(kept), episodes, c.TraceSeed(), c.options.threads);
}

FigureColor OutcomeColor(const sim::EpisodeMetrics& m) {
  if (m.collision) return FigureColor::kCollision;
  if (m.offRoad) return FigureColor::kOffRoad;
  return m.success ? FigureColor::kSuccess : FigureColor::kUnfinished;
}

const char* OutcomeLabel(const sim::EpisodeMetrics& m) {
  if (m.collision) return "collision";
  if (m.offRoad) return "off road";
  return m.success ? "success" : "not finished";
}

double Extra(const sim::EpisodeMetrics& m, const std::string& name, double otherwise = kNaN) {
  for (const auto& [key, value] : m.extra)
    if (key == name) return value;
  return otherwise;
}

// Top-down paths of `traces` over the road of the first one, coloured by outcome; with `alignObstacle` every path
// is shifted along the road so its obstacle sits where the first episode's does.
FigurePanel& AddPathsPanel(Figure& figure, const std::string& title, const LessonPolicy& kept,
                           const std::vector<EpisodeTrace>& traces, bool alignObstacle) {
  int successes = 0;
  for (const EpisodeTrace& t : traces) successes += t.metrics.success ? 1 : 0;
  FigurePanel& panel = figure.AddPanel(title + " (" + std::to_string(successes) + "/" + std::to_string(traces.size()) +
                                           " succeed)",
                                       "along the road [m]", "across [m]");
  panel.sceneJson = kept.scenarioJson;
  panel.sceneSeed = traces.empty() ? 0 : traces.front().seed;
  if (traces.empty()) return panel;
  const EpisodeTrace& first = traces.front();
  for (const EpisodeTrace& t : traces) {
    double shift = alignObstacle && t.hasObstacle && first.hasObstacle ? first.obstacleX - t.obstacleX : 0.0;
    FigureSeries& s = panel.Add(OutcomeLabel(t.metrics), Style::kLine, OutcomeColor(t.metrics));
    for (const TraceStep& step : t.steps) {
      s.x.push_back(step.x + shift);
      s.y.push_back(step.y);
    }
    if (t.hasGoal) {
      FigureSeries& goal = panel.Add("goal of the episode", Style::kPoints, FigureColor::kC7);
      goal.x = {t.goalX + shift};
      goal.y = {t.goalY};
    }
  }
  if (alignObstacle && first.hasObstacle) {
    panel.xMin = first.obstacleX - 100.0;
    panel.xMax = first.obstacleX + 70.0;
  }
  return panel;
}

Figure PathsFigure(const Context& c, const std::string& table, const std::string& name, const std::string& title,
                   bool alignObstacle) {
  Figure figure{c.result.lesson + "_" + name, title, {}, 2};
  for (const LessonPolicy* kept : PoliciesOf(c.result, table))
    AddPathsPanel(figure, kept->method, *kept, Trace(c, *kept, c.Traced()), alignObstacle);
  return figure;
}

// A state where the expert is about to commit: it drives a held-out episode until the bumper gap to the obstacle
// is `gap`; every kept policy then samples its action there.
Figure DecisionSamplesFigure(const Context& c, const std::string& table) {
  Figure figure{c.result.lesson + "_action_samples", "", {}, 2};
  const std::vector<const LessonPolicy*> kept = PoliciesOf(c.result, table);
  if (kept.empty()) return figure;
  const nlohmann::json def = nlohmann::json::parse(kept.front()->scenarioJson);
  const double gap = def.value("decisionDistance", 27.0) + 4.0;
  sim::Env env = EnvOf(*kept.front())();
  std::unique_ptr<sim::Driver> expert = ExpertDrivers()(env);
  const uint64_t episodeSeed = HeldOutSeed(c.TraceSeed(), 0);
  sim::Observation obs = env.Reset(episodeSeed);
  expert->Reset(episodeSeed);
  auto gapNow = [&env] {
    const sim::SceneView view = env.View();
    const sim::VehicleView& ego = view.vehicles.front();
    for (const sim::VehicleView& v : view.vehicles)
      if (v.kind == sim::VehicleViewKind::kObstacle) return v.x - v.length * 0.5 - (ego.x + ego.length * 0.5);
    return -1.0;
  };
  while (!env.Done() && gapNow() > gap) obs = env.Step(expert->Decide(env, obs).executed).observation;
  figure.title = "Action samples at the decision point (" + std::to_string(static_cast<int>(std::lround(gapNow()))) +
                 " m before the obstacle, " + std::to_string(c.Samples()) + " samples per head)";
  for (size_t i = 0; i < kept.size(); ++i) {
    PolicyDriver driver(kept[i]->policy, env);
    driver.Reset(episodeSeed);
    driver.Decide(env, obs);
    core::Rng rng = core::Rng(c.options.seed).Derive(0x5A3u + i);
    const Eigen::MatrixXf samples = kept[i]->policy->SampleMany(driver.LastInput(), c.Samples(), rng);
    FigurePanel& panel = figure.AddPanel(kept[i]->method, "steer command (+ left)", "accel command (+ throttle)");
    panel.xMin = panel.yMin = -1.05;
    panel.xMax = panel.yMax = 1.05;
    FigureSeries& s = panel.Add("sampled (steer, accel)", Style::kPoints, CategoryColor(static_cast<int>(i)));
    for (Eigen::Index k = 0; k < samples.cols(); ++k) {
      s.x.push_back(samples(0, k));
      s.y.push_back(samples(1, k));
    }
  }
  return figure;
}

// Steering commands over time of two traced episodes per kept policy.
Figure SteeringFigure(const Context& c, const std::string& table) {
  Figure figure{c.result.lesson + "_steering", "Steering commands over time: " + table, {}, 2};
  for (const LessonPolicy* kept : PoliciesOf(c.result, table)) {
    const std::vector<EpisodeTrace> traces = Trace(c, *kept, 2);
    FigurePanel& panel = figure.AddPanel(kept->method, "time [s]", "steer command (+ left)");
    panel.yMin = -1.05;
    panel.yMax = 1.05;
    for (size_t e = 0; e < traces.size(); ++e) {
      const double switches = Extra(traces[e].metrics, "side_switches");
      std::string label = "episode " + std::to_string(e + 1);
      if (!std::isnan(switches)) label += " (" + std::to_string(static_cast<int>(switches)) + " side switches)";
      FigureSeries& s = panel.Add(label, Style::kLine, CategoryColor(static_cast<int>(e)));
      for (const TraceStep& step : traces[e].steps) {
        s.x.push_back(step.time);
        s.y.push_back(step.steer);
      }
    }
  }
  return figure;
}

// Around the lead's first drive-off of a traced episode: the lead's and the ego's speed, and the ego's pedal
// command with its brake lamp.
Figure DriveOffFigure(const Context& c, const std::string& table) {
  Figure figure{c.result.lesson + "_drive_off",
                "Around the lead's drive-off (t = 0): speeds, and the clone's pedal command and brake lamp", {}, 2};
  for (const LessonPolicy* kept : PoliciesOf(c.result, table)) {
    const std::vector<EpisodeTrace> traces = Trace(c, *kept, 3);
    figure.AddPanel(kept->method + ": speeds", "time since the lead drove off [s]", "speed [m/s]");
    figure.AddPanel(kept->method + ": pedal and lamp", "time since the lead drove off [s]", "command / lamp (1 = on)");
    FigurePanel& speeds = figure.panels[figure.panels.size() - 2];
    FigurePanel& pedals = figure.panels.back();
    pedals.yMin = -1.1;
    pedals.yMax = 1.1;
    // The first traced episode with a drive-off; without one (the clone crashed or stalled first), the first
    // episode from its start, and the titles say so.
    const EpisodeTrace* shown = nullptr;
    double driveOff = kNaN;
    std::vector<double> lead;
    for (const EpisodeTrace& t : traces) {
      lead = LeadSpeeds(t);
      bool stood = false;
      for (size_t i = 0; i < lead.size() && std::isnan(driveOff); ++i) {
        if (!std::isfinite(lead[i])) continue;
        if (lead[i] < 0.2) stood = true;
        if (stood && lead[i] > 0.5) driveOff = t.steps[i].time;
      }
      if (!std::isnan(driveOff)) {
        shown = &t;
        break;
      }
    }
    if (shown == nullptr && !traces.empty()) {
      shown = &traces.front();
      lead = LeadSpeeds(*shown);
      const std::string none = " (no drive-off: " + std::string(OutcomeLabel(shown->metrics)) + " first)";
      speeds.title += none, pedals.title += none;
      speeds.xLabel = pedals.xLabel = "time since the start [s]";
      speeds.xMin = pedals.xMin = kNaN;
    }
    if (shown == nullptr) continue;
    speeds.Add("lead", Style::kLine, FigureColor::kC0);
    speeds.Add("ego (the clone)", Style::kLine, FigureColor::kC1);
    pedals.Add("pedal command (- = brake)", Style::kLine, FigureColor::kC1);
    pedals.Add("brake lamp", Style::kLine, FigureColor::kCollision);
    FigureSeries &leadS = speeds.series[0], &egoS = speeds.series[1];
    FigureSeries &accel = pedals.series[0], &lamp = pedals.series[1];
    const double origin = std::isnan(driveOff) ? 0.0 : driveOff;
    for (size_t i = 0; i < shown->steps.size(); ++i) {
      const double time = shown->steps[i].time - origin;
      if (!std::isnan(driveOff) && (time < -4.0 || time > 8.0)) continue;
      leadS.x.push_back(time), leadS.y.push_back(lead[i]);
      egoS.x.push_back(time), egoS.y.push_back(shown->steps[i].speed);
      accel.x.push_back(time), accel.y.push_back(shown->steps[i].accel);
      lamp.x.push_back(time), lamp.y.push_back(shown->steps[i].lamp ? 1.0 : 0.0);
    }
  }
  return figure;
}

std::string FirstTable(const LessonResult& result) { return result.tables.empty() ? "" : result.tables.front().title; }

// Start delays (per episode: the mean over its drive-offs) of every per-seed policy: by training seed, and their
// distribution per row pooled over seeds.
// A lesson whose quick run has no per-seed table (history) is drawn from its first table as training seed 0.
Figure StartDelayFigure(const Context& c, const std::string& perSeedTable) {
  Figure figure{c.result.lesson + "_start_delay", "Start delay after the lead drives off (traced held-out episodes)",
                {}, 2};
  figure.AddPanel("each training seed", "training seed (rows side by side)", "start delay [s]");
  figure.AddPanel("pooled over seeds", "start delay [s]", "share of episodes <= delay");
  FigurePanel &bySeed = figure.panels[0], &cdf = figure.panels[1];
  figure.sharedLegend = true;
  bySeed.xWhole = true;
  cdf.yMin = 0.0;
  cdf.yMax = 1.02;
  std::vector<std::string> rows;
  std::vector<std::vector<double>> pooled;
  const std::regex seedSuffix("^(.*) #([0-9]+)$");
  std::vector<const LessonPolicy*> kepts = PoliciesOf(c.result, perSeedTable);
  const bool bySeedTable = !kepts.empty();
  if (!bySeedTable) kepts = PoliciesOf(c.result, FirstTable(c.result));
  for (const LessonPolicy* kept : kepts) {
    std::smatch m;
    if (bySeedTable && !std::regex_match(kept->method, m, seedSuffix)) continue;
    const std::string row = bySeedTable ? std::string(m[1]) : kept->method;
    const int seed = bySeedTable ? std::stoi(m[2]) : 0;
    size_t r = std::find(rows.begin(), rows.end(), row) - rows.begin();
    if (r == rows.size()) rows.push_back(row), pooled.emplace_back();
    FigureSeries& s = bySeed.Add(row, Style::kPoints, CategoryColor(static_cast<int>(r)));
    for (const EpisodeTrace& t : Trace(c, *kept, c.Traced())) {
      if (Extra(t.metrics, "drive_offs", 0.0) <= 0.0) continue;
      const double delay = Extra(t.metrics, "mean_start_delay");
      s.x.push_back(seed + 0.12 * static_cast<double>(r));
      s.y.push_back(delay);
      pooled[r].push_back(delay);
    }
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    std::sort(pooled[r].begin(), pooled[r].end());
    FigureSeries& s = cdf.Add(rows[r], Style::kLine, CategoryColor(static_cast<int>(r)));
    for (size_t i = 0; i < pooled[r].size(); ++i) {
      s.x.push_back(pooled[r][i]), s.y.push_back(static_cast<double>(i) / pooled[r].size());
      s.x.push_back(pooled[r][i]), s.y.push_back(static_cast<double>(i + 1) / pooled[r].size());
    }
  }
  bySeed.xMin = -0.5;
  bySeed.yMin = cdf.xMin = 0.0;
  return figure;
}

// (lateral offset from the start, speed) where the middle lane ends, per traced episode; unsafe pairs shaded.
FigurePanel& AddLaneSpeedPanel(Figure& figure, const Context& c, const LessonPolicy& kept, const std::string& title) {
  const nlohmann::json def = nlohmann::json::parse(kept.scenarioJson);
  const double decideAt = def.value("egoStart", 30.0) + def.value("middleLaneEnd", 110.0);
  const double split = (def.value("slowSpeed", 15.0) + def.value("fastSpeed", 25.0)) * 0.5;
  const double lane = def.value("laneWidth", 3.7);
  FigurePanel& panel = figure.AddPanel(title, "lateral position vs start [m] (+ left)", "speed [m/s]");
  panel.shaded = {{0.0, 2.0 * lane, split, 40.0, "unsafe pairs"}, {-2.0 * lane, 0.0, 0.0, split, "unsafe pairs"}};
  panel.xMin = -1.6 * lane;
  panel.xMax = 1.6 * lane;
  panel.yMin = split - 12.0;
  panel.yMax = split + 12.0;
  for (const EpisodeTrace& t : Trace(c, kept, c.Traced() * 2)) {
    if (t.steps.empty()) continue;
    // Where the middle lane ends, or where the episode ended before it (a crash shows where it happened).
    const double y0 = t.steps.front().y;
    const TraceStep* at = &t.steps.back();
    for (const TraceStep& step : t.steps)
      if (step.x >= decideAt) {
        at = &step;
        break;
      }
    FigureSeries& s = panel.Add(OutcomeLabel(t.metrics), Style::kPoints, OutcomeColor(t.metrics));
    s.x = {at->y - y0};
    s.y = {at->speed};
  }
  return panel;
}

Figure CovaryingFigure(const Context& c) {
  Figure figure{c.result.lesson + "_lane_speed_pairs",
                "Lane and speed where the middle lane ends (or where the episode ended), per held-out episode", {}, 2};
  for (const LessonTable& t : c.result.tables)
    for (const LessonPolicy* kept : PoliciesOf(c.result, t.title)) AddLaneSpeedPanel(figure, c, *kept, kept->method + ", " + t.title);
  return figure;
}

// Success rate of a row and its interval, if the row has one.
bool SuccessOf(const LessonRow& row, double& value, double& low, double& high) {
  for (const auto& [name, cell] : row.cells)
    if (name == "success") {
      value = cell.value, low = cell.low, high = cell.high;
      return true;
    }
  return false;
}

void AddWithInterval(FigurePanel& panel, const std::string& label, FigureColor color, const std::vector<double>& x,
                     const std::vector<double>& y, const std::vector<double>& lo, const std::vector<double>& hi) {
  FigureSeries& line = panel.Add(label, Style::kLine, color);
  line.x = x, line.y = y;
  FigureSeries& points = panel.Add("", Style::kPoints, color);
  points.x = x, points.y = y;
  for (size_t i = 0; i < x.size(); ++i) {
    FigureSeries& bar = panel.Add("", Style::kLine, color);
    bar.x = {x[i], x[i]};
    bar.y = {lo[i], hi[i]};
  }
}

// Rows named "<arm>, <N> steps" give success against training steps per arm.
std::vector<Figure> BudgetFigures(const Context& c) {
  std::vector<Figure> figures;
  const std::regex budget("^(.*), ([0-9]+) steps$");
  for (const LessonTable& t : c.result.tables) {
    std::vector<std::string> arms;
    std::vector<std::vector<std::array<double, 4>>> points;
    for (const LessonRow& row : t.rows) {
      std::smatch m;
      double v = 0, lo = 0, hi = 0;
      if (!std::regex_match(row.method, m, budget) || !SuccessOf(row, v, lo, hi)) continue;
      size_t a = std::find(arms.begin(), arms.end(), m[1].str()) - arms.begin();
      if (a == arms.size()) arms.push_back(m[1]), points.emplace_back();
      points[a].push_back({std::stod(m[2]), v, lo, hi});
    }
    if (arms.empty()) continue;
    std::string name = c.result.lesson + "_budget";
    if (!figures.empty()) name.append("_").append(std::to_string(figures.size() + 1));
    Figure figure{name, "Success against training steps (95% intervals): " + t.title, {}, 1};
    FigurePanel& panel = figure.AddPanel("", "optimiser steps", "success rate");
    panel.yMin = 0.0;
    panel.yMax = 1.02;
    panel.xMin = 0.0;
    double most = 0.0;
    for (const auto& arm : points)
      for (const auto& p : arm) most = std::max(most, p[0]);
    panel.xMax = most * 1.08;  // the longest budget off the frame
    for (size_t a = 0; a < arms.size(); ++a) {
      std::sort(points[a].begin(), points[a].end());
      std::vector<double> x, y, lo, hi;
      for (const auto& p : points[a]) x.push_back(p[0]), y.push_back(p[1]), lo.push_back(p[2]), hi.push_back(p[3]);
      AddWithInterval(panel, arms[a], CategoryColor(static_cast<int>(a)), x, y, lo, hi);
    }
    figures.push_back(figure);
  }
  return figures;
}

// Success against DAgger iteration: BC (iteration 0) and the rows "dagger … (N iter)" of the same table.
Figure DaggerFigure(const Context& c, const std::string& table, const std::string& bcRow) {
  Figure figure{c.result.lesson + "_dagger", "DAgger: success against iteration (95% intervals)", {}, 1};
  FigurePanel& panel = figure.AddPanel(table, "DAgger iteration (0 = behaviour cloning)", "success rate");
  panel.xWhole = true;
  panel.yMin = 0.0;
  panel.yMax = 1.02;
  panel.xMin = -0.3;
  const std::regex iteration("^dagger.*\\(([0-9]+) iter\\)$");
  std::vector<double> x, y, lo, hi;
  for (const LessonTable& t : c.result.tables) {
    if (t.title != table) continue;
    for (const LessonRow& row : t.rows) {
      std::smatch m;
      double v = 0, l = 0, h = 0;
      if (!SuccessOf(row, v, l, h)) continue;
      if (row.method == bcRow) x.push_back(0.0);
      else if (std::regex_match(row.method, m, iteration)) x.push_back(std::stod(m[1]));
      else continue;
      y.push_back(v), lo.push_back(l), hi.push_back(h);
    }
  }
  panel.xMax = (x.empty() ? 1.0 : *std::max_element(x.begin(), x.end())) + 0.3;
  AddWithInterval(panel, bcRow + " then DAgger", FigureColor::kC0, x, y, lo, hi);
  return figure;
}

}  // namespace

std::vector<Figure> LessonFigures(const LessonResult& result, const LessonFigureOptions& options) {
  const Context c{result, options};
  const std::string& lesson = result.lesson;
  std::vector<Figure> figures;
  if (lesson == "causal_confusion" || lesson == "history") {
    figures.push_back(DriveOffFigure(c, FirstTable(result)));
    figures.push_back(StartDelayFigure(c, "each training seed"));
    if (lesson == "causal_confusion") figures.push_back(DaggerFigure(c, FirstTable(result), "bc + lamp"));
  } else if (lesson == "multimodal") {
    figures.push_back(PathsFigure(c, FirstTable(result), "paths",
                                  "Held-out paths past the obstacle, coloured by outcome (aligned on the obstacle; "
                                  "lateral axis stretched)",
                                  true));
    figures.push_back(DecisionSamplesFigure(c, FirstTable(result)));
  } else if (lesson == "covarying") {
    figures.push_back(CovaryingFigure(c));
  } else if (lesson == "chunking") {
    figures.push_back(SteeringFigure(c, FirstTable(result)));
    figures.push_back(PathsFigure(c, FirstTable(result), "paths", "Held-out paths, coloured by outcome", true));
  } else if (lesson == "goal_conditioned") {
    figures.push_back(PathsFigure(c, FirstTable(result), "paths",
                                  "Paths to the episode's goal (black dot) with and without the goal key", false));
  } else {
    figures.push_back(PathsFigure(c, FirstTable(result), "paths", "Held-out paths, coloured by outcome: " +
                                  FirstTable(result), false));
  }
  // A table whose clones were evaluated with their command disturbed (noise_injection): their paths under it.
  for (const LessonTable& t : result.tables) {
    const std::vector<const LessonPolicy*> kept = PoliciesOf(result, t.title);
    if (kept.empty() || !kept.front()->disturbance) continue;
    figures.push_back(PathsFigure(c, t.title, "disturbed_paths",
                                  "Held-out paths with the car's command disturbed, coloured by outcome",
                                  false));
    break;
  }
  for (Figure& f : BudgetFigures(c)) figures.push_back(std::move(f));
  std::erase_if(figures, [](const Figure& f) { return f.panels.empty(); });
  return figures;
}

}  // namespace learning::imitation
