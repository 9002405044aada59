// ildrive: with no arguments opens the app; otherwise runs one headless subcommand (docs/design.md, "Command line").
#include "app/cli/commands.h"

int main(int argc, char** argv) { return app::RunCommandLine(argc, argv); }
