// Who labels in the window's session (issue 12, item 5): with corrections on, a DAgger step is labelled only
// where the person acts (a key held at the decision or at any tick since the previous one, so a release counts);
// the rest are stored with labelled = 0 and left out of training. Takeover steps and the expert's labels stay
// labelled; the Dashboard's "labels: …" line follows the mode.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include "app/gui/session.h"
#include "learning/data/batch.h"
#include "learning/data/dataset_file.h"
#include "learning/policies/policy_registry.h"
#include "tests/app/app_test_policy.h"

namespace {

void Steps(app::Session& session, int count, const sim::HumanInput& input) {
  session.Human().SetInput(input);
  for (int i = 0; i < count; ++i) session.StepControl();
}

}  // namespace

TEST_CASE("DAgger corrections label only the steps where the person acts, while takeovers and the expert label all") {
  app::Session session(app::SessionDef{"highway", 51});
  // An untrained policy is enough: lane keeping steers, the policy's pedals barely move the car.
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  session.SetPolicy(std::make_shared<learning::policies::Policy>(config, learning::imitation::ObsDimsOf(session.Env())),
                    "untrained");
  session.SetLaneKeeping(true);
  CHECK(std::string(app::LabelledByText(session.WhoLabels())) == "your keys");  // the person drives
  session.SetDriving(app::DriverKind::kExpert);
  CHECK(std::string(app::LabelledByText(session.WhoLabels())) == "scripted expert");
  session.SetDriving(app::DriverKind::kPolicy);
  CHECK(session.WhoLabels() == app::LabelledBy::kExpert);  // corrections off
  session.SetCorrections(true);
  CHECK(std::string(app::LabelledByText(session.WhoLabels())) == "your keys where you act");
  session.SetRecording(true);

  sim::HumanInput left;
  left.left = true;
  Steps(session, 4, {});    // 0-3: approving by pressing nothing
  CHECK_FALSE(session.StepLabelled());
  Steps(session, 4, left);  // 4-7: a correction
  CHECK(session.StepLabelled());
  Steps(session, 1, {});    // 8: released since the last decision: still the person's doing
  Steps(session, 3, {});    // 9-11: nothing
  // 12: nothing at the decision, the key held for one tick inside the step: 13 is labelled, 12 is not.
  session.Human().SetInput({});
  session.Tick();
  session.Human().SetInput(left);
  session.Tick();
  session.Human().SetInput({});
  while (session.StepOpen()) session.Tick();
  Steps(session, 1, {});    // 13
  Steps(session, 2, {});    // 14-15
  session.SetTakeover(true);
  CHECK(session.WhoLabels() == app::LabelledBy::kKeys);
  Steps(session, 3, {});    // 16-18: the person drives (coasting is a real action)
  session.SetTakeover(false);
  session.SetCorrections(false);
  Steps(session, 3, {});    // 19-21: the expert labels
  CHECK(session.StepLabelled());
  for (long tick = 0; session.EpisodesFinished() < 1; ++tick) {
    REQUIRE(tick < 200000);
    session.Tick();
  }

  REQUIRE(session.Data().episodes.size() == 1);
  const learning::data::Episode& episode = session.Data().episodes[0];
  REQUIRE(episode.Length() > 22);
  REQUIRE(static_cast<int>(episode.labelled.size()) == episode.Length());
  const std::vector<int> unlabelled{0, 1, 2, 3, 9, 10, 11, 12, 14, 15};
  for (int t = 0; t < episode.Length(); ++t) {
    const bool expected = std::find(unlabelled.begin(), unlabelled.end(), t) == unlabelled.end();
    INFO("step " << t);
    CHECK(episode.IsLabelled(t) == expected);
  }
  CHECK(episode.LabelledSteps() == episode.Length() - static_cast<int>(unlabelled.size()));

  // Saved and loaded, the mask is kept, and a batch for training leaves the approved steps out.
  const std::string path = (std::filesystem::temp_directory_path() / "ildrive_session_labels.h5").string();
  session.SaveData(path);
  const learning::data::Dataset loaded = learning::data::LoadDataset(path);
  CHECK(loaded.episodes[0].labelled == episode.labelled);
  const learning::data::Batch batch = learning::data::GatherBatch(loaded, {.obsKeys = {"ego"}});
  CHECK(batch.features.cols() == episode.LabelledSteps());
  std::filesystem::remove(path);
}

TEST_CASE("Demonstrations stay fully labelled: the person driving, the expert, corrections off") {
  app::Session session(app::SessionDef{"highway", 61});
  session.SetCorrections(true);  // only matters while the policy drives
  session.SetRecording(true);
  Steps(session, 5, {});  // the person drives and presses nothing: coasting is the demonstration
  session.SetDriving(app::DriverKind::kExpert);
  for (long tick = 0; session.EpisodesFinished() < 1; ++tick) {
    REQUIRE(tick < 200000);
    session.Tick();
  }
  REQUIRE(session.Data().episodes.size() == 1);
  CHECK(session.Data().episodes[0].labelled.empty());
}
