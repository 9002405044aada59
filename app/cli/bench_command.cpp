// `ildrive bench TARGET [--json F]`: runs one benchmark target, prints its figures and optionally writes them
// as one JSON object (docs/design.md, "Command line").
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/bench_command.h"
#include "app/cli/commands.h"
#include "core/error.h"

namespace app {

namespace {

struct BenchTarget {
  const char* name;
  const char* description;
  Figures (*run)();
};

// Every bench target, in the order `ildrive bench --help` lists them.
std::vector<BenchTarget> BenchTable() {
  return {
      {"sim", "sim: control steps/s per scenario (one thread) and the bare Box2D cost of the same bodies", RunSimBench},
      {"train", "learning/nn: reference MLP training steps/s vs plain GEMM, batch-1 inference, transformer block",
       RunTrainBench},
      {"infer", "learning/policies: batch-1 action latency and training samples/s of every registered policy",
       RunInferBench},
      {"python", "the Python module (python3 -m ildrive.bench): Env.step overhead, VectorEnv steps/s on 1 and 2 threads "
                 "vs C++", RunPythonBench},
  };
}

struct BenchOptions {
  std::string target;
  std::string json;
};

void RunBench(const BenchOptions& options) {
  for (const BenchTarget& target : BenchTable()) {
    if (options.target != target.name) continue;
    const Figures figures = target.run();
    std::fputs(figures.ToText().c_str(), stdout);
    if (!options.json.empty()) figures.WriteJson(options.json);
    return;
  }
  std::string names;
  for (const BenchTarget& target : BenchTable()) names += (names.empty() ? "" : ", ") + std::string(target.name);
  throw core::Error("bench: unknown target '" + options.target + "' (expected one of: " + names + ")");
}

}  // namespace

void AddBenchCommand(CLI::App& cli) {
  auto options = std::make_shared<BenchOptions>();
  std::string help = "Measure speed; targets:";
  for (const BenchTarget& target : BenchTable()) help += std::string("\n  ") + target.name + ": " + target.description;
  CLI::App* command = cli.add_subcommand("bench", help);
  command->add_option("target", options->target, "What to measure")->required();
  command->add_option("--json", options->json, "Write the figures to this JSON file");
  command->callback([options] { RunBench(*options); });
}

}  // namespace app
