// Saving and appending when the disk fills (a file-size limit in a forked child: writes fail with EFBIG as on a
// full disk), into a read-only folder, and under a path with spaces and non-ASCII characters: one core::Error
// naming the file, the previous file byte for byte as it was, no temporary file left, and the process exits
// cleanly (HDF5 1.10.8 crashed at exit after a failed write before hdf5_write.h).
#include <doctest/doctest.h>

#include <filesystem>

#include "core/atomic_file.h"
#include "learning/data/dataset_file.h"
#include "tests/data/make_test_dataset.h"
#include "tests/reliability/write_failure.h"

using namespace learning::data;
using namespace learning::data::testing;
namespace fs = std::filesystem;
namespace wf = test_write_failure;

namespace {

// A dataset of `count` episodes of 2000 steps (~72 kB of values each), so its file is mostly values.
Dataset LongDataset(int count, uint64_t seed) {
  core::Rng rng(seed);
  Dataset dataset;
  dataset.envArgs = TestEnvArgs();
  for (int i = 0; i < count; ++i) dataset.episodes.push_back(MakeTestEpisode(rng, 2000, "expert"));
  MakeSplit(dataset, 0.25, seed);
  return dataset;
}

// A fresh folder under the build tree.
std::string TestDir(const std::string& name) {
  return wf::FreshDir(fs::path(ILDRIVE_BINARY_DIR) / "tests" / "data" / "tmp" / name);
}

void CheckCleanRefusal(const wf::ChildOutcome& outcome, const std::string& path) {
  INFO("child report: ", outcome.report);
  CHECK(outcome.exited);       // no signal, at exit either
  CHECK(outcome.status == 3);  // the write threw
  CHECK(outcome.report.find("exception: " + path + ": ") == 0);  // one message, naming the file first
}

}  // namespace

TEST_CASE("disk full: a dataset save that does not fit is refused naming the file, the previous file intact") {
  const std::string dir = TestDir("full_save");
  const std::string path = dir + "/demos.h5";
  SaveDataset(path, LongDataset(2, 3));
  const std::string before = wf::FileBytes(path);
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    wf::LimitFileSize(1'000'000);  // the 20-episode file needs ~1.5 MB
    SaveDataset(path, LongDataset(20, 4));
  });
  CheckCleanRefusal(outcome, path);
  CHECK(outcome.report.find("File too large") != std::string::npos);
  CHECK(wf::FileBytes(path) == before);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary file left
}

TEST_CASE("disk full: appending an episode that does not fit is refused, every episode on file kept") {
  const std::string dir = TestDir("full_append");
  const std::string path = dir + "/demos.h5";
  Dataset dataset = LongDataset(3, 5);
  SaveDataset(path, dataset);
  const std::string before = wf::FileBytes(path);
  const long long size = static_cast<long long>(fs::file_size(path));
  dataset.episodes.push_back(LongDataset(1, 6).episodes[0]);
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    wf::LimitFileSize(size + 20'000);  // the copy fits, the new episode (~72 kB) does not
    AppendLastEpisode(path, dataset);
  });
  CheckCleanRefusal(outcome, path);
  CHECK(wf::FileBytes(path) == before);
  CHECK(LoadDataset(path).episodes.size() == 3);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  // and without the limit the same append lands
  AppendLastEpisode(path, dataset);
  CHECK(LoadDataset(path).episodes.size() == 4);
}

TEST_CASE("disk full: a limit too small even for the copy of the file is refused the same way") {
  const std::string dir = TestDir("full_copy");
  const std::string path = dir + "/demos.h5";
  Dataset dataset = LongDataset(3, 7);
  SaveDataset(path, dataset);
  const std::string before = wf::FileBytes(path);
  dataset.episodes.push_back(LongDataset(1, 8).episodes[0]);
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    wf::LimitFileSize(100'000);
    AppendLastEpisode(path, dataset);
  });
  CheckCleanRefusal(outcome, path);
  CHECK(wf::FileBytes(path) == before);
}

TEST_CASE("read-only folder: saving and appending are refused naming the file, the file intact") {
  const std::string dir = TestDir("read_only");
  const std::string path = dir + "/demos.h5";
  Dataset dataset = LongDataset(2, 9);
  SaveDataset(path, dataset);
  const std::string before = wf::FileBytes(path);
  dataset.episodes.push_back(LongDataset(1, 10).episodes[0]);
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    const std::string how = wf::MakeReadOnly(dir);
    if (how.empty()) std::exit(4);  // cannot stop this user writing (root without mount namespaces)
    std::string messages;
    try {
      SaveDataset(path, dataset);
    } catch (const core::Error& e) {
      messages += std::string(e.what()) + "\n";
    }
    try {
      AppendLastEpisode(path, dataset);
    } catch (const core::Error& e) {
      messages += std::string(e.what()) + "\n";
    }
    wf::Report(messages);
  });
  if (outcome.exited && outcome.status == 4) {
    MESSAGE("skipped: this user cannot make a read-only folder (root without mount namespaces)");
    return;
  }
  INFO("child report: ", outcome.report);
  CHECK(outcome.exited);
  CHECK(outcome.status == 0);
  // two messages, each naming the file and saying why
  const size_t first = outcome.report.find(path + ": ");
  CHECK(first == 0);
  CHECK(outcome.report.find(path + ": ", first + 1) != std::string::npos);
  CHECK(outcome.report.find("Read-only file system") != std::string::npos);
  CHECK(wf::FileBytes(path) == before);
}

TEST_CASE("a path with spaces and non-ASCII characters saves, appends and loads like any other") {
  const std::string dir = TestDir("unicode") + "/démos d'été 日本 ünï";
  fs::create_directories(dir);
  const std::string path = dir + "/épisodes ✓ 1.h5";
  Dataset dataset = MakeTestDataset(3, 11);
  SaveDataset(path, dataset);
  dataset.episodes.push_back(MakeTestDataset(1, 12).episodes[0]);
  dataset.episodes.back().source = "expert";
  AppendLastEpisode(path, dataset);
  CHECK(LoadDataset(path).episodes.size() == 4);
  CHECK(IsDatasetFile(path));
  // and an error about it names it whole
  const std::string missing = dir + "/nicht da ü.h5";
  CHECK(ErrorOf([&] { LoadDataset(missing); }).find(missing) == 0);
}

TEST_CASE("at any file-size limit a save or an append either lands whole or is refused cleanly, never a crash") {
  // The limit swept from 16 kB past the space reserved: HDF5 must never meet the limit itself (hdf5_write.h).
  const std::string dir = TestDir("sweep");
  const std::string path = dir + "/demos.h5";
  Dataset dataset = LongDataset(3, 15);
  SaveDataset(path, dataset);
  const auto size = static_cast<long long>(fs::file_size(path));
  dataset.episodes.push_back(LongDataset(1, 16).episodes[0]);
  int landed = 0;
  int refused = 0;
  for (long long limit = 16'000; limit < 2 * size + 400'000; limit = limit * 3 / 2) {
    const std::string target = dir + "/save.h5";
    fs::remove(target);
    for (const bool append : {false, true}) {
      if (append) fs::copy_file(path, target, fs::copy_options::overwrite_existing);
      const wf::ChildOutcome outcome = wf::RunInChild([&] {
        wf::LimitFileSize(limit);
        if (append) {
          AppendLastEpisode(target, dataset);
        } else {
          SaveDataset(target, dataset);
        }
      });
      INFO("limit ", limit, append ? " append: " : " save: ", outcome.report);
      REQUIRE(outcome.exited);
      if (outcome.status == 0) {
        ++landed;
        CHECK(LoadDataset(target).episodes.size() == 4);
      } else {
        ++refused;
        CHECK(outcome.status == 3);
        CHECK(outcome.report.find("exception: " + target + ": ") == 0);
        if (append) CHECK(LoadDataset(target).episodes.size() == 3);
        if (!append) CHECK_FALSE(fs::exists(target));
      }
    }
  }
  CHECK(landed > 0);
  CHECK(refused > 0);
  // The space reserved is given back: the file is its values plus HDF5's headers, not padded.
  SaveDataset(path, dataset);
  long long raw = 0;
  for (const Episode& e : dataset.episodes) raw += 4LL * (e.obs.at("ego").size() + e.obs.at("brake_indicator").size() + 5LL * e.Length());
  CHECK(static_cast<long long>(fs::file_size(path)) < raw + 64'000);
}
