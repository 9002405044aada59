#pragma once
// Settings for a test window on SDL's offscreen video driver (no X server needed).
#include <cstdlib>

#include "app/gui/settings.h"

namespace app_test {

inline app::Settings OffscreenWindow(int width, int height) {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;
  settings.windowWidth = width;
  settings.windowHeight = height;
  return settings;
}

}  // namespace app_test
