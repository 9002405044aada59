// Train panel runs: "Train on demos" learns from the human and expert episodes only; "Retrain on all" (DAgger's
// aggregate step) also from the DAgger-labelled ones; both from scratch with the library's default keys when the
// panel was never shown.
#include "app/gui/training_job.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/gui/gui_app.h"
#include "app_test_policy.h"
#include "learning/policies/obs_layout.h"

namespace {

learning::data::Episode Tagged(const std::string& source, int length) {
  learning::data::Episode episode;
  episode.source = source;
  episode.seed = static_cast<uint64_t>(length);
  episode.actions.setZero(2, length);
  return episode;
}

}  // namespace

TEST_CASE("TrainingData: demos leave the DAgger episodes out and keep every split membership - all keeps everything") {
  learning::data::Dataset data;
  for (const char* source : {"expert", "dagger", "human", "dagger", "expert"})
    data.episodes.push_back(Tagged(source, static_cast<int>(data.episodes.size()) + 1));
  data.train = {0, 1, 2, 4};
  data.valid = {3};
  CHECK(app::CountDagger(data) == 2);

  learning::data::Dataset demos = app::TrainingData(data, app::TrainScope::kDemos);
  REQUIRE(demos.episodes.size() == 3);
  CHECK(demos.episodes[0].seed == 1);
  CHECK(demos.episodes[1].seed == 3);
  CHECK(demos.episodes[2].seed == 5);
  CHECK(demos.train == std::vector<int>{0, 1, 2});
  CHECK(demos.valid.empty());
  CHECK(app::CountDagger(demos) == 0);

  learning::data::Dataset all = app::TrainingData(data, app::TrainScope::kAll);
  CHECK(all.episodes.size() == 5);
  CHECK(all.train == data.train);
  CHECK(all.valid == data.valid);
}

TEST_CASE("Retrain on all trains on the DAgger episodes too - Train on demos does not - default keys are the library's") {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  app::Settings settings;
  settings.windowWidth = 320;
  settings.windowHeight = 240;
  app::GuiApp gui(app::GuiAppDef{"lane_choice", 50, true}, settings);
  app::Session& session = gui.GetSession();
  auto policy = app_test::TrainSmallPolicy(session, 2, 100);  // leaves 2 noisy-expert episodes in the dataset
  session.SetPolicy(policy, "test");
  session.SetDriving(app::DriverKind::kPolicy);
  session.SetRecording(true);
  for (long tick = 0; session.Data().episodes.size() < 3; ++tick) {
    REQUIRE(tick < 100000);
    session.Tick();  // one DAgger episode: the policy drives, the expert labels
  }
  session.SetRecording(false);
  session.SetDriving(app::DriverKind::kExpert);
  REQUIRE(app::CountDagger(session.Data()) == 1);

  auto train = [&gui](app::TrainScope scope) {
    app::Intents intents;
    intents.startTraining = scope;
    gui.Apply(intents);
    REQUIRE(gui.ErrorMessage().empty());
    app::TrainingStatus started = gui.Training();
    for (long frame = 0; gui.Training().running; ++frame) {
      REQUIRE(frame < 200000);
      REQUIRE(gui.Frame(nullptr, nullptr));
      std::this_thread::sleep_for(std::chrono::milliseconds(2));  // as the real loop waits between frames
    }
    REQUIRE(gui.Frame(nullptr, nullptr));  // the finished policy is swapped in
    return started;
  };
  app::TrainingStatus all = train(app::TrainScope::kAll);
  CHECK(all.episodes == 3);
  CHECK(all.daggerEpisodes == 1);
  REQUIRE(session.HasPolicy());
  CHECK(session.GetPolicyDriver()->GetPolicy().Config().obsKeys ==
        learning::policies::DefaultObsKeys(learning::imitation::ObsDimsOf(session.Env())));

  app::TrainingStatus demos = train(app::TrainScope::kDemos);
  CHECK(demos.episodes == 2);
  CHECK(demos.daggerEpisodes == 0);
  CHECK(gui.Training().message.find("steps") != std::string::npos);
}
