#include "app/cli/commands.h"

#include <cstdio>
#include <exception>
#include <functional>
#include <vector>

#include "core/error.h"

namespace app {

namespace {

// Every subcommand registers here, in the order `ildrive --help` lists them.
using AddCommandFn = void (*)(CLI::App&);
std::vector<AddCommandFn> CommandTable() {
  return {
      AddRecordCommand,
      AddTrainCommand,
      AddEvalCommand,
      AddDaggerCommand,
      AddLessonCommand,
      AddInfoCommand,
      AddExportCommand,
      AddBenchCommand,
#ifdef ILDRIVE_WITH_GUI
      AddGuiCommand,
#endif
  };
}

}  // namespace

int RunCommandLine(int argc, char** argv) {
  CLI::App cli{"ildrive: a 2D driving simulator with imitation learning built in", "ildrive"};
  cli.require_subcommand(0, 1);
  for (AddCommandFn add : CommandTable()) add(cli);
  try {
    cli.parse(argc, argv);
    if (cli.get_subcommands().empty()) {
#ifdef ILDRIVE_WITH_GUI
      return OpenApp();
#else
      std::fputs(cli.help().c_str(), stdout);
      return 0;
#endif
    }
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return cli.exit(e);  // --help, --version
    std::fprintf(stderr, "ildrive: %s (see `ildrive --help`)\n", e.what());
    return 2;
  } catch (const core::Error& e) {
    std::fprintf(stderr, "ildrive: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ildrive: unexpected error: %s\n", e.what());
    return 2;
  }
  return 0;
}

}  // namespace app
