#pragma once
// `ildrive bench TARGET [--json F]`: one function per target, each returning its named figures; the table of
// targets is in bench_command.cpp. A target lives in bench_<target>_command.cpp.
#include "app/cli/figures.h"

namespace app {

Figures RunSimBench();    // bench_sim_command.cpp
Figures RunTrainBench();  // bench_train_command.cpp
Figures RunInferBench();  // bench_infer_command.cpp
Figures RunPythonBench();  // bench_python_command.cpp
Figures RunDataBench();    // bench_data_command.cpp

}  // namespace app
