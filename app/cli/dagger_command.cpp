// `ildrive dagger --scenario S --policy P --iterations I --episodes N --seed K --out policy.h5`: DAgger with the
// scenario's scripted expert as the labeller (learning/imitation/dagger.h). Iteration 0 is behaviour cloning on
// --initial-episodes expert demonstrations; each further iteration rolls out the β-mixture for --episodes
// episodes, labels every visited state with the expert, aggregates and retrains — every training with the
// defaults of `ildrive train` (imitation::DefaultTrainOptions; --epochs, --min-steps, --steps as there). `--gate-ttc`/`--gate-lane`/
// `--gate-disagreement` with `--human-gated` run HG-DAgger (takeover segments only). Prints one line per
// iteration (β, data, expert share, disagreement, losses, held-out success/collision with --eval-episodes);
// --figures DIR draws success against iteration (PNG + JSON; needs the GUI build, which has SDL).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/scenario_options.h"
#include "app/cli/figures.h"
#include "app/cli/progress.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/imitation/dagger.h"
#include "learning/imitation/record_demos.h"
#include "learning/policies/policy_registry.h"
#include "sim/env.h"
#ifdef ILDRIVE_WITH_GUI
#include "app/render/figure_files.h"
#include "learning/imitation/figures/dagger_figure.h"
#endif

namespace app {

namespace {

namespace imitation = learning::imitation;
namespace policies = learning::policies;

struct DaggerOptions {
  ScenarioChoice scenario;
  std::string policy = "mse";
  std::string obsKeys;
  std::string schedule = "constant";
  imitation::DaggerDef def;
  std::string out;
  std::string dataOut;
  std::string json;
  std::string plots;  // --figures folder
};

std::vector<std::string> Keys(const std::string& text) {
  std::vector<std::string> keys;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ','))
    if (!item.empty()) keys.push_back(item);
  if (keys.empty()) throw core::Error("--obs-keys: expected a comma-separated list, got \"" + text + "\"");
  return keys;
}

std::string Number(double v, const char* format = "%.3f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, std::isfinite(v) ? format : "-", v);
  return buf;
}

void RunDaggerCommand(DaggerOptions& o) {
  o.scenario.RequireOne("dagger");
  if (o.out.empty()) throw core::Error("dagger needs --out FILE.h5");
  policies::PolicyConfig config = policies::DefaultPolicyConfig(o.policy);
  if (!o.obsKeys.empty()) config.obsKeys = Keys(o.obsKeys);
  config.seed = o.def.seed;
  policies::ValidatePolicyConfig(config, "dagger --policy " + o.policy);
  o.def.schedule = imitation::ParseBetaSchedule(o.schedule);
  imitation::ValidateDaggerDef(o.def);
  const imitation::EnvFactory makeEnv = [scenario = o.scenario] { return sim::Env(scenario.Make()); };
  makeEnv();  // a bad scenario fails here, before any work
  imitation::CheckOutputWritable(o.out);
  if (!o.dataOut.empty()) imitation::CheckOutputWritable(o.dataOut);
  if (!o.json.empty()) imitation::CheckOutputWritable(o.json);
#ifndef ILDRIVE_WITH_GUI
  if (!o.plots.empty())
    throw core::Error("--figures needs the GUI build (figures are drawn with SDL; this build has -DILDRIVE_GUI=OFF)");
#else
  if (!o.plots.empty()) {  // before any work
    std::error_code error;
    std::filesystem::create_directories(o.plots, error);
    if (error) throw core::Error(o.plots + ": cannot create the folder (" + error.message() + ")");
    imitation::CheckOutputWritable((std::filesystem::path(o.plots) / "dagger.png").string());
  }
#endif

  std::printf("%-4s %-6s %-8s %-9s %-8s %-9s %-10s %-10s %-8s %-9s\n", "iter", "beta", "new", "total", "expert",
              "disagree", "train_loss", "valid_loss", "success", "collision");
  Progress progress("dagger", o.def.iterations + 1);
  Figures figures;
  const imitation::DaggerResult result =
      imitation::RunDagger(makeEnv, config, o.def, nullptr, [&](const imitation::DaggerIteration& it) {
        progress.Update(it.iteration + 1, "iteration " + std::to_string(it.iteration));
        std::printf("%-4d %-6s %-8ld %-9ld %-8s %-9s %-10s %-10s %-8s %-9s\n", it.iteration, Number(it.beta, "%.2f").c_str(),
                    it.newSamples, it.totalSamples, Number(it.expertShare).c_str(), Number(it.disagreement).c_str(),
                    Number(it.train.trainLoss, "%.5f").c_str(), Number(it.train.validLoss, "%.5f").c_str(),
                    it.evaluated ? Number(it.success.rate).c_str() : "-",
                    it.evaluated ? Number(it.collision.rate).c_str() : "-");
        std::fflush(stdout);
        const std::string p = "dagger.iter" + std::to_string(it.iteration) + ".";
        figures.Add(p + "beta", it.beta);
        figures.Add(p + "new_samples", static_cast<double>(it.newSamples));
        figures.Add(p + "total_samples", static_cast<double>(it.totalSamples));
        figures.Add(p + "expert_share", it.expertShare);
        figures.Add(p + "disagreement", it.disagreement);
        figures.Add(p + "valid_loss", std::isfinite(it.train.validLoss) ? it.train.validLoss : -1.0);
        if (it.evaluated) {
          figures.Add(p + "success_rate", it.success.rate);
          figures.Add(p + "collision_rate", it.collision.rate);
        }
      });
  progress.Finish(std::to_string(result.iterations.size()) + " iterations");
  result.policy->Save(o.out);
  std::printf("policy written to %s (%d episodes, %d steps aggregated)\n", o.out.c_str(),
              static_cast<int>(result.dataset.episodes.size()), result.dataset.TotalSteps());
  if (!o.dataOut.empty()) learning::data::SaveDataset(o.dataOut, result.dataset);
  if (!o.json.empty()) figures.WriteJson(o.json);
#ifdef ILDRIVE_WITH_GUI
  if (!o.plots.empty()) {
    const std::string about = o.scenario.Label() + ", " + o.policy + ", " +
                              std::to_string(o.def.initialEpisodes) + " expert demos, " +
                              std::to_string(o.def.episodesPerIteration) + " episodes per iteration";
    WriteFigures({imitation::DaggerIterationFigure(result, "dagger", about)}, o.plots);
    std::printf("figure written to %s/dagger.png (and .json)\n", o.plots.c_str());
  }
#endif
}

}  // namespace

void AddDaggerCommand(CLI::App& cli) {
  auto o = std::make_shared<DaggerOptions>();
  imitation::DaggerDef& d = o->def;
  d.train = imitation::DefaultTrainOptions();  // every (re)training as `ildrive train` trains
  CLI::App* c = cli.add_subcommand("dagger", "DAgger / HG-DAgger with the scenario's scripted expert as labeller");
  AddScenarioOptions(*c, o->scenario);
  c->add_option("--policy", o->policy, "policy registry name (see `ildrive train --list`)")->capture_default_str();
  c->add_option("--obs-keys", o->obsKeys, "observation keys, comma-separated (default: every key but controls, the previous action)");
  c->add_option("--iterations", d.iterations, "on-policy iterations after the initial BC")
      ->check(CLI::Range(0, 1000))->capture_default_str();
  c->add_option("--episodes", d.episodesPerIteration, "on-policy episodes per iteration")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  c->add_option("--initial-episodes", d.initialEpisodes, "expert demonstrations for iteration 0")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  c->add_option("--seed", d.seed, "base seed")->check(CLI::NonNegativeNumber)->capture_default_str();
  c->add_option("--beta-schedule", o->schedule, "constant | linear | exponential")->capture_default_str();
  c->add_option("--beta0", d.beta0, "β of the first on-policy iteration")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_option("--beta-decay", d.betaDecay, "exponential schedule: β_i = β0·decay^i")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  c->add_flag("--warm-start", d.warmStart, "retrain from the previous weights instead of from scratch");
  c->add_option("--epochs", d.train.epochs, "passes over the aggregated training split per (re)training")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  c->add_option("--steps", d.train.steps, "optimiser steps per (re)training instead of epochs (0 = use epochs)")
      ->check(CLI::Range(0L, 1'000'000'000L));
  c->add_option("--min-steps", d.train.minSteps, "with epochs: at least this many optimiser steps per (re)training")
      ->check(CLI::Range(0L, 1'000'000'000L))
      ->capture_default_str();
  c->add_flag("--human-gated", d.humanGated, "HG-DAgger: the learner drives, the gate hands over to the expert");
  c->add_option("--gate-ttc", d.gate.timeToCollision, "gate: time to collision below this [s] (0 = off)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--gate-lane", d.gate.laneDeviation, "gate: |lane offset| above this [m] (0 = off)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--gate-disagreement", d.gate.disagreement, "gate: max |learner − expert| above this (0 = off)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--gate-hold", d.gate.holdTime, "gate: the expert keeps control at least this long [s]")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  c->add_option("--eval-episodes", d.evalEpisodes, "held-out episodes to evaluate each iteration's policy")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  c->add_option("--threads", d.threads, "rollout and evaluation threads")->check(CLI::Range(1, 256))->capture_default_str();
  c->add_option("--out", o->out, "the final policy (.h5)");
  c->add_option("--data-out", o->dataOut, "also save the aggregated dataset (.h5)");
  c->add_option("--json", o->json, "per-iteration figures as JSON");
  c->add_option("--figures", o->plots,
                "draw success against iteration to this folder (dagger.png and dagger.json; needs the GUI build)");
  c->callback([o] { RunDaggerCommand(*o); });
}

}  // namespace app
