#pragma once
// Where the app finds its run-time files (key bindings, colours): the environment variable ILDRIVE_ASSETS_DIR
// when set (an installed or moved tree), else the source tree's assets/ baked in at build time.
#include <string>

namespace app {

// "<assets dir>/<relative>", e.g. AssetPath("app/colors.json").
std::string AssetPath(const std::string& relative);

}  // namespace app
