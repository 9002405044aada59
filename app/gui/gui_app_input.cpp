// GuiApp's input half: SDL events (keys, mouse, game controller), scripted mouse frames, the keys the car may
// read, and the key commands turned into intents. The window's set-up and frame loop are in gui_app.cpp, the
// panels in gui_app_ui.cpp, applying intents in gui_app_intents.cpp.
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <cmath>

#include "app/gui/gui_app.h"

namespace app {

namespace {

constexpr float kPadDeadZone = 0.12f;  // of full stick travel

// An axis in [-1, 1] (triggers [0, 1]) with the dead zone cut out and the rest rescaled, so the value rises from 0
// just outside the dead zone (no jump to 0.12) and reaches ±1 at full travel (SDL's -32768 included).
float PadAxis(SDL_GameController* pad, SDL_GameControllerAxis axis) {
  const float raw = std::clamp(static_cast<float>(SDL_GameControllerGetAxis(pad, axis)) / 32767.f, -1.f, 1.f);
  const float beyond = std::abs(raw) - kPadDeadZone;
  return beyond <= 0.f ? 0.f : std::copysign(beyond / (1.f - kPadDeadZone), raw);
}

// The first game controller SDL knows of, opened; null when there is none.
SDL_GameController* OpenFirstPad() {
  for (int i = 0; i < SDL_NumJoysticks(); ++i)
    if (SDL_IsGameController(i) == SDL_TRUE)
      if (SDL_GameController* pad = SDL_GameControllerOpen(i)) return pad;
  return nullptr;
}

}  // namespace

void GuiApp::PollEvents() {
  ImGuiIO& io = ImGui::GetIO();
  pressedThisFrame_.clear();
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    switch (event.type) {
      case SDL_QUIT: quitRequested_ = true; break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window_))
          quitRequested_ = true;
        break;
      case SDL_KEYDOWN:
        if (!io.WantCaptureKeyboard && event.key.repeat == 0) pressedThisFrame_.push_back(event.key.keysym.scancode);
        break;
      case SDL_MOUSEWHEEL: {
        int x = 0, y = 0;
        SDL_GetMouseState(&x, &y);
        OnMouseWheel(static_cast<float>(event.wheel.y), {static_cast<float>(x), static_cast<float>(y)});
        break;
      }
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
        if (event.button.button == SDL_BUTTON_LEFT) OnMouseButton(event.type == SDL_MOUSEBUTTONDOWN);
        break;
      case SDL_MOUSEMOTION:
        OnMouseMotion(static_cast<float>(event.motion.xrel), static_cast<float>(event.motion.yrel));
        break;
      case SDL_CONTROLLERDEVICEADDED:
        if (pad_ == nullptr) pad_ = SDL_GameControllerOpen(event.cdevice.which);
        break;
      case SDL_CONTROLLERDEVICEREMOVED:
        // Unplugging only changes who drives (the keys, or another pad): the episode goes on.
        if (pad_ != nullptr &&
            event.cdevice.which == SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad_))) {
          SDL_GameControllerClose(pad_);
          pad_ = OpenFirstPad();
        }
        break;
      default: break;
    }
  }
}

void GuiApp::OnMouseButton(bool down) {
  // A press on a panel belongs to ImGui; a release always ends a drag.
  dragging_ = down && !ImGui::GetIO().WantCaptureMouse;
}

void GuiApp::OnMouseMotion(float dx, float dy) {
  if (dragging_) camera_.Pan(dx, dy);
}

void GuiApp::OnMouseWheel(float notches, Vec2 pointer) {
  if (!ImGui::GetIO().WantCaptureMouse) camera_.ZoomAt(std::pow(1.15f, notches), pointer);
}

void GuiApp::FeedScriptedMouse(const MouseFrame& mouse) {
  // The events SDL would have sent for this change of state, in its order: motion, buttons, wheel.
  if (scriptedMouse_.present && (mouse.x != scriptedMouse_.x || mouse.y != scriptedMouse_.y))
    OnMouseMotion(mouse.x - scriptedMouse_.x, mouse.y - scriptedMouse_.y);
  if (mouse.left != scriptedMouse_.left) OnMouseButton(mouse.left);
  if (mouse.wheel != 0) OnMouseWheel(static_cast<float>(mouse.wheel), {mouse.x, mouse.y});
  scriptedMouse_ = mouse;
}

KeySet GuiApp::KeyboardKeys() const {
  // Keys reach the car only when ImGui does not want the keyboard (a text field has focus).
  if (ImGui::GetIO().WantCaptureKeyboard) return {};
  int count = 0;
  const Uint8* state = SDL_GetKeyboardState(&count);
  KeySet keys = pressedThisFrame_;
  for (int code = 0; code < count; ++code)
    if (state[code] != 0 && std::find(keys.begin(), keys.end(), code) == keys.end()) keys.push_back(code);
  return keys;
}

sim::HumanInput GuiApp::ReadHumanInput(const CommandState& c) const {
  sim::HumanInput input;
  input.left = c.Held(Command::kSteerLeft);
  input.right = c.Held(Command::kSteerRight);
  input.throttle = c.Held(Command::kThrottle);
  input.brake = c.Held(Command::kBrake);
  input.fullBrake = c.Held(Command::kFullBrake);
  if (pad_ != nullptr) {
    const float steer = -PadAxis(pad_, SDL_CONTROLLER_AXIS_LEFTX);  // stick right = steer right = negative
    const float accel =
        PadAxis(pad_, SDL_CONTROLLER_AXIS_TRIGGERRIGHT) - PadAxis(pad_, SDL_CONTROLLER_AXIS_TRIGGERLEFT);
    // The pad drives while it is touched; otherwise the keys do.
    if (steer != 0.f || accel != 0.f) input.analog = sim::Action{steer, accel};
  }
  return input;
}

void GuiApp::CommandsToIntents(const CommandState& c, Intents& intents) {
  // While a replay is shown, pause and step work the replay (stepping forward while holding keys relabels).
  if (c.Pressed(Command::kPause)) (replayer_.IsOpen() ? intents.replayTogglePlay : intents.togglePause) = true;
  if (c.Pressed(Command::kStep)) {
    if (replayer_.IsOpen())
      intents.replaySeek = replayer_.Step() + 1;
    else
      intents.step = true;
  }
  if (c.Pressed(Command::kSlowMotion)) intents.cycleSlowMotion = true;
  if (c.Pressed(Command::kFastForward)) intents.cycleFastForward = true;
  if (c.Pressed(Command::kReset)) intents.reset = true;
  if (c.Pressed(Command::kRecord)) intents.toggleRecording = true;
  if (c.Pressed(Command::kDiscardLast)) intents.discardLastEpisode = true;
  if (c.Pressed(Command::kCorrections)) intents.toggleCorrections = true;
  if (c.Pressed(Command::kTrain)) intents.startTraining = TrainScope::kAll;  // the DAgger loop: correct, retrain
  if (c.Pressed(Command::kDriverHuman)) intents.driver = DriverKind::kHuman;
  if (c.Pressed(Command::kDriverExpert)) intents.driver = DriverKind::kExpert;
  if (c.Pressed(Command::kDriverPolicy)) intents.driver = DriverKind::kPolicy;
  if (c.Pressed(Command::kLidar)) overlays_.lidar = !overlays_.lidar;
  if (c.Pressed(Command::kNearest)) overlays_.nearest = !overlays_.nearest;
  if (c.Pressed(Command::kCentreLines)) overlays_.centreLines = !overlays_.centreLines;
  if (c.Pressed(Command::kRecentre)) camera_.Recentre();
  if (c.Pressed(Command::kHelp)) settings_.showHelp = !settings_.showHelp;
  Vec2 middle{camera_.Width() * 0.5f, camera_.Height() * 0.5f};
  if (c.Held(Command::kZoomIn)) camera_.ZoomAt(1.03f, middle);
  if (c.Held(Command::kZoomOut)) camera_.ZoomAt(1.f / 1.03f, middle);
}

}  // namespace app
