#include "learning/imitation/figures/episode_trace.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "learning/imitation/parallel_for.h"
#include "learning/imitation/rollout.h"

namespace learning::imitation {

namespace {

void Record(const sim::Env& env, EpisodeTrace& trace, const RolloutStep& step) {
  const sim::SceneView view = env.View();
  if (view.vehicles.empty()) return;
  const sim::VehicleView& ego = view.vehicles.front();
  TraceStep s;
  s.time = env.Time();
  s.x = ego.x;
  s.y = ego.y;
  s.speed = view.speed;
  s.steer = step.decision.executed.steer;
  s.accel = step.decision.executed.accel;
  s.lamp = view.brakeIndicator;
  for (size_t i = 1; i < view.vehicles.size(); ++i) {
    const sim::VehicleView& v = view.vehicles[i];
    if (v.kind != sim::VehicleViewKind::kCar || v.x <= ego.x || std::abs(v.y - ego.y) > 2.0) continue;
    if (!s.hasLead || v.x < s.leadX) s.leadX = v.x, s.hasLead = true;
  }
  trace.steps.push_back(s);
}

void RecordStart(const sim::Env& env, EpisodeTrace& trace) {
  const sim::SceneView view = env.View();
  for (const sim::VehicleView& v : view.vehicles)
    if (v.kind == sim::VehicleViewKind::kObstacle) {
      trace.obstacleX = v.x, trace.obstacleY = v.y, trace.hasObstacle = true;
      break;
    }
  for (const sim::GoalView& g : view.goals)
    if (g.active) {
      trace.goalX = g.x, trace.goalY = g.y, trace.hasGoal = true;
      break;
    }
}

}  // namespace

std::vector<EpisodeTrace> TraceEpisodes(const EnvFactory& makeEnv, const DriverFactory& makeDriver, int episodes,
                                        uint64_t seed, int threads) {
  WorkerEnvs workers = MakeWorkerEnvs(makeEnv, makeDriver, threads);
  std::vector<EpisodeTrace> traces(static_cast<size_t>(std::max(episodes, 0)));
  ParallelFor(episodes, threads, [&](int worker, int index) {
    sim::Env& env = workers.envs[static_cast<size_t>(worker)];
    EpisodeTrace& trace = traces[static_cast<size_t>(index)];
    trace.seed = HeldOutSeed(seed, index);
    RolloutOptions options;
    options.onStep = [&](const RolloutStep& step) {
      Record(env, trace, step);
    };
    // The start (obstacle, goal) is read from a fresh reset with the same seed: RunEpisode resets inside.
    env.Reset(trace.seed);
    RecordStart(env, trace);
    trace.metrics = RunEpisode(env, *workers.drivers[static_cast<size_t>(worker)], trace.seed, options, nullptr).metrics;
  });
  return traces;
}

std::vector<double> LeadSpeeds(const EpisodeTrace& trace) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> speeds(trace.steps.size(), nan);
  for (size_t i = 0; i < trace.steps.size(); ++i) {
    size_t a = i == 0 ? 0 : i - 1, b = std::min(i + 1, trace.steps.size() - 1);
    const TraceStep &p = trace.steps[a], &q = trace.steps[b];
    if (a == b || !p.hasLead || !q.hasLead || q.time <= p.time) continue;
    speeds[i] = (q.leadX - p.leadX) / (q.time - p.time);
  }
  return speeds;
}

}  // namespace learning::imitation
