// The gamepad, end to end (issue 12, item 6): SDL's virtual joystick is a game controller as far as SDL is
// concerned, so the app sees it through the same events and state calls as a real pad (SDL_CONTROLLERDEVICEADDED,
// SDL_GameControllerGetAxis). Offscreen: the stick steers, the triggers drive and brake, unplugging and plugging it
// back mid-episode keeps the episode, and the recorded labels are the analogue values.
#include <SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "app/gui/gui_app.h"

namespace {

// A virtual pad with the standard controller axes (left stick, right stick, triggers) and buttons.
class VirtualPad {
 public:
  VirtualPad() { Attach(); }
  ~VirtualPad() { Detach(); }
  VirtualPad(const VirtualPad&) = delete;
  VirtualPad& operator=(const VirtualPad&) = delete;

  void Attach() {
    SDL_VirtualJoystickDesc desc;
    SDL_zero(desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;
    desc.naxes = SDL_CONTROLLER_AXIS_MAX;
    desc.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    desc.name = "ildrive test pad";
    index_ = SDL_JoystickAttachVirtualEx(&desc);
    REQUIRE_MESSAGE(index_ >= 0, SDL_GetError());
    joystick_ = SDL_JoystickOpen(index_);  // the handle the axes are set through
    REQUIRE_MESSAGE(joystick_ != nullptr, SDL_GetError());
    CHECK(SDL_IsGameController(index_) == SDL_TRUE);
    Set(SDL_CONTROLLER_AXIS_TRIGGERLEFT, 0.f);  // released
    Set(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 0.f);
  }

  void Detach() {
    if (joystick_ == nullptr) return;
    SDL_JoystickClose(joystick_);
    joystick_ = nullptr;
    // The device index of a virtual joystick is its index among all joysticks; it is the last one attached.
    for (int i = SDL_NumJoysticks() - 1; i >= 0; --i)
      if (SDL_JoystickIsVirtual(i)) {
        SDL_JoystickDetachVirtual(i);
        break;
      }
  }

  // Axis values in [-1, 1], triggers in [0, 1] (a trigger's joystick axis spans the whole range: -1 is released,
  // as SDL maps it for game controllers).
  void Set(SDL_GameControllerAxis axis, float value) {
    const bool trigger = axis == SDL_CONTROLLER_AXIS_TRIGGERLEFT || axis == SDL_CONTROLLER_AXIS_TRIGGERRIGHT;
    const float joystick = trigger ? 2.f * std::clamp(value, 0.f, 1.f) - 1.f : std::clamp(value, -1.f, 1.f);
    REQUIRE(SDL_JoystickSetVirtualAxis(joystick_, axis, static_cast<Sint16>(std::lround(joystick * 32767.f))) == 0);
  }

 private:
  int index_ = -1;
  SDL_Joystick* joystick_ = nullptr;
};

// Frames until `control` more control steps have been decided.
void RunSteps(app::GuiApp& gui, int control) {
  const long target = gui.GetSession().Decisions() + control;
  for (int frame = 0; gui.GetSession().Decisions() < target; ++frame) {
    REQUIRE(frame < 100 * control);
    REQUIRE(gui.Frame(nullptr, nullptr));
  }
}

}  // namespace

TEST_CASE("Gamepad: the stick steers, the triggers drive and brake, hot-plug keeps the episode, labels are analogue") {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  // An offscreen window never gets keyboard focus, and SDL drops pad input while the app is in the background
  // (what a real window does when the user looks elsewhere); here the window stands for one in front.
  SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
  app::Settings settings;
  settings.windowWidth = 480;
  settings.windowHeight = 320;
  app::GuiApp gui(app::GuiAppDef{"highway", 12, true}, settings);
  app::Session& session = gui.GetSession();
  app::Intents record;
  record.toggleRecording = true;
  gui.Apply(record);
  REQUIRE(session.Recording());
  const uint64_t seed = session.Env().Seed();

  auto pad = std::make_unique<VirtualPad>();
  RunSteps(gui, 2);  // the app opens the pad from SDL_CONTROLLERDEVICEADDED
  pad->Set(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 0.6f);
  RunSteps(gui, 10);
  const sim::Action throttle = session.Decision().executed;
  // Analogue: part throttle (0.6 beyond the 0.12 dead zone, rescaled: 0.545), not a key's full ramp.
  CHECK(throttle.accel == doctest::Approx(0.545f).epsilon(0.02));
  pad->Set(SDL_CONTROLLER_AXIS_LEFTX, -0.3f);  // stick a little left
  RunSteps(gui, 3);
  const sim::Action steering = session.Decision().executed;
  CHECK(steering.steer == doctest::Approx(0.205f).epsilon(0.03));  // + = left (sim/action.h)
  CHECK(steering.accel == doctest::Approx(0.545f).epsilon(0.02));
  pad->Set(SDL_CONTROLLER_AXIS_LEFTX, 0.3f);  // and back to the lane's heading
  RunSteps(gui, 3);
  pad->Set(SDL_CONTROLLER_AXIS_LEFTX, 0.f);
  pad->Set(SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 0.f);
  RunSteps(gui, 1);

  // Unplugged mid-episode: the same episode goes on, the car coasts back to straight under the (idle) keys.
  pad.reset();
  RunSteps(gui, 10);
  CHECK(session.Env().Seed() == seed);
  CHECK(session.EpisodesFinished() == 0);
  CHECK(std::abs(session.Decision().executed.steer) < 0.05f);
  // Plugged back in: it drives again, here braking with the left trigger.
  pad = std::make_unique<VirtualPad>();
  RunSteps(gui, 2);
  pad->Set(SDL_CONTROLLER_AXIS_TRIGGERLEFT, 0.8f);
  RunSteps(gui, 4);
  CHECK(session.Decision().executed.accel < -0.6f);
  CHECK(session.Env().Seed() == seed);

  // End the episode (Reset drops it, so let it run out with the pad released) and look at what was recorded.
  pad->Set(SDL_CONTROLLER_AXIS_TRIGGERLEFT, 0.f);
  for (long frame = 0; session.EpisodesFinished() < 1; ++frame) {
    REQUIRE(frame < 20000);
    REQUIRE(gui.Frame(nullptr, nullptr));
  }
  REQUIRE(session.Data().episodes.size() == 1);
  const learning::data::Episode& episode = session.Data().episodes[0];
  CHECK(episode.seed == seed);
  CHECK(episode.source == "human");
  CHECK(episode.labelled.empty());
  int analogue = 0;  // labels strictly between the key values -1, 0, 1 and away from the ramps' steps
  for (int t = 0; t < episode.Length(); ++t)
    for (int r = 0; r < 2; ++r) {
      const float v = episode.labels(r, t);
      if (std::abs(v) > 0.05f && std::abs(v) < 0.95f) ++analogue;
    }
  CHECK(analogue >= 20);
  CHECK(episode.labels == episode.actions);
}
