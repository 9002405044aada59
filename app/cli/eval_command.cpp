// `ildrive eval --policy F --scenario S --episodes N --seed K [--threads T] [--json F]`: closed-loop rollouts of
// a trained policy on held-out episodes (learning/imitation/evaluation.h), on a pool of T threads with identical
// results for any T. Prints every metric with its 95% confidence interval (Wilson for rates, t for means);
// --json writes episodes, success_rate, success_ci_low, success_ci_high, collision_rate, … and the scenario's
// other metrics as one flat object.
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "app/cli/commands.h"
#include "app/cli/scenario_options.h"
#include "app/cli/figures.h"
#include "app/cli/progress.h"
#include "core/error.h"
#include "learning/imitation/evaluation.h"
#include "learning/imitation/policy_driver.h"
#include "learning/imitation/record_demos.h"
#include "learning/imitation/lane_kept_driver.h"
#include "sim/env.h"

namespace app {

namespace {

namespace imitation = learning::imitation;

struct EvalCommandOptions {
  std::string policy;
  ScenarioChoice scenario;
  int episodes = 100;
  uint64_t seed = 0;
  int threads = 0;  // 0: the machine's hardware threads
  double temperature = -1.0;
  int samplingSteps = 0;  // 0: the policy's own
  std::string sampler;    // empty: the policy's own
  long maxSteps = 0;
  bool laneKeeping = false;
  std::string json;
};

void PrintRate(const char* name, const imitation::RateEstimate& r) {
  std::printf("%-26s %8.3f   [%.3f, %.3f]   (%d/%d)\n", name, r.rate, r.low, r.high, r.successes, r.trials);
}

void PrintSummary(const imitation::EvaluationSummary& s) {
  std::printf("%-26s %8s   %s\n", "metric", "value", "95% confidence interval");
  PrintRate("success_rate", s.success);
  PrintRate("collision_rate", s.collision);
  PrintRate("off_road_rate", s.offRoad);
  for (const imitation::MetricEstimate& m : s.metrics) {
    if (std::isfinite(m.estimate.halfWidth))
      std::printf("%-26s %8.3f   [%.3f, %.3f]\n", m.name.c_str(), m.estimate.mean, m.estimate.low, m.estimate.high);
    else
      std::printf("%-26s %8.3f   (one value)\n", m.name.c_str(), m.estimate.mean);
  }
}

void RunEval(const EvalCommandOptions& o) {
  if (o.policy.empty()) throw core::Error("eval needs --policy FILE.h5 (from `ildrive train`)");
  o.scenario.RequireOne("eval");
  // The scenario first (an unknown name lists the valid ones), then the policy and its layout against it.
  const imitation::EnvFactory makeEnv = [&o] {
    return sim::Env(o.scenario.Make());
  };
  const sim::Env probe = makeEnv();
  auto policy = std::make_shared<const learning::policies::Policy>(learning::policies::Policy::Load(o.policy));
  if (o.samplingSteps > 0 || !o.sampler.empty()) {
    try {
      policy = std::make_shared<const learning::policies::Policy>(policy->CopyWithSampling(o.samplingSteps, o.sampler));
    } catch (const core::Error& e) {
      throw core::Error(o.policy + ": " + e.what());
    }
  }
  try {
    imitation::PolicyDriver check(policy, probe);
  } catch (const core::Error& e) {
    throw core::Error(o.policy + ": " + e.what());
  }
  if (!o.json.empty()) imitation::CheckOutputWritable(o.json);

  imitation::EvaluationDef def;
  def.episodes = o.episodes;
  def.seed = o.seed;
  def.threads = o.threads > 0 ? o.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  def.maxSteps = o.maxSteps;
  Progress progress("eval " + probe.ScenarioName(), o.episodes);
  int successes = 0;
  const imitation::EvaluationProgress onEpisode = [&](int done, int, const imitation::EpisodeResult& last) {
    successes += last.metrics.success ? 1 : 0;
    progress.Update(done, "success " + std::to_string(successes) + "/" + std::to_string(done));
  };
  // --lane-keeping: the policy works the pedals, the expert's lane keeping steers (how the brake_light lessons
  // measure their clones).
  const imitation::EvaluationSummary summary =
      o.laneKeeping ? imitation::Evaluate(makeEnv, imitation::LaneKept(imitation::PolicyDrivers(policy, o.temperature)),
                                          def, onEpisode)
                    : imitation::EvaluatePolicy(policy, makeEnv, def, o.temperature, onEpisode);
  progress.Finish();

  std::printf("%s on %s: %d held-out episodes (seed %llu), %ld steps in %.1f s on %d threads (%.0f steps/s)\n",
              o.policy.c_str(), summary.scenario.c_str(), summary.episodes, static_cast<unsigned long long>(o.seed),
              summary.steps, summary.seconds, def.threads, static_cast<double>(summary.steps) / summary.seconds);
  PrintSummary(summary);

  if (o.json.empty()) return;
  Figures figures;
  for (const auto& [name, value] : imitation::SummaryFigures(summary)) figures.Add(name, value);
  figures.WriteJson(o.json);
}

}  // namespace

void AddEvalCommand(CLI::App& cli) {
  auto o = std::make_shared<EvalCommandOptions>();
  CLI::App* command = cli.add_subcommand("eval", "Evaluate a policy in closed loop on held-out episodes");
  command->add_option("--policy", o->policy, "policy file (.h5) from `ildrive train`");
  AddScenarioOptions(*command, o->scenario);
  command->add_option("--episodes", o->episodes, "number of episodes")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command->add_option("--seed", o->seed, "base seed (held-out episode i uses a seed derived from it)")
      ->capture_default_str();
  command->add_option("--threads", o->threads, "worker threads, one Env each (0 = all cores); results do not depend on it")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  command->add_option("--temperature", o->temperature, "sampling temperature (default: the policy's)")
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("--sampling-steps", o->samplingSteps,
                      "flow_matching: Euler steps; diffusion: DDIM steps K <= T (default: the policy's)")
      ->check(CLI::Range(1, 10000));
  command->add_option("--sampler", o->sampler, "diffusion: ddim or ddpm (default: the policy's)")
      ->check(CLI::IsMember({"ddim", "ddpm"}));
  command->add_option("--max-steps", o->maxSteps, "control steps per episode (0 = the scenario's time limit)")
      ->check(CLI::Range(0L, 100'000'000L));
  command->add_flag("--lane-keeping", o->laneKeeping,
                    "the policy works the pedals while the expert's lane keeping steers (brake_light lessons)");
  command->add_option("--json", o->json, "also write the figures to this JSON file");
  command->callback([o] { RunEval(*o); });
}

}  // namespace app
