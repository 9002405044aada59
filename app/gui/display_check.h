#pragma once
// Whether the window can be shown. With no X or Wayland display (e.g. over SSH) SDL either fails to start or
// falls back to a driver that draws nowhere, and the app would run with no window and no word; this names the
// problem in one line and how to get a display. An explicitly requested headless driver (SDL_VIDEODRIVER=offscreen
// or dummy: tests, screenshots, soaks) is what the user asked for and passes.
#include <string>

namespace app {

struct DisplayEnvironment {
  std::string requestedDriver;  // $SDL_VIDEODRIVER ("" when unset)
  std::string x11Display;       // $DISPLAY
  std::string waylandDisplay;   // $WAYLAND_DISPLAY
};

DisplayEnvironment ReadDisplayEnvironment();

// True for SDL's video drivers that show nothing on a screen.
bool IsHeadlessVideoDriver(const std::string& driver);

// Before SDL starts: "" when a display may be there or a driver was requested, else the one-line message.
std::string NoDisplayBeforeInit(const DisplayEnvironment& environment);

// After SDL started (`currentDriver`: SDL_GetCurrentVideoDriver(), "" when SDL failed to start, then
// `sdlError` says why): "" when the window will be seen or a headless driver was requested, else the message.
std::string NoDisplayAfterInit(const DisplayEnvironment& environment, const std::string& currentDriver,
                               const std::string& sdlError);

}  // namespace app
