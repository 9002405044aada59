#pragma once
// The command-line registry: one Add…Command function per subcommand, listed once in commands.cpp.
// A command's callback throws core::Error for user errors; RunCommandLine prints it as one line and exits 2.
#include <CLI/CLI.hpp>

namespace app {

int RunCommandLine(int argc, char** argv);

// Subcommands, each defined in <name>_command.cpp.
void AddInfoCommand(CLI::App& cli);
void AddExportCommand(CLI::App& cli);  // export_command.cpp: robomimic / Minari files
void AddBenchCommand(CLI::App& cli);  // bench_command.cpp: `ildrive bench sim|train|…`
// The window (built only with ILDRIVE_GUI): `ildrive gui`, and `ildrive` with no arguments opens it.
void AddGuiCommand(CLI::App& cli);
int OpenApp();
void AddRecordCommand(CLI::App& cli);
void AddTrainCommand(CLI::App& cli);
void AddEvalCommand(CLI::App& cli);
void AddDaggerCommand(CLI::App& cli);  // dagger_command.cpp
void AddLessonCommand(CLI::App& cli);  // lesson_command.cpp

}  // namespace app
