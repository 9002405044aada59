// `ildrive bench TARGET [--json F]`: runs one benchmark target, prints its figures and optionally writes them
// as one JSON object (docs/design.md, "Command line").
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/bench_command.h"
#include "app/cli/commands.h"
#include "core/error.h"
#include "core/named_table.h"

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
      {"sim", "the simulator: control steps/s per scenario (one thread) and the bare Box2D cost of the same bodies",
       RunSimBench},
      {"train", "learning/nn: reference MLP training steps/s vs plain GEMM, batch-1 inference, transformer block",
       RunTrainBench},
      {"infer", "learning/policies: batch-1 action latency and training samples/s of every registered policy",
       RunInferBench},
      {"data", "learning/data: a 10,000-episode (8M-step) dataset written, loaded, appended to and trained from; "
               "file size, times, resident memory vs its arrays", RunDataBench},
      {"python", "the Python module (python3 -m ildrive.bench): Env.step overhead, VectorEnv steps/s on 1 and 2 threads "
                 "vs C++", RunPythonBench},
  };
}

struct BenchOptions {
  std::string target;
  std::string json;
};

void RunBench(const BenchOptions& options) {
  const std::vector<BenchTarget> table = BenchTable();
  const BenchTarget* target = core::FindByName(table, options.target);
  if (target == nullptr)
    throw core::Error("bench: unknown target '" + options.target + "' (expected one of: " +
                      core::JoinNames(table) + ")");
  const Figures figures = target->run();
  std::fputs(figures.ToText().c_str(), stdout);
  if (!options.json.empty()) figures.WriteJson(options.json);
}

}  // namespace

// `ildrive --help` shows the one-line description; `ildrive bench --help` adds what each target measures, once.
void AddBenchCommand(CLI::App& cli) {
  auto options = std::make_shared<BenchOptions>();
  const std::vector<BenchTarget> table = BenchTable();
  CLI::App* command = cli.add_subcommand("bench", "Measure speed: " + core::JoinNames(table));
  std::string footer = "Targets:";
  for (const BenchTarget& target : table) {
    char line[256];
    std::snprintf(line, sizeof line, "\n  %-8s %s", target.name, target.description);
    footer += line;
  }
  command->footer(footer);
  command->add_option("target", options->target, "What to measure (see Targets below)")->required();
  command->add_option("--json", options->json, "Write the figures to this JSON file");
  command->callback([options] { RunBench(*options); });
}

}  // namespace app
