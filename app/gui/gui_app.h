#pragma once
// The window: SDL2 + SDL_Renderer + Dear ImGui around a Session. The constructor initialises everything (and
// throws core::Error when the window cannot open), the destructor tears it down in reverse, and Frame() is one
// pass of the loop in the Box2D-samples order: poll → input → step at the fixed rate → draw the world → UI →
// apply intents → present.
#include <SDL.h>

#include <memory>
#include <string>

#include "app/render/camera.h"
#include "app/gui/belief_panel.h"
#include "app/gui/dashboard_panel.h"
#include "app/gui/data_panel.h"
#include "app/gui/fan_job.h"
#include "app/gui/frame_stats.h"
#include "app/gui/intents.h"
#include "app/gui/input_script.h"
#include "app/gui/key_bindings.h"
#include "app/gui/lesson_job.h"
#include "app/gui/lessons_panel.h"
#include "app/gui/look_ahead.h"
#include "app/gui/notices.h"
#include "app/render/overlays.h"
#include "app/render/palette.h"
#include "app/gui/replay_panel.h"
#include "app/gui/replay_relabel.h"
#include "app/gui/replayer.h"
#include "app/render/image.h"
#include "app/gui/session.h"
#include "app/gui/settings.h"
#include "app/gui/train_panel.h"
#include "app/gui/training_job.h"
#include "app/gui/sim_clock.h"
#include "app/gui/watch_run.h"
#include "app/render/world_renderer.h"

namespace app {

struct GuiAppDef {
  std::string scenario = "highway";
  uint64_t seed = 1;
  // Scripted runs: every frame counts as exactly 1/60 s (reproducible), no frame-rate cap, ImGui's clock fixed.
  bool fixedTimestep = false;
};

class GuiApp {
 public:
  // `settings` outlives the app; it is updated (window size, layout, panels) as the user changes things.
  GuiApp(const GuiAppDef& def, Settings& settings);
  ~GuiApp();
  GuiApp(const GuiApp&) = delete;
  GuiApp& operator=(const GuiApp&) = delete;

  // One frame. `scripted` (nullable) replaces the keyboard for the car; `capture` (nullable) receives the frame's
  // pixels before presenting; `mouse` (nullable, or not present) is a scripted pointer, turned into the events the
  // real mouse sends (camera drag and wheel, panel clicks). Returns false once the user has quit.
  bool Frame(const KeySet* scripted, Image* capture, const MouseFrame* mouse = nullptr);
  // Applies intents as if a panel had asked this frame (tests and automation); errors go to the error dialog.
  void Apply(const Intents& intents) { ApplyIntents(intents); }

  Session& GetSession() { return session_; }
  const FrameStats& Stats() const { return stats_; }
  const Camera& GetCamera() const { return camera_; }
  // The panels drawn last frame (menu bar included; transient overlays and the help list left out) and the part
  // of the window they leave free, where the camera frames the road ahead.
  const std::vector<ScreenRect>& PanelRects() const { return panelRects_; }
  const ScreenRect& FreeViewRect() const { return freeView_; }
  const WatchTally& Watch() const { return watch_.Tally(); }
  TrainingStatus Training() const { return training_.Status(); }
  LessonStatus Lesson() const { return lessons_.Status(); }
  int LessonRowsShown() const { return lessonRowsShown_; }  // result rows the Lessons panel drew last frame
  bool Paused() const { return clock_.Paused(); }
  const SimClock& Clock() const { return clock_; }
  const DataPanelState& DataPanel() const { return dataPanel_; }
  double AchievedSpeed() const { return achievedSpeed_; }
  const std::string& ErrorMessage() const { return errorMessage_; }
  const Notices& GetNotices() const { return notices_; }
  // Stores the panel layout and window size into the settings.
  void StoreSettings();

 private:
  void PollEvents();
  // The mouse, from SDL events or a script: the world view pans on a drag and zooms on the wheel unless ImGui
  // wants the mouse.
  void OnMouseButton(bool down);
  void OnMouseMotion(float dx, float dy);
  void OnMouseWheel(float notches, Vec2 pointer);
  void FeedScriptedMouse(const MouseFrame& mouse);
  KeySet KeyboardKeys() const;
  sim::HumanInput ReadHumanInput(const CommandState& commands) const;
  void CommandsToIntents(const CommandState& commands, Intents& intents);
  void StepSimulation(double realSeconds, const CommandState& commands);
  void TickSession();  // one tick; counts a finished episode into a running watch
  void PauseWhileHelpOpen();  // the simulation pauses while the F1 list is open
  // The replay moves one step forward; with relabelling on, a step the person acted on gets the keys' label.
  void ReplayForward();
  // Wall time [s] this frame's simulation may take when not paced (as fast as possible).
  double SimBudget() const;
  void StartTraining(TrainScope scope);
  void StartLesson(const LessonRequest& request);
  // The policy drives `episodes` episodes in a row from fresh seeds (throws core::Error when none is loaded).
  void StartWatch(int episodes);
  // Loads a policy of the lesson result in its lesson's scenario (and assist) and starts a watch run.
  void WatchLessonPolicy(const LessonPolicyRequest& request);
  void DrawMenuBar(Intents& intents);
  // The right end of the menu bar, visible whatever panels are open: recording, training progress.
  void DrawStatusInMenuBar();
  // After a scenario switch: what happened to recording (it stops when the open dataset belongs elsewhere).
  void NoteRecordingAfterSwitch(bool wasRecording);
  // A finished (or failed, or cancelled) training run: swap the policy in and say so.
  void TakeTrainingEnd();
  void UpdatePathOverlay(const sim::SceneView& view);
  void DrawUi(Intents& intents);
  void CollectPanelRects();  // after the panels are drawn: PanelRects and FreeViewRect for the next frame
  void FrameCamera(const sim::SceneView& view, double realSeconds);
  void DrawDashboard(const sim::SceneView& view, Intents& intents);
  void DrawTrain(Intents& intents);
  void DrawQuitDialog(Intents& intents);
  void DrawErrorDialog();
  void ApplyIntents(const Intents& intents);
  // ApplyIntents' areas, in its order.
  void ApplyClockIntents(const Intents& intents);
  void ApplyScenarioIntents(const Intents& intents);
  void ApplyReplayIntents(const Intents& intents);
  void ApplyDataIntents(const Intents& intents);  // who drives and records, the dataset, the policy file
  void ApplyJobIntents(const Intents& intents);   // training, watch, lessons
  void ReportError(const std::string& message) { errorMessage_ = message; }

  GuiAppDef def_;
  Settings& settings_;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  SDL_GameController* pad_ = nullptr;
  bool imguiReady_ = false;

  Session session_;
  Palette palette_;
  Camera camera_;
  LookAhead lookAhead_;
  std::vector<ScreenRect> panelRects_;
  ScreenRect freeView_{0.f, 0.f, 1280.f, 720.f};
  WorldRenderer world_;
  SimClock clock_;
  Overlays overlays_;
  FrameStats stats_;
  Notices notices_;

  KeySet previousKeys_;
  KeySet pressedThisFrame_;  // keys pressed and released within one frame still count once
  bool dragging_ = false;
  bool quitRequested_ = false;  // the window's close button
  bool quit_ = false;
  bool showQuitDialog_ = false;
  bool stepRequested_ = false;
  bool helpPaused_ = false;  // the open help list paused the simulation (closing it resumes)
  std::string errorMessage_;
  uint64_t lastCounter_ = 0;
  long frameCount_ = 0;
  double fps_ = 0.0;
  Vec2 egoOnScreen_;  // [px] where the ego was drawn this frame (notices appear above it)
  double drawSeconds_ = 0.0;    // [s] the last frame's work besides the simulation
  double simSeconds_ = 0.0;     // [s] this frame's simulation work
  int ticksThisFrame_ = 0;
  double achievedSpeed_ = 0.0;  // sim seconds per real second, smoothed
  MouseFrame scriptedMouse_;  // the previous frame's scripted mouse
  DashboardState dashboardPanel_;
  WatchRun watch_;
  DataPanelState dataPanel_;
  std::string shownDataPath_;    // the session's data file the panel's path field last showed
  std::string shownPolicyPath_;  // the session's policy file the panel's policy field last showed
  TrainPanelState trainPanel_;
  TrainingJob training_;  // declared late: destroyed (cancelled and joined) first
  Replayer replayer_;
  PathOverlay paths_;
  // The state the latest fan was asked for.
  struct FanKey {
    const learning::policies::Policy* policy = nullptr;
    uint64_t seed = 0;
    long step = -1;
    bool operator==(const FanKey&) const = default;
  };
  FanKey fanKey_;
  ReplayPanelState replayPanel_;
  LessonsPanelState lessonsPanel_;
  BeliefPanel beliefPanel_;
  LessonFiguresWindow lessonFigures_;
  std::shared_ptr<const LessonFigureImages> lessonFiguresSeen_;
  bool showLessonFigures_ = true;  // a run's figures open it; its close box hides it until the next run
  int lessonRowsShown_ = 0;
  LessonJob lessons_;  // destroyed (cancelled and joined) before the members above
  FanJob fans_;        // declared last: stopped and joined first
  bool replayPlaying_ = false;
  long replayFrames_ = 0;
  double replaySpeed_ = 1.0;        // of the control rate
  bool replayRelabelling_ = false;  // held keys overwrite the labels of the steps passed
  ReplayRelabel relabel_;
};

}  // namespace app
