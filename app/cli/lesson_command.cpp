// `ildrive lesson --list`; `ildrive lesson NAME [--quick] [--sweep] [--seeds S] [--episodes N] [--seed K] [--json F]`:
// runs a lesson end to end (learning/imitation/lessons/), states it in one line and prints its Markdown tables
// (method × metric, 95% intervals); --json writes {"lesson": NAME, "rows": [{"method": M, <metric>: …}, …]};
// --save-policies DIR writes the policies behind the rows, each beside its scenario file, to watch in the app;
// --figures DIR writes the lesson's figures (PNG and the JSON behind each; needs the GUI build, which has SDL).
// A run split into tasks (lesson_tasks.h; python -m ildrive.sweep drives it): --task i/n [--records-in F…]
// --records-out F runs one task and writes its records; --merge F… replays them into the run's table and JSON.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/imitation/lessons/lesson_policy.h"
#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/imitation/lessons/lesson_tasks.h"
#include "learning/imitation/record_demos.h"
#ifdef ILDRIVE_WITH_GUI
#include "app/render/figure_files.h"
#include "learning/imitation/figures/lesson_figures.h"
#endif

namespace app {

namespace {

namespace imitation = learning::imitation;

struct LessonCommandOptions {
  bool list = false;
  std::string name;
  imitation::LessonOptions lesson;
  std::string json;
  std::string savePolicies;  // folder
  std::string figures;       // folder
  std::string task;          // "i/n"
  std::vector<std::string> recordsIn;
  std::string recordsOut;
  std::vector<std::string> merge;  // records files
};

std::string ReadRecords(const std::vector<std::string>& paths) {
  std::vector<std::string> texts;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::Error(path + ": cannot read the lesson task records");
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts.empty() ? std::string() : imitation::MergeLessonRecords(texts);
}

// --task: runs one task; true when the run was complete (every job recorded), with `result` set.
bool RunTask(const LessonCommandOptions& o, imitation::LessonResult& result) {
  const imitation::LessonTaskSpec spec = imitation::ParseLessonTaskSpec(o.task);
  imitation::LessonTaskOutput out = imitation::RunLessonTask(o.name, o.lesson, spec, ReadRecords(o.recordsIn));
  core::WriteFileAtomically(o.recordsOut, out.records + "\n");
  if (out.complete) {
    result = std::move(out.result);
    return true;
  }
  std::string ran;
  for (int j : out.ran) ran += (ran.empty() ? "" : ",") + std::to_string(j);
  std::printf("task %s: wave %d, ran job(s) [%s] of %d; records in %s\n", o.task.c_str(), out.wave, ran.c_str(),
              out.jobs, o.recordsOut.c_str());
  return false;
}

// Draws and writes the figures of `result` and says where and how long it took.
void WriteLessonFigures([[maybe_unused]] const imitation::LessonResult& result,
                          [[maybe_unused]] const LessonCommandOptions& o) {
#ifdef ILDRIVE_WITH_GUI
  const auto start = std::chrono::steady_clock::now();
  imitation::LessonFigureOptions figureOptions;
  figureOptions.quick = o.lesson.quick;
  figureOptions.threads = o.lesson.threads;
  figureOptions.seed = o.lesson.seed;
  const std::vector<std::string> written = WriteFigures(imitation::LessonFigures(result, figureOptions), o.figures);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\n%zu figures in %s (PNG + JSON each, %.1f s)\n", written.size() / 2, o.figures.c_str(), seconds);
#endif
}

void RunLessonCommand(LessonCommandOptions& o) {
  if (o.list) {
    for (const imitation::LessonEntry& e : imitation::Lessons())
      std::printf("%-18s %s\n", e.name.c_str(), e.description.c_str());
    return;
  }
  if (o.name.empty()) throw core::Error("lesson needs a NAME (see `ildrive lesson --list`)");
  imitation::FindLesson(o.name);
  if (!o.json.empty()) imitation::CheckOutputWritable(o.json);
  if (!o.task.empty() && !o.merge.empty()) throw core::Error("lesson: --task and --merge exclude each other");
  if (!o.task.empty() && o.recordsOut.empty()) throw core::Error("lesson --task needs --records-out FILE");
  if (o.task.empty() && (!o.recordsIn.empty() || !o.recordsOut.empty()))
    throw core::Error("lesson: --records-in/--records-out go with --task i/n");
  if (!o.task.empty()) {
    imitation::ParseLessonTaskSpec(o.task);
    imitation::CheckOutputWritable(o.recordsOut);
  }
#ifndef ILDRIVE_WITH_GUI
  if (!o.figures.empty())
    throw core::Error("--figures needs the GUI build (figures are drawn with SDL; this build has -DILDRIVE_GUI=OFF)");
#endif
  if (!o.figures.empty()) {  // before the run, like --save-policies
    std::error_code error;
    std::filesystem::create_directories(o.figures, error);
    if (error) throw core::Error(o.figures + ": cannot create the folder (" + error.message() + ")");
  }
  if (!o.savePolicies.empty()) {  // before the run: a long lesson must not end in an unwritable folder
    std::error_code error;
    std::filesystem::create_directories(o.savePolicies, error);
    if (error) throw core::Error(o.savePolicies + ": cannot create the folder (" + error.message() + ")");
    imitation::CheckOutputWritable((std::filesystem::path(o.savePolicies) / "policies.json").string());
  }
  std::unique_ptr<Progress> bar;
  o.lesson.progress = [&bar, &o](const std::string& stage, int done, int total) {
    if (!bar) bar = std::make_unique<Progress>("lesson " + o.name, total);
    bar->Update(done, stage);
  };
  imitation::LessonResult result;
  if (!o.task.empty()) {
    if (!RunTask(o, result)) {
      if (bar) bar->Finish("task done");
      return;
    }
  } else if (!o.merge.empty()) {
    result = imitation::MergeLessonTasks(o.name, o.lesson, ReadRecords(o.merge));
  } else {
    result = imitation::RunLesson(o.name, o.lesson);
  }
  if (bar) bar->Finish("done");
  std::fputs(result.ToMarkdown().c_str(), stdout);
  std::printf("\n(%.1f s)\n", result.seconds);
  if (!o.json.empty()) core::WriteFileAtomically(o.json, result.ToJson() + "\n");
  if (!o.figures.empty()) WriteLessonFigures(result, o);
  if (o.savePolicies.empty()) return;
  const std::vector<imitation::SavedLessonPolicy> saved = imitation::SaveLessonPolicies(result, o.savePolicies);
  std::printf("\n%zu policies in %s (index: policies.json); watch one with\n", saved.size(), o.savePolicies.c_str());
  if (!saved.empty()) {
    const imitation::SavedLessonPolicy& first = saved.front();
    std::printf("  ildrive gui --scenario-file %s --policy %s --drive policy --watch 20%s\n", first.scenarioPath.c_str(),
                first.policyPath.c_str(), first.kept->laneKeeping ? " --lane-keeping" : "");
  }
}

}  // namespace

void AddLessonCommand(CLI::App& cli) {
  auto o = std::make_shared<LessonCommandOptions>();
  CLI::App* c = cli.add_subcommand("lesson", "Run an imitation-learning lesson end to end and print its table");
  c->add_flag("--list", o->list, "print the lessons and exit");
  c->add_option("name", o->name, "lesson name (see --list)");
  c->add_flag("--quick", o->lesson.quick, "the small version (≤ 30 s; what the tests run)");
  c->add_flag("--sweep", o->lesson.sweep,
              "run the lesson's sweeps instead of its tables (training-budget and data-size curves; keyboard_demos: "
              "by count; results in docs/lessons.md)");
  c->add_option("--seeds", o->lesson.seeds, "training seeds per method (default: the lesson's)")
      ->check(CLI::Range(1, 100));
  c->add_option("--episodes", o->lesson.evalEpisodes, "held-out evaluation episodes per policy (default: the lesson's)")
      ->check(CLI::Range(1, 100000));
  c->add_option("--seed", o->lesson.seed, "base seed")->check(CLI::NonNegativeNumber)->capture_default_str();
  c->add_option("--threads", o->lesson.threads, "rollout threads")->check(CLI::Range(1, 256))->capture_default_str();
  c->add_option("--json", o->json, "write the rows as JSON to this file");
  c->add_option("--task", o->task,
                "run task i/n of a split run (its share of the first wave of side-by-side jobs not yet recorded)");
  c->add_option("--records-in", o->recordsIn, "records of earlier tasks (with --task)")->check(CLI::ExistingFile);
  c->add_option("--records-out", o->recordsOut, "write the records given plus this task's (with --task)");
  c->add_option("--merge", o->merge, "replay these task records into the run's table (and --json)")
      ->check(CLI::ExistingFile);
  c->add_option("--save-policies", o->savePolicies,
                "write the trained policies behind the rows (with their scenario files) to this folder");
  c->add_option("--figures", o->figures,
                 "write the lesson's figures (PNG, and the JSON behind each) to this folder (needs the GUI build)");
  c->callback([o] { RunLessonCommand(*o); });
}

}  // namespace app
