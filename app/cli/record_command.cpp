// `ildrive record --scenario S --driver expert|noisy-expert|keyboard --episodes N --seed K --out FILE.h5`: records
// demonstrations into a dataset (learning/imitation/record_demos.h) with a progress bar and a summary.
// Everything is validated before the first episode: scenario, driver, numbers, the output path.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/scenario_options.h"
#include "app/cli/figures.h"
#include "app/cli/progress.h"
#include "core/error.h"
#include "learning/imitation/keyboard_driver.h"
#include "learning/imitation/record_demos.h"
#include "sim/driver.h"
#include "sim/scenario_registry.h"

namespace app {

namespace {

namespace imitation = learning::imitation;

struct RecordOptions {
  bool list = false;
  ScenarioChoice scenario;
  std::string driver = "expert";
  int episodes = 10;
  uint64_t seed = 0;
  double validFraction = 0.1;
  std::string out;
  std::string json;
  sim::NoisyExpertDef noise;
  std::vector<CLI::Option*> noiseOptions;  // to reject them with another driver
  imitation::KeyboardDef keyboard;
  std::vector<CLI::Option*> keyboardOptions;  // likewise
};

// "segmentDuration" → "segment-duration".
std::string Kebab(const std::string& camel) {
  std::string kebab;
  for (char c : camel) {
    if (c >= 'A' && c <= 'Z') {
      kebab += '-';
      kebab += static_cast<char>(c - 'A' + 'a');
    } else {
      kebab += c;
    }
  }
  return kebab;
}

// Visits a driver Def's fields (sim/def_io.h convention) and adds one validated --<prefix>-<field> option each,
// so the ranges are written once, in the Def.
struct DefOptionAdder {
  CLI::App* command;
  std::vector<CLI::Option*>* added;
  std::string prefix;  // "noise"
  std::string driver;  // "noisy-expert"
  std::string group;   // "Noisy expert"

  template <class T>
  void operator()(const char* key, T& field, double lo, double hi) {
    char range[96];
    std::snprintf(range, sizeof range, " in [%g, %g]", lo, hi);
    CLI::Option* option = command->add_option("--" + prefix + "-" + Kebab(key), field, driver + ": " + key + range);
    option->check(CLI::Range(lo, hi))->capture_default_str()->group(group);
    added->push_back(option);
  }
};

void RejectOptionsOfOtherDrivers(const RecordOptions& options) {
  const std::pair<const char*, const std::vector<CLI::Option*>*> owned[] = {
      {"noisy-expert", &options.noiseOptions}, {"keyboard", &options.keyboardOptions}};
  for (const auto& [driver, list] : owned)
    if (options.driver != driver)
      for (const CLI::Option* option : *list)
        if (option->count() > 0)
          throw core::Error(option->get_name() + " only applies to --driver " + driver);
}

void PrintScenarios() {
  std::printf("%-14s %-8s %s\n", "scenario", "actions", "description");
  for (const sim::ScenarioInfo& info : sim::Scenarios())
    std::printf("%-14s %-8s %s\n", info.name.c_str(), info.defaultMode.c_str(), info.description.c_str());
}

std::unique_ptr<sim::Driver> MakeDriver(const RecordOptions& options) {
  if (options.driver == "noisy-expert") return std::make_unique<sim::NoisyExpertDriver>(options.noise);
  if (options.driver == "keyboard") return std::make_unique<imitation::KeyboardDriver>(options.keyboard);
  return std::make_unique<sim::ExpertDriver>();
}

void RunRecord(const RecordOptions& options) {
  if (options.list) {
    PrintScenarios();
    return;
  }
  options.scenario.RequireOne("record");
  if (options.out.empty()) throw core::Error("record needs --out FILE.h5");
  RejectOptionsOfOtherDrivers(options);
  sim::Env env(options.scenario.Make());
  imitation::CheckOutputWritable(options.out);
  if (!options.json.empty()) imitation::CheckOutputWritable(options.json);
  std::unique_ptr<sim::Driver> driver = MakeDriver(options);  // validates the driver's Def

  imitation::RecordDef def;
  def.outPath = options.out;
  def.episodes = options.episodes;
  def.seed = options.seed;
  def.validFraction = options.validFraction;
  def.source = options.driver;
  Progress progress("record " + env.ScenarioName(), options.episodes);
  const imitation::RecordSummary summary =
      imitation::RecordDemos(env, *driver, def, [&](const imitation::RecordProgress& p) {
        char status[96];
        std::snprintf(status, sizeof status, "success %.0f%%, collisions %d", 100.0 * p.successes / p.episodesDone,
                      p.collisions);
        progress.Update(p.episodesDone, status);
      });
  progress.Finish();

  const double episodes = summary.episodes;
  std::printf("recorded %d episodes, %ld steps of %s with %s in %.1f s (%.1f episodes/s; writing %.1f s)\n",
              summary.episodes, summary.steps, env.ScenarioName().c_str(), options.driver.c_str(), summary.seconds,
              episodes / summary.seconds, summary.writeSeconds);
  std::printf("%s success rate %.1f%% (%d/%d), collisions %d, off-road %d\n", options.driver.c_str(),
              100.0 * summary.successes / episodes, summary.successes, summary.episodes, summary.collisions,
              summary.offRoad);
  std::printf("wrote %s (%.2f MB)\n", options.out.c_str(), summary.fileBytes / 1e6);

  if (options.json.empty()) return;
  Figures figures;
  figures.Add("record.episodes", episodes);
  figures.Add("record.steps", static_cast<double>(summary.steps));
  figures.Add("record.success_rate", summary.successes / episodes);
  figures.Add("record.collision_rate", summary.collisions / episodes);
  figures.Add("record.off_road_rate", summary.offRoad / episodes);
  figures.Add("record.episodes_per_s", episodes / summary.seconds);
  figures.Add("record.write_seconds", summary.writeSeconds);
  figures.Add("record.file_bytes", static_cast<double>(summary.fileBytes));
  figures.WriteJson(options.json);
}

}  // namespace

void AddRecordCommand(CLI::App& cli) {
  auto options = std::make_shared<RecordOptions>();
  CLI::App* command = cli.add_subcommand("record", "Record demonstrations of a scenario into a dataset (HDF5)");
  command->add_flag("--list", options->list, "print the scenarios and exit");
  AddScenarioOptions(*command, options->scenario);
  command->add_option("--driver", options->driver,
                      "who drives (keyboard: a simulated person at the keyboard, labels = its keys' actions)")
      ->check(CLI::IsMember({"expert", "noisy-expert", "keyboard"}))
      ->capture_default_str();
  command->add_option("--episodes", options->episodes, "number of episodes")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "base seed (episode i uses a seed derived from it)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command->add_option("--valid-fraction", options->validFraction, "share of episodes in the validation split")
      ->check(CLI::Range(0.0, 0.95))
      ->capture_default_str();
  command->add_option("--out", options->out, "output dataset file (.h5), replaced atomically");
  command->add_option("--json", options->json, "also write the summary figures to this JSON file");
  DefOptionAdder noise{command, &options->noiseOptions, "noise", "noisy-expert", "Noisy expert"};
  options->noise.Visit(noise);
  DefOptionAdder keyboard{command, &options->keyboardOptions, "keyboard", "keyboard", "Keyboard driver"};
  options->keyboard.Visit(keyboard);
  command->callback([options] { RunRecord(*options); });
}

}  // namespace app
