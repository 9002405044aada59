#include "app/gui/display_check.h"

#include <cstdlib>

namespace app {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// How to get a display, shared by every no-display message.
constexpr const char* kHowToGetOne =
    ": run it where a desktop is (or `ssh -X` for X forwarding, or `xvfb-run ildrive`), or draw offscreen with "
    "`SDL_VIDEODRIVER=offscreen ildrive gui --frames N --screenshot out.png`";

}  // namespace

DisplayEnvironment ReadDisplayEnvironment() {
  return {Env("SDL_VIDEODRIVER"), Env("DISPLAY"), Env("WAYLAND_DISPLAY")};
}

bool IsHeadlessVideoDriver(const std::string& driver) {
  return driver == "offscreen" || driver == "dummy" || driver == "evdev";
}

std::string NoDisplayBeforeInit(const DisplayEnvironment& e) {
  if (!e.requestedDriver.empty() || !e.x11Display.empty() || !e.waylandDisplay.empty()) return "";
  return std::string("no display: neither DISPLAY (X11) nor WAYLAND_DISPLAY is set") + kHowToGetOne;
}

std::string NoDisplayAfterInit(const DisplayEnvironment& e, const std::string& currentDriver,
                               const std::string& sdlError) {
  if (currentDriver.empty()) {
    const std::string asked = e.requestedDriver.empty() ? "" : " (SDL_VIDEODRIVER=" + e.requestedDriver + ")";
    return "no display: SDL's video could not start" + asked + ": " + sdlError + kHowToGetOne;
  }
  if (!IsHeadlessVideoDriver(currentDriver) || currentDriver == e.requestedDriver) return "";
  return "no display: SDL fell back to its '" + currentDriver + "' video driver, which shows no window" +
         kHowToGetOne;
}

}  // namespace app
