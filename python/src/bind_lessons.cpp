// ildrive._core lessons: the registry's names, a local run, and a run split into tasks (lesson_tasks.h) for
// ildrive.sweep. Runs release the GIL (a Dask worker keeps answering its scheduler meanwhile). Results are the
// lesson JSON text that `ildrive lesson NAME --json` writes; records are opaque JSON text passed between tasks.
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "learning/imitation/lessons/lesson_registry.h"
#include "learning/imitation/lessons/lesson_tasks.h"
#include "python/src/bindings.h"

namespace ildrive_py {

namespace py = pybind11;
namespace imitation = learning::imitation;

namespace {

imitation::LessonOptions Options(bool quick, bool sweep, int seeds, int episodes, uint64_t seed, int threads) {
  imitation::LessonOptions o;
  o.quick = quick;
  o.sweep = sweep;
  o.seeds = seeds;
  o.evalEpisodes = episodes;
  o.seed = seed;
  o.threads = threads;
  return o;
}

}  // namespace

void BindLessons(py::module_& m) {
  m.def("lesson_names", [] {
    std::vector<std::string> names;
    for (const imitation::LessonEntry& e : imitation::Lessons()) names.push_back(e.name);
    return names;
  });
  m.def(
      "run_lesson",
      [](const std::string& name, bool quick, bool sweep, int seeds, int episodes, uint64_t seed, int threads) {
        const imitation::LessonOptions o = Options(quick, sweep, seeds, episodes, seed, threads);
        py::gil_scoped_release release;
        return imitation::RunLesson(name, o).ToJson();
      },
      py::arg("name"), py::arg("quick") = false, py::arg("sweep") = false, py::arg("seeds") = 0,
      py::arg("episodes") = 0, py::arg("seed") = 0, py::arg("threads") = 1);
  m.def(
      "run_lesson_task",
      [](const std::string& name, int index, int count, const std::string& records, bool quick, bool sweep, int seeds,
         int episodes, uint64_t seed, int threads) {
        const imitation::LessonOptions o = Options(quick, sweep, seeds, episodes, seed, threads);
        imitation::LessonTaskOutput out;
        {
          py::gil_scoped_release release;
          out = imitation::RunLessonTask(name, o, imitation::LessonTaskSpec{index, count}, records);
        }
        py::dict d;
        d["complete"] = out.complete;
        d["result"] = out.complete ? out.result.ToJson() : std::string();
        d["wave"] = out.wave;
        d["jobs"] = out.jobs;
        d["ran"] = out.ran;
        d["records"] = py::bytes(out.records);  // bytes: large, passed on untouched
        return d;
      },
      py::arg("name"), py::arg("index"), py::arg("count"), py::arg("records") = "", py::arg("quick") = false,
      py::arg("sweep") = false, py::arg("seeds") = 0, py::arg("episodes") = 0, py::arg("seed") = 0,
      py::arg("threads") = 1);
  m.def(
      "merge_lesson_records",
      [](const std::vector<std::string>& records) {
        std::string merged;
        {
          py::gil_scoped_release release;
          merged = imitation::MergeLessonRecords(records);
        }
        return py::bytes(merged);
      },
      py::arg("records"));
}

}  // namespace ildrive_py
