#include "app/gui/session.h"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include <chrono>
#include <thread>

#include "app/gui/training_job.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy_registry.h"

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/imitation/rollout.h"
#include "sim/scenario_registry.h"

namespace fs = std::filesystem;

namespace {

void RunUntilEpisodes(app::Session& session, long episodes) {
  for (long tick = 0; session.EpisodesFinished() < episodes; ++tick) {
    REQUIRE(tick < 200000);
    session.Tick();
  }
}

// Ticks until one more episode has finished; returns whether a Tick threw core::Error on the way.
bool FinishOneEpisode(app::Session& session) {
  const long target = session.EpisodesFinished() + 1;
  bool threw = false;
  for (long tick = 0; session.EpisodesFinished() < target; ++tick) {
    REQUIRE(tick < 200000);
    try {
      session.Tick();
    } catch (const core::Error&) {
      threw = true;
    }
  }
  return threw;
}

}  // namespace

TEST_CASE("Recording the expert in the window's session stores a finished episode with its labels") {
  app::Session session(app::SessionDef{"highway", 7});
  session.SetDriving(app::DriverKind::kExpert);
  session.SetRecording(true);
  RunUntilEpisodes(session, 1);
  const auto& data = session.Data();
  REQUIRE(data.episodes.size() == 1);
  const auto& episode = data.episodes[0];
  CHECK(episode.source == "expert");
  CHECK(episode.seed == 8);  // recording started a fresh episode after seed 7
  CHECK(episode.scenario == "highway");
  CHECK(episode.Length() > 10);
  CHECK(episode.actions == episode.labels);
  CHECK(episode.dones.back() == 1);
  CHECK(data.envArgs.scenario == "highway");
  CHECK(data.envArgs.obsLayout.size() == episode.obs.size());
  // Its ending (next_obs of the last step) is what the batch recorder stores for the same seed.
  REQUIRE(episode.ending.has_value());
  sim::Env env(sim::MakeScenario("highway"));
  sim::ExpertDriver expert;
  learning::data::Episode batch;
  learning::imitation::RunEpisode(env, expert, 8, {}, &batch);
  REQUIRE(batch.ending.has_value());
  CHECK(batch.Length() == episode.Length());
  CHECK(batch.ending->terminated == episode.ending->terminated);
  for (const auto& [key, values] : batch.ending->obs) CHECK(episode.ending->obs.at(key) == values);
  data.Validate("session");
  CHECK(session.Unsaved());
  // The next episode started with the next seed.
  CHECK(session.Env().Seed() == 9);
}

TEST_CASE("The person's ramped keys are what the car executes and what is recorded") {
  app::Session session(app::SessionDef{"highway", 3});
  session.SetRecording(true);
  sim::HumanInput input;
  input.throttle = true;
  input.left = true;
  session.Human().SetInput(input);
  for (int step = 0; step < 4; ++step) session.StepControl();
  input.left = false;
  input.right = true;
  session.Human().SetInput(input);
  for (int step = 0; step < 8; ++step) session.StepControl();
  session.Human().SetInput({});
  RunUntilEpisodes(session, 1);
  REQUIRE(session.Data().episodes.size() == 1);
  const auto& episode = session.Data().episodes[0];
  REQUIRE(episode.Length() > 12);
  CHECK(episode.source == "human");
  // Rebuild the expected ramp from the same inputs.
  sim::HumanDriverDef def;
  float dt = static_cast<float>(session.Env().ControlDt());
  sim::Action expected;
  for (int t = 0; t < episode.Length(); ++t) {
    sim::HumanInput at;
    at.throttle = t < 12;
    at.left = t < 4;
    at.right = t >= 4 && t < 12;
    expected = sim::RampAction(expected, at, sim::ActionMode::kDirect, dt, def);
    REQUIRE(episode.actions(0, t) == doctest::Approx(expected.steer));
    REQUIRE(episode.actions(1, t) == doctest::Approx(expected.accel));
  }
  CHECK(episode.actions(0, 3) > 0.4f);    // steered left
  CHECK(episode.actions(0, 11) < -0.4f);  // then right
  CHECK(episode.actions == episode.labels);
}

TEST_CASE("Data: when another window appended to the file first, our episode stays here and theirs stays on file") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_two_writers";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "demos.h5").string();
  app::Session mine(app::SessionDef{"highway", 11});
  mine.AddExpertEpisodes(1, false);
  mine.SaveData(path);
  app::Session theirs(app::SessionDef{"highway", 31});
  theirs.LoadData(path);
  theirs.AddExpertEpisodes(1, false);  // appended to the file as it finished
  REQUIRE(learning::data::LoadDataset(path).episodes.size() == 2);

  bool refused = false;
  try {
    mine.AddExpertEpisodes(1, false);
  } catch (const core::Error& e) {
    refused = std::string(e.what()).find("another writer") != std::string::npos;
  }
  CHECK(refused);
  CHECK(mine.Data().episodes.size() == 2);  // kept here
  CHECK(mine.Unsaved());
  CHECK(mine.DataPath().empty());  // no longer tied to the file
  mine.AddExpertEpisodes(1, false);  // a later episode does not rewrite the file over theirs
  const learning::data::Dataset onFile = learning::data::LoadDataset(path);
  REQUIRE(onFile.episodes.size() == 2);
  CHECK(onFile.episodes[1].seed == theirs.Data().episodes[1].seed);
  const std::string elsewhere = (dir / "mine.h5").string();
  mine.SaveData(elsewhere);
  CHECK(learning::data::LoadDataset(elsewhere).episodes.size() == 3);
}

TEST_CASE("Data: noisy expert episodes, discard, delete, save, load, and a corrupt file keeps what is loaded") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_data";
  fs::remove_all(dir);
  fs::create_directories(dir);
  app::Session session(app::SessionDef{"highway", 11});
  session.AddExpertEpisodes(2, false);
  session.AddExpertEpisodes(1, true);
  REQUIRE(session.Data().episodes.size() == 3);
  CHECK(session.Data().episodes[0].actions == session.Data().episodes[0].labels);
  CHECK(session.Data().episodes[2].actions != session.Data().episodes[2].labels);  // noise executed, clean labels
  CHECK(session.Data().episodes[0].seed != session.Data().episodes[1].seed);

  std::string path = (dir / "demos.h5").string();
  session.SaveData(path);
  CHECK_FALSE(session.Unsaved());
  session.DiscardLastEpisode();
  CHECK(session.Data().episodes.size() == 2);
  session.DeleteEpisode(0);
  REQUIRE(session.Data().episodes.size() == 1);
  session.Data().Validate("after delete");

  // Episodes recorded after a save are appended to that file as they finish.
  session.SetDriving(app::DriverKind::kExpert);
  session.SetRecording(true);
  RunUntilEpisodes(session, 1);
  CHECK_FALSE(session.Unsaved());
  app::Session other(app::SessionDef{"highway", 1});
  other.LoadData(path);
  CHECK(other.Data().episodes.size() == 2);

  std::string corrupt = (dir / "corrupt.h5").string();
  core::WriteFileAtomically(corrupt, "this is not an HDF5 file");
  CHECK_THROWS_AS(other.LoadData(corrupt), core::Error);
  CHECK(other.Data().episodes.size() == 2);
  CHECK(other.DataPath() == path);
  fs::remove_all(dir);
}

TEST_CASE("Driving a policy without one loaded is refused with a message") {
  app::Session session(app::SessionDef{"highway", 1});
  CHECK_THROWS_WITH_AS(session.SetDriving(app::DriverKind::kPolicy), doctest::Contains("no policy"), core::Error);
  CHECK(session.Driving() == app::DriverKind::kHuman);
}

TEST_CASE("DAgger in the window: the policy drives, corrections are labels, takeover hands over the wheel") {
  app::Session session(app::SessionDef{"highway", 31});
  session.AddExpertEpisodes(2, false);
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  auto policy = std::make_shared<learning::policies::Policy>(config, learning::imitation::ObsDimsOf(session.Env()));
  learning::imitation::TrainOptions options;
  options.steps = 300;
  options.batchSize = 128;
  options.seed = 1;
  learning::imitation::TrainBehaviourCloning(*policy, session.Data(), options);
  session.ClearData();
  session.SetPolicy(policy, "test");
  session.SetDriving(app::DriverKind::kPolicy);
  session.SetRecording(true);

  sim::HumanInput left;
  left.left = true;
  session.SetCorrections(true);
  session.Human().SetInput(left);
  for (int t = 0; t < 8; ++t) session.StepControl();  // corrected: the keys say "left"
  session.SetCorrections(false);
  session.Human().SetInput({});
  for (int t = 0; t < 8; ++t) session.StepControl();  // the expert labels
  session.SetTakeover(true);
  for (int t = 0; t < 4; ++t) session.StepControl();  // the person drives
  session.SetTakeover(false);
  RunUntilEpisodes(session, 1);

  REQUIRE(session.Data().episodes.size() == 1);
  const auto& episode = session.Data().episodes[0];
  REQUIRE(episode.Length() > 20);
  CHECK(episode.source == "dagger");
  const float dt = static_cast<float>(session.Env().ControlDt());
  sim::Action human;
  int differing = 0;
  for (int t = 0; t < 20; ++t) {
    human = sim::RampAction(human, t < 8 ? left : sim::HumanInput{}, sim::ActionMode::kDirect, dt, {});
    if (t < 8) {
      CHECK(episode.labels(0, t) == doctest::Approx(human.steer));  // the correction is the label
      if (std::abs(episode.actions(0, t) - episode.labels(0, t)) > 0.05f) ++differing;
    } else if (t >= 16) {
      CHECK(episode.actions(0, t) == doctest::Approx(human.steer));  // takeover: executed = keys = label
      CHECK(episode.labels(0, t) == doctest::Approx(human.steer));
    }
  }
  CHECK(differing >= 6);  // the policy kept its own steering where the script corrected
}

TEST_CASE("Background training: a policy trains on a worker thread and is handed over - cancel stops it") {
  app::Session session(app::SessionDef{"highway", 41});
  session.AddExpertEpisodes(2, false);
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  learning::imitation::TrainOptions options;
  options.epochs = 2;
  options.progressInterval = 5;
  app::TrainingJob job;
  job.Start(config, learning::imitation::ObsDimsOf(session.Env()), session.Data(), options);
  for (int i = 0; i < 6000 && job.Status().running; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  app::TrainingStatus status = job.Status();
  REQUIRE_FALSE(status.running);
  CHECK_FALSE(status.trainLoss.empty());
  std::shared_ptr<const learning::policies::Policy> policy = job.TakeResult();
  REQUIRE(policy != nullptr);
  session.SetPolicy(policy, "test");
  CHECK(session.HasPolicy());

  options.epochs = 100000;
  job.Start(config, learning::imitation::ObsDimsOf(session.Env()), session.Data(), options);
  job.Cancel();
  CHECK_FALSE(job.Status().running);
  CHECK(job.TakeResult() == nullptr);
  CHECK(job.Status().message.find("cancel") != std::string::npos);
}

TEST_CASE("A scenario with its own parameters: marked custom, and expert episodes added in the app use them") {
  app::Session session(app::SessionDef{"lane_choice", 3});
  CHECK_FALSE(session.CustomScenario());
  const std::string loose = R"({"scenario": "lane_choice", "decisionDistance": 45})";
  session.SetScenario(sim::MakeScenarioFromJson(loose, "test"));
  CHECK(session.CustomScenario());
  CHECK(session.Env().ScenarioName() == "lane_choice");
  session.AddExpertEpisodes(1, false);
  REQUIRE(session.Data().episodes.size() == 1);
  // The dataset's environment is the custom one, so recording more in it continues the same dataset.
  CHECK(session.Data().envArgs == learning::imitation::EnvArgsFor(session.Env()));
  // Saved and opened in a session on the defaults, the dataset brings its scenario parameters along.
  const fs::path path = fs::temp_directory_path() / "ildrive_test_custom_scenario.h5";
  session.SaveData(path.string());
  app::Session other(app::SessionDef{"lane_choice", 9});
  other.LoadData(path.string());
  CHECK(other.CustomScenario());
  CHECK(other.Env().GetScenario().DefJson() == session.Env().GetScenario().DefJson());
  fs::remove(path);
  session.SetScenario("lane_choice");
  CHECK_FALSE(session.CustomScenario());
  CHECK_FALSE(session.Data().envArgs == learning::imitation::EnvArgsFor(session.Env()));
}

TEST_CASE("Lane keeping assist: the policy works the pedals, the expert's steering is executed, the label stays") {
  app::Session session(app::SessionDef{"brake_light", 5});
  session.AddExpertEpisodes(1, false);
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  auto policy = std::make_shared<learning::policies::Policy>(config, learning::imitation::ObsDimsOf(session.Env()));
  session.ClearData();
  session.SetPolicy(policy, "untrained");
  CHECK(session.PolicyName() == "untrained");
  session.SetDriving(app::DriverKind::kPolicy);
  session.SetLaneKeeping(true);
  int steered = 0;
  for (int t = 0; t < 30; ++t) {
    const sim::Action expert = session.Env().ExpertAction();  // the state the next decision sees
    session.StepControl();
    REQUIRE(session.PolicyAction().has_value());
    CHECK(session.Decision().executed.steer == doctest::Approx(expert.steer));
    CHECK(session.Decision().executed.accel == doctest::Approx(session.PolicyAction()->accel));
    if (std::abs(session.PolicyAction()->steer - expert.steer) > 1e-3f) ++steered;
  }
  CHECK(steered > 0);  // an untrained policy steers otherwise: the assist really replaced its steering
  session.SetLaneKeeping(false);
  session.StepControl();
  CHECK(session.Decision().executed.steer == doctest::Approx(session.PolicyAction()->steer));
  session.UnloadPolicy();
  CHECK_FALSE(session.HasPolicy());
  CHECK(session.Driving() == app::DriverKind::kHuman);
  CHECK(session.PolicyName().empty());
}

// Found by the soak of the app (tests/reliability/soak.sh): recording with a data file open.
TEST_CASE("Discarding a saved episode and recording again rewrites the file instead of a failing append") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_discard";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "demos.h5").string();
  app::Session session(app::SessionDef{"highway", 5});
  session.AddExpertEpisodes(2, false);
  session.SaveData(path);
  session.DiscardLastEpisode();  // the file still holds it
  session.SetDriving(app::DriverKind::kExpert);
  session.SetRecording(true);
  CHECK_FALSE(FinishOneEpisode(session));
  CHECK_FALSE(session.Unsaved());
  app::Session other(app::SessionDef{"highway", 1});
  other.LoadData(path);
  CHECK(other.Data().episodes.size() == 2);
  CHECK(other.Data().episodes[1].seed == session.Data().episodes[1].seed);
  fs::remove_all(dir);
}

TEST_CASE("A recorded episode that cannot be written is reported and the session keeps driving") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_gone";
  fs::remove_all(dir);
  fs::create_directories(dir);
  app::Session session(app::SessionDef{"highway", 9});
  session.AddExpertEpisodes(1, false);
  session.SaveData((dir / "demos.h5").string());
  fs::remove_all(dir);  // the next flush fails
  session.SetDriving(app::DriverKind::kExpert);
  session.SetRecording(true);
  CHECK(FinishOneEpisode(session));
  CHECK(session.Unsaved());
  // A fresh episode started despite the failed write: ticking on does not end in Env's "after the episode ended".
  session.SetRecording(false);
  CHECK_FALSE(FinishOneEpisode(session));
}
