// `ildrive bench python`: the Python front end's speed, measured by `python3 -m ildrive.bench` (python/ildrive/
// bench.py: Env.step overhead over the C++ step, VectorEnv steps/s on 1 and 2 threads against the C++ rate in the
// same run). The figures come back through its --json file. The module is looked up next to this executable
// (build/app/ildrive -> build/python) before the interpreter's own path, so a plain build needs no PYTHONPATH; the
// interpreter is $ILDRIVE_PYTHON, else the one the module was built for.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/bench_command.h"
#include "core/error.h"

#ifndef ILDRIVE_PYTHON_EXECUTABLE
#define ILDRIVE_PYTHON_EXECUTABLE "python3"
#endif

namespace app {

namespace {

namespace fs = std::filesystem;

// build/python when this executable sits in build/app and the module was built there; empty otherwise.
std::string BuiltModuleDir() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return {};
  const fs::path dir = exe.parent_path().parent_path() / "python";
  return fs::exists(dir / "ildrive" / "__init__.py") ? dir.string() : std::string();
}

// Runs argv with PYTHONPATH prefixed by `pythonPath` (set in this process before the fork: the CLI runs nothing
// else meanwhile); returns the exit status (127: it did not start, -1: it did not exit normally).
int RunProcess(const std::vector<std::string>& argv, const std::string& pythonPath) {
  if (!pythonPath.empty()) {
    std::string value = pythonPath;
    if (const char* old = std::getenv("PYTHONPATH"); old != nullptr && *old != '\0') value.append(":").append(old);
    setenv("PYTHONPATH", value.c_str(), 1);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return 127;
  if (pid == 0) {
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

Figures RunPythonBench() {
  const char* configured = std::getenv("ILDRIVE_PYTHON");
  const std::string python = configured && *configured ? configured : ILDRIVE_PYTHON_EXECUTABLE;
  const fs::path json = fs::temp_directory_path() / ("ildrive_bench_python_" + std::to_string(getpid()) + ".json");
  const int status = RunProcess({python, "-m", "ildrive.bench", "--quiet", "--json", json.string()}, BuiltModuleDir());
  if (status != 0) {
    std::error_code ignored;
    fs::remove(json, ignored);
    throw core::Error("bench python: '" + python + " -m ildrive.bench' " +
                      (status == 127 ? "could not start (set ILDRIVE_PYTHON to the interpreter)"
                                     : "failed with exit status " + std::to_string(status) +
                                           " (is the ildrive module built? cmake -DILDRIVE_PYTHON=ON)"));
  }
  std::ifstream in(json);
  const nlohmann::ordered_json values = nlohmann::ordered_json::parse(in, nullptr, false);
  in.close();
  std::error_code ignored;
  fs::remove(json, ignored);
  if (!values.is_object()) throw core::Error("bench python: unreadable figures in " + json.string());
  Figures figures;
  for (const auto& [name, value] : values.items())
    if (value.is_number()) figures.Add("python." + name, value.get<double>());
  return figures;
}

}  // namespace app
