// `ildrive train --data F --policy P [--obs-keys a,b] [--history n] [--chunk H,h] [--epochs E] [--seed K]
// --out policy.h5`: behaviour cloning (learning/imitation/trainer.h) with a progress bar and a summary;
// `ildrive train --list` prints the policy registry. Everything is checked before training starts (policy name,
// options, keys against the dataset, the output path); a non-finite loss stops with one line naming the step and
// leaves the output file untouched.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/figures.h"
#include "app/cli/progress.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/imitation/record_demos.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy_registry.h"

namespace app {

namespace {

namespace imitation = learning::imitation;
namespace policies = learning::policies;

struct TrainCommandOptions {
  bool list = false;
  std::string data;
  std::string policy;
  std::string init;  // warm start from this policy file
  std::string obsKeys;
  int history = 1;
  std::string chunk;
  std::string encoder;
  int width = 0;
  int depth = 0;
  double temperature = 1.0;
  std::string decode;
  int samplingSteps = 0;   // 0: the registry's (flow_matching Euler steps, diffusion DDIM steps)
  int diffusionSteps = 0;  // 0: the registry's T
  std::string sampler;     // diffusion: ddim | ddpm
  imitation::TrainOptions train;
  std::string schedule = "cosine";
  std::string labels = "labels";
  std::string out;
  std::string json;
  CLI::Option* historyOption = nullptr;
  CLI::Option* widthOption = nullptr;
  CLI::Option* depthOption = nullptr;
  CLI::Option* temperatureOption = nullptr;
};

std::vector<std::string> SplitList(const std::string& text, const std::string& what) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ','))
    if (!item.empty()) items.push_back(item);
  if (items.empty()) throw core::Error(what + ": expected a comma-separated list, got \"" + text + "\"");
  return items;
}

int ParsePositive(const std::string& text, const std::string& what) {
  size_t used = 0;
  int value = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1) throw core::Error(what + ": expected a positive integer, got \"" + text + "\"");
  return value;
}

void PrintRegistry() {
  std::printf("%-14s %s\n", "policy", "description");
  for (const policies::PolicyEntry& entry : policies::PolicyRegistry())
    std::printf("%-14s %s\n", entry.name.c_str(), entry.description.c_str());
  std::printf("\nencoders: mlp (newest frame), stack (--history n frames), transformer (attention over n frames)\n");
}

// The registry defaults of --policy with the command-line overrides applied.
policies::PolicyConfig BuildConfig(const TrainCommandOptions& o) {
  policies::PolicyConfig config = policies::DefaultPolicyConfig(o.policy);
  if (!o.obsKeys.empty()) config.obsKeys = SplitList(o.obsKeys, "--obs-keys");
  if (o.historyOption->count() > 0) config.history = o.history;
  if (!o.encoder.empty())
    config.encoder = policies::ParseEncoderKind(o.encoder);
  else
    policies::LetHistoryBeSeen(config);
  if (!o.chunk.empty()) {
    const std::vector<std::string> parts = SplitList(o.chunk, "--chunk");
    if (parts.size() > 2) throw core::Error("--chunk: expected H or H,h, got \"" + o.chunk + "\"");
    config.chunk = ParsePositive(parts[0], "--chunk H");
    config.execute = parts.size() == 2 ? ParsePositive(parts[1], "--chunk h") : config.chunk;
  }
  if (o.widthOption->count() > 0) config.width = o.width;
  if (o.depthOption->count() > 0) config.depth = o.depth;
  if (o.temperatureOption->count() > 0) config.temperature = o.temperature;
  if (!o.decode.empty()) config.decode = policies::ParseDecodeKind(o.decode);
  // Sampling options exist for the heads that integrate or denoise; anywhere else they would be silently ignored.
  const policies::PolicyEntry entry = policies::FindPolicy(config.policy);
  if (o.samplingSteps > 0 && entry.samplingSteps == nullptr)
    throw core::Error("--sampling-steps is for " + policies::SamplingHeadNames() + ", not " + config.policy);
  if ((o.diffusionSteps > 0 || !o.sampler.empty()) && !entry.choosesSampler)
    throw core::Error("--diffusion-steps and --sampler are for " + policies::SamplingHeadNames(true) + ", not " +
                      config.policy);
  if (o.diffusionSteps > 0) {
    config.diffusionSteps = o.diffusionSteps;
    config.ddimSteps = std::min(config.ddimSteps, o.diffusionSteps);  // a small T alone keeps K valid
  }
  if (!o.sampler.empty()) config.diffusionSampler = o.sampler;
  if (o.samplingSteps > 0) config.*entry.samplingSteps = o.samplingSteps;
  config.seed = o.train.seed;
  policies::ValidatePolicyConfig(config, "train --policy " + o.policy);
  return config;
}

std::string Loss(double value) {
  char text[32];
  std::snprintf(text, sizeof text, std::isfinite(value) ? "%.5g" : "-", value);
  return text;
}

void RunTrain(TrainCommandOptions& o) {
  if (o.list) {
    PrintRegistry();
    return;
  }
  if (o.data.empty()) throw core::Error("train needs --data FILE.h5 (from `ildrive record`)");
  if (o.policy.empty() == o.init.empty())
    throw core::Error("train needs exactly one of --policy NAME (see `ildrive train --list`) or --init FILE.h5");
  if (o.out.empty()) throw core::Error("train needs --out FILE.h5");
  o.train.schedule = learning::nn::ParseScheduleKind(o.schedule);
  o.train.labels = imitation::ParseLabelSource(o.labels);
  imitation::ValidateTrainOptions(o.train);

  // Policy first (cheap, catches unknown names and bad options), then the data, then the output path.
  std::unique_ptr<policies::Policy> policy;
  policies::PolicyConfig config;
  if (o.init.empty()) config = BuildConfig(o);
  const learning::data::Dataset dataset = learning::data::LoadDataset(o.data);
  const policies::ObsDims dims = dataset.envArgs.ObsDims();
  if (o.init.empty()) {
    try {
      policy = std::make_unique<policies::Policy>(config, dims);
    } catch (const core::Error& e) {
      throw core::Error(o.data + ": " + e.what());
    }
  } else {
    if (!o.obsKeys.empty() || !o.chunk.empty() || !o.encoder.empty() || o.historyOption->count() > 0 ||
        o.widthOption->count() > 0 || o.depthOption->count() > 0)
      throw core::Error("--init " + o.init + ": the policy file fixes keys, history, chunking and sizes; "
                        "leave out --obs-keys/--history/--chunk/--encoder/--width/--depth");
    policy = std::make_unique<policies::Policy>(policies::Policy::Load(o.init));
    o.train.warmStart = true;
  }
  imitation::CheckOutputWritable(o.out);
  if (!o.json.empty()) imitation::CheckOutputWritable(o.json);

  const policies::PolicyConfig& used = policy->Config();
  std::string keys;
  for (const std::string& key : used.obsKeys) keys += (keys.empty() ? "" : ",") + key;
  std::printf("training %s (%s encoder, history %d, chunk %d/%d) on %s: %zu episodes of %s, keys %s\n",
              used.policy.c_str(), policies::EncoderKindName(used.encoder), used.history, used.chunk, used.execute,
              o.data.c_str(), dataset.episodes.size(), dataset.envArgs.scenario.c_str(), keys.c_str());
  std::optional<Progress> bar;  // the total is known once the data is gathered
  const imitation::TrainResult result = imitation::TrainBehaviourCloning(
      *policy, dataset, o.train, [&](const imitation::TrainProgress& p) {
        if (!bar) bar.emplace("train " + used.policy, p.totalSteps);
        bar->Update(p.step, "epoch " + std::to_string(p.epoch) + "/" + std::to_string(p.epochs) + ", loss " +
                                Loss(p.trainLoss) + ", valid " + Loss(p.validLoss) + ", " +
                                std::to_string(static_cast<long>(p.samplesPerSecond)) + " samples/s");
      });
  if (bar) bar->Finish();
  if (result.status == imitation::TrainStatus::kNonFinite)
    throw core::Error(o.data + ": " + result.message + "; " + o.out + " was not written");

  policy->Save(o.out);
  std::printf("%s: %ld steps, %d epochs in %.1f s (%.0f samples/s), %ld train / %ld valid samples\n",
              result.message.c_str(), result.steps, result.epochs, result.seconds, result.samplesPerSecond,
              result.trainSamples, result.validSamples);
  std::printf("kept weights (step %ld): train loss %s, valid loss %s (best %s at step %ld; running train loss of the "
              "last epoch %s)\n",
              result.keptStep, Loss(result.keptTrainLoss).c_str(), Loss(result.validLoss).c_str(),
              Loss(result.bestValidLoss).c_str(), result.bestStep, Loss(result.trainLoss).c_str());
  std::printf("wrote %s\n", o.out.c_str());

  if (o.json.empty()) return;
  Figures figures;
  figures.Add("train.steps", static_cast<double>(result.steps));
  figures.Add("train.epochs", result.epochs);
  figures.Add("train.train_samples", static_cast<double>(result.trainSamples));
  figures.Add("train.valid_samples", static_cast<double>(result.validSamples));
  figures.Add("train.train_loss", result.trainLoss);
  figures.Add("train.kept_train_loss", result.keptTrainLoss);
  figures.Add("train.valid_loss", result.validLoss);
  figures.Add("train.best_valid_loss", result.bestValidLoss);
  figures.Add("train.best_step", static_cast<double>(result.bestStep));
  figures.Add("train.seconds", result.seconds);
  figures.Add("train.samples_per_s", result.samplesPerSecond);
  figures.WriteJson(o.json);
}

}  // namespace

void AddTrainCommand(CLI::App& cli) {
  auto o = std::make_shared<TrainCommandOptions>();
  o->train = imitation::DefaultTrainOptions();
  CLI::App* command = cli.add_subcommand("train", "Train a policy by behaviour cloning on a dataset (HDF5)");
  command->add_flag("--list", o->list, "print the policy registry and exit");
  command->add_option("--data", o->data, "dataset file (.h5) from `ildrive record`");
  command->add_option("--policy", o->policy, "policy name (see --list)");
  command->add_option("--init", o->init, "continue training this policy file (warm start; its config is kept)");
  command->add_option("--obs-keys", o->obsKeys, "observation keys, comma-separated (default: every key but controls, the previous action)");
  o->historyOption = command->add_option("--history", o->history, "frames per decision (n)")->check(CLI::Range(1, 64));
  command->add_option("--chunk", o->chunk, "action chunking H,h: predict H actions, execute h (default 1,1)");
  command->add_option("--encoder", o->encoder, "encoder (default: mlp, or stack with --history > 1)")
      ->check(CLI::IsMember({"mlp", "stack", "transformer"}));
  o->widthOption = command->add_option("--width", o->width, "hidden width")->check(CLI::Range(1, 4096));
  o->depthOption = command->add_option("--depth", o->depth, "encoder hidden layers (transformer: blocks)")
                       ->check(CLI::Range(1, 64));
  o->temperatureOption =
      command->add_option("--temperature", o->temperature, "sampling temperature when acting")->check(CLI::Range(0.0, 100.0));
  command->add_option("--decode", o->decode, "decoding when acting")->check(CLI::IsMember({"sample", "mean"}));
  command->add_option("--sampling-steps", o->samplingSteps,
                      "flow_matching: Euler steps; diffusion: DDIM steps K <= T (default 10)")
      ->check(CLI::Range(1, 10000));
  command->add_option("--diffusion-steps", o->diffusionSteps, "diffusion: noise levels T (default 100)")
      ->check(CLI::Range(2, 10000));
  command->add_option("--sampler", o->sampler, "diffusion: ddim (K steps) or ddpm (T ancestral steps)")
      ->check(CLI::IsMember({"ddim", "ddpm"}));
  command->add_option("--epochs", o->train.epochs, "passes over the training split")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command->add_option("--steps", o->train.steps, "optimiser steps instead of epochs (0 = use epochs)")
      ->check(CLI::Range(0L, 1'000'000'000L));
  command->add_option("--min-steps", o->train.minSteps,
                      "with epochs: at least this many optimiser steps (few demonstrations need many passes)")
      ->check(CLI::Range(0L, 1'000'000'000L))
      ->capture_default_str();
  command->add_option("--batch-size", o->train.batchSize, "samples per step")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command->add_option("--lr", o->train.learningRate, "peak learning rate")
      ->check(CLI::Range(1e-12, 10.0))
      ->capture_default_str();
  command->add_option("--schedule", o->schedule, "learning-rate schedule")
      ->check(CLI::IsMember({"constant", "linear", "cosine"}))
      ->capture_default_str();
  command->add_option("--warmup", o->train.warmupSteps, "linear warm-up steps")->check(CLI::Range(0L, 1'000'000'000L));
  command->add_option("--weight-decay", o->train.weightDecay, "AdamW weight decay (0 = Adam)")->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--clip-norm", o->train.clipNorm, "gradient clipping by global norm (0 = off)")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  command->add_option("--patience", o->train.patience, "early stopping: epochs without a better validation loss (0 = off)")
      ->check(CLI::Range(0, 1'000'000));
  command->add_option("--valid-fraction", o->train.validFraction,
                      "re-split the episodes with this validation share (default: the dataset's own split)")
      ->check(CLI::Range(0.0, 0.95));
  command->add_option("--labels", o->labels, "targets: the recorded labels or the executed actions")
      ->check(CLI::IsMember({"labels", "actions"}))
      ->capture_default_str();
  command->add_flag("--freeze-encoder", o->train.freezeEncoder, "train only the head (fine-tuning with --init)");
  command->add_option("--seed", o->train.seed, "seed of the initialisation, shuffling and training noise")
      ->capture_default_str();
  command->add_option("--out", o->out, "output policy file (.h5), replaced atomically");
  command->add_option("--json", o->json, "also write the training figures to this JSON file");
  command->callback([o] { RunTrain(*o); });
}

}  // namespace app
