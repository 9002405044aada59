// Regressions found by the soak of the app (tests/reliability/soak.sh): recording with a data file open.
#include <doctest/doctest.h>

#include <filesystem>

#include "app/gui/session.h"
#include "core/error.h"

namespace fs = std::filesystem;

namespace {

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

TEST_CASE("Discarding a saved episode and recording again rewrites the file instead of a failing append") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_regressions_discard";
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
  fs::path dir = fs::temp_directory_path() / "ildrive_test_session_regressions_gone";
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
