// The window's session when its dataset file cannot be written: the disk fills while an episode is appended (a
// file-size limit in a forked child), or the user saves into a read-only folder. The error names the file, the
// file keeps what it held, every episode stays in memory, and saving elsewhere keeps them all.
#include <doctest/doctest.h>

#include <filesystem>

#include "app/gui/session.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "tests/reliability/write_failure.h"

namespace fs = std::filesystem;
namespace wf = test_write_failure;

namespace {

std::string ErrorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("Session: when the disk fills during an append, the episode stays in memory and saving elsewhere keeps all") {
  const std::string dir = wf::FreshDir(fs::temp_directory_path() / "ildrive_test_session_disk_full");
  const std::string path = dir + "/demos.h5";
  const std::string elsewhere = dir + "/elsewhere.h5";
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    app::Session session(app::SessionDef{"highway", 11});
    session.AddExpertEpisodes(1, false);
    session.SaveData(path);
    wf::LimitFileSize(static_cast<long long>(fs::file_size(path)) + 50'000);  // the copy fits, the episode not
    wf::Report("append: " + ErrorOf([&] { session.AddExpertEpisodes(1, false); }) + "\n");
    wf::Report("in memory " + std::to_string(session.Data().episodes.size()) +
               (session.Unsaved() ? " unsaved" : " saved") + ", file '" + session.DataPath() + "'\n");
    session.AddExpertEpisodes(1, false);  // recording goes on, into memory only
    wf::Report("save elsewhere, still full: " + ErrorOf([&] { session.SaveData(elsewhere); }) + "\n");
    wf::LiftFileSizeLimit();  // the user made room
    session.SaveData(elsewhere);
    wf::Report("saved " + std::to_string(session.Data().episodes.size()) + "\n");
  });
  INFO(outcome.report);
  REQUIRE(outcome.exited);
  CHECK(outcome.status == 0);
  CHECK(outcome.report.find("append: " + path + ": ") != std::string::npos);
  CHECK(outcome.report.find("in memory 2 unsaved, file ''") != std::string::npos);
  CHECK(outcome.report.find("save elsewhere, still full: " + elsewhere + ": ") != std::string::npos);
  CHECK(outcome.report.find("saved 3") != std::string::npos);
  CHECK(learning::data::LoadDataset(path).episodes.size() == 1);
  CHECK(learning::data::LoadDataset(elsewhere).episodes.size() == 3);
}

TEST_CASE("Session: saving into a read-only folder is refused naming the file, and everything stays to save elsewhere") {
  const std::string dir = wf::FreshDir(fs::temp_directory_path() / "ildrive_test_session_read_only");
  const std::string locked = wf::FreshDir(fs::path(dir) / "locked");
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    app::Session session(app::SessionDef{"highway", 12});
    session.AddExpertEpisodes(2, false);
    if (wf::MakeReadOnly(locked).empty()) std::exit(4);
    wf::Report("save: " + ErrorOf([&] { session.SaveData(locked + "/demos.h5"); }) + "\n");
    wf::Report("in memory " + std::to_string(session.Data().episodes.size()) +
               (session.Unsaved() ? " unsaved" : " saved") + "\n");
    session.SaveData(dir + "/demos.h5");
  });
  if (outcome.exited && outcome.status == 4) {
    MESSAGE("skipped: this user cannot make a read-only folder (root without mount namespaces)");
    return;
  }
  INFO(outcome.report);
  REQUIRE(outcome.exited);
  CHECK(outcome.status == 0);
  CHECK(outcome.report.find("save: " + locked + "/demos.h5: ") != std::string::npos);
  CHECK(outcome.report.find("Read-only file system") != std::string::npos);
  CHECK(outcome.report.find("in memory 2 unsaved") != std::string::npos);
  CHECK_FALSE(fs::exists(locked + "/demos.h5"));
  CHECK(learning::data::LoadDataset(dir + "/demos.h5").episodes.size() == 2);
}
