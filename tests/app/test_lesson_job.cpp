// The Lessons panel: a lesson from the registry runs on a worker thread while the window keeps drawing, then its
// table is shown; Cancel asks and returns at once.
#include "app/gui/lesson_job.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/gui/gui_app.h"
#include "core/error.h"

namespace {

app::LessonRequest SmallLesson() {
  app::LessonRequest request;
  request.name = "goal_conditioned";
  request.quick = true;
  request.seeds = 1;
  request.evalEpisodes = 4;
  request.threads = 1;
  return request;
}

}  // namespace

TEST_CASE("A lesson run from the Lessons panel keeps the window drawing, finishes, and the panel shows its rows") {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;
  settings.windowWidth = 800;
  settings.windowHeight = 600;
  settings.showLessons = true;
  app::GuiApp gui(app::GuiAppDef{"highway", 1, true}, settings);
  REQUIRE(gui.Frame(nullptr, nullptr));
  CHECK(gui.LessonRowsShown() == 0);

  app::Intents run;
  run.startLesson = SmallLesson();
  gui.Apply(run);
  CHECK(gui.ErrorMessage().empty());
  long framesWhileRunning = 0;
  for (long frame = 0; gui.Lesson().running; ++frame) {
    REQUIRE(frame < 200000);
    REQUIRE(gui.Frame(nullptr, nullptr));  // returns while the lesson runs: the loop is never blocked
    ++framesWhileRunning;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // as the real loop waits between frames
  }
  CHECK(framesWhileRunning > 1);
  app::LessonStatus status = gui.Lesson();
  REQUIRE(status.result != nullptr);
  CHECK(status.lesson == "goal_conditioned");
  CHECK(status.done == status.total);
  REQUIRE_FALSE(status.result->tables.empty());
  size_t rows = 0;
  for (const auto& table : status.result->tables) rows += table.rows.size();
  CHECK(rows >= 2);
  REQUIRE(gui.Frame(nullptr, nullptr));
  CHECK(gui.LessonRowsShown() == static_cast<int>(rows));  // every row is drawn in the window

  // Watch on a row: the policy the lesson trained for it drives in the lesson's scenario, in a watch run.
  const std::string mainTable = status.result->tables.front().title;  // named by its training budget
  const learning::imitation::LessonPolicy* kept = status.result->FindPolicy(mainTable, "bc with goal key");
  REQUIRE(kept != nullptr);
  app::Intents watch;
  watch.watchLessonPolicy = app::LessonPolicyRequest{mainTable, "bc with goal key"};
  gui.Apply(watch);
  CHECK(gui.ErrorMessage().empty());
  app::Session& session = gui.GetSession();
  CHECK(session.Env().ScenarioName() == "goal_arena");
  CHECK(session.Env().GetScenario().DefJson() == kept->scenarioJson);
  CHECK(session.PolicyName() == "goal_conditioned: bc with goal key");
  CHECK(&session.GetPolicyDriver()->GetPolicy() == kept->policy.get());
  CHECK_FALSE(session.LaneKeeping());
  CHECK(session.Driving() == app::DriverKind::kPolicy);
  CHECK(gui.Watch().running);
  for (int frame = 0; frame < 30; ++frame) REQUIRE(gui.Frame(nullptr, nullptr));
  CHECK(session.PolicyAction().has_value());  // the policy is driving
  watch.watchLessonPolicy->method = "no such row";
  gui.Apply(watch);
  CHECK(gui.ErrorMessage().find("no such row") != std::string::npos);
  CHECK(&session.GetPolicyDriver()->GetPolicy() == kept->policy.get());  // what was loaded stays

  // An unknown lesson is a message, not a crash.
  run.startLesson->name = "no_such_lesson";
  gui.Apply(run);
  CHECK(gui.ErrorMessage().find("no_such_lesson") != std::string::npos);
}

TEST_CASE("Cancelling a lesson returns at once and the lesson stops at its next stage") {
  app::LessonJob job;
  app::LessonRequest request = SmallLesson();
  learning::imitation::LessonOptions options;
  options.quick = true;
  options.seeds = 1;
  options.evalEpisodes = 4;
  options.threads = 1;
  job.Start(request.name, options);
  CHECK(job.Status().running);
  CHECK_THROWS_AS(job.Start(request.name, options), core::Error);  // one at a time
  job.Cancel();
  CHECK(job.Status().cancelling);
  for (int i = 0; i < 60000 && job.Status().running; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  app::LessonStatus status = job.Status();
  REQUIRE_FALSE(status.running);
  CHECK(status.result == nullptr);
  CHECK(status.message.find("cancel") != std::string::npos);
}
