// Dataset files: exact round trips, appends, and one clear error for every way a file can be wrong.
#include "learning/data/dataset_file.h"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/hdf5_util.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

using testing::MakeTestDataset;
using testing::SameEpisode;
using testing::TestPath;

void CheckSameDataset(const Dataset& a, const Dataset& b) {
  CHECK(a.envArgs == b.envArgs);
  REQUIRE(a.episodes.size() == b.episodes.size());
  for (size_t i = 0; i < a.episodes.size(); ++i) CHECK(SameEpisode(a.episodes[i], b.episodes[i]));
  CHECK(a.train == b.train);
  CHECK(a.valid == b.valid);
}

using testing::ErrorOf;

// Saves a valid dataset, edits the file with the raw HDF5 API, and returns LoadDataset's error message.
std::string LoadErrorAfter(const std::string& name, const std::function<void(H5::H5File&)>& edit) {
  const std::string path = TestPath(name);
  SaveDataset(path, MakeTestDataset(3, 7));
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_RDWR);
    edit(file);
  }
  const std::string message = ErrorOf([&] { LoadDataset(path); });
  INFO(message);
  CHECK(message.find(path) != std::string::npos);
  return message;
}

void ReplaceFloatDataset(H5::H5File& file, const std::string& group, const std::string& name,
                         const Eigen::MatrixXf& values, bool asVector = false) {
  H5::Group parent = file.openGroup(group);
  parent.unlink(name);
  WriteFloatMatrix(parent, name, values, asVector);
}

TEST_CASE("a dataset survives save and load bit for bit, split and env args included") {
  const Dataset original = MakeTestDataset(6, 42);
  const std::string path = TestPath("round_trip.h5");
  SaveDataset(path, original);
  CHECK(IsDatasetFile(path));
  CheckSameDataset(original, LoadDataset(path));
}

TEST_CASE("an empty dataset round trips") {
  Dataset empty;
  empty.envArgs = testing::TestEnvArgs();
  const std::string path = TestPath("empty_dataset.h5");
  SaveDataset(path, empty);
  const Dataset loaded = LoadDataset(path);
  CHECK(loaded.episodes.empty());
  CHECK(loaded.envArgs == empty.envArgs);
}

TEST_CASE("appending episodes one by one gives the same file contents as saving them all") {
  const Dataset full = MakeTestDataset(5, 3);
  const std::string path = TestPath("append.h5");
  Dataset growing;
  growing.envArgs = full.envArgs;
  SaveDataset(path, growing);
  for (const Episode& episode : full.episodes) {
    growing.episodes.push_back(episode);
    MakeSplit(growing, 0.25, 3);
    AppendLastEpisode(path, growing);
    CheckSameDataset(growing, LoadDataset(path));
  }
  CheckSameDataset(full, LoadDataset(path));
}

TEST_CASE("appending to a file that does not hold the earlier episodes is an error and keeps the file") {
  const std::string path = TestPath("append_mismatch.h5");
  Dataset dataset = MakeTestDataset(3, 5);
  SaveDataset(path, dataset);
  dataset.episodes.push_back(dataset.episodes[0]);
  dataset.episodes.push_back(dataset.episodes[1]);  // the file holds 3, we claim 4 before the new one
  const std::string message = ErrorOf([&] { AppendLastEpisode(path, dataset); });
  CHECK(message.find("expected 4") != std::string::npos);
  CHECK(LoadDataset(path).episodes.size() == 3);

  Dataset other = MakeTestDataset(3, 5);
  other.episodes.push_back(other.episodes[0]);
  other.envArgs.controlRate = 10.0;
  CHECK(ErrorOf([&] { AppendLastEpisode(path, other); }).find("env_args differ") != std::string::npos);
  CHECK(LoadDataset(path).episodes.size() == 3);
}

// Two processes append their own next episode to the same file at the same moment, round after round. Before the
// writer lock both could copy the file with N demos and both rename theirs over it, each "succeeding" while one
// episode vanished. Now exactly one lands per round, the other is refused naming the other writer, and the file
// always loads with N + 1 demos.
TEST_CASE("two writers appending to one file at once: one episode lands, the other is refused, none vanishes") {
  const std::string path = TestPath("two_writers.h5");
  const Dataset pool = MakeTestDataset(12, 5);
  Dataset onFile;
  onFile.envArgs = pool.envArgs;
  onFile.episodes = {pool.episodes[0], pool.episodes[1]};
  MakeSplit(onFile, 0.25, 3);
  SaveDataset(path, onFile);
  for (int round = 0; round < 5; ++round) {
    INFO("round ", round);
    Dataset mine = onFile, theirs = onFile;
    mine.episodes.push_back(pool.episodes[2 + 2 * round]);
    theirs.episodes.push_back(pool.episodes[3 + 2 * round]);
    MakeSplit(mine, 0.25, 3);
    MakeSplit(theirs, 0.25, 3);
    int go[2];
    REQUIRE(pipe(go) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // the other writer: waits for the start signal, appends, reports by its exit status
      char start;
      close(go[1]);
      if (read(go[0], &start, 1) != 1) _exit(3);
      try {
        AppendLastEpisode(path, theirs);
        _exit(0);
      } catch (const core::Error& e) {
        _exit(std::string(e.what()).find("another writer") != std::string::npos ? 1 : 2);
      } catch (...) {
        _exit(4);
      }
    }
    close(go[0]);
    REQUIRE(write(go[1], "x", 1) == 1);
    close(go[1]);
    bool mineLanded = true;
    std::string myError;
    try {
      AppendLastEpisode(path, mine);
    } catch (const core::Error& e) {
      mineLanded = false;
      myError = e.what();
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    const int childExit = WEXITSTATUS(status);
    CHECK((childExit == 0 || childExit == 1));  // landed, or refused with the message naming the other writer
    const bool theirsLanded = childExit == 0;
    CHECK(mineLanded != theirsLanded);  // exactly one of the two
    if (!mineLanded) CHECK(myError.find("another writer") != std::string::npos);
    const Dataset loaded = LoadDataset(path);
    REQUIRE(loaded.episodes.size() == onFile.episodes.size() + 1);
    onFile = mineLanded ? mine : theirs;  // what is on file now: the refused writer keeps its episode in memory
    CheckSameDataset(onFile, loaded);
  }
}

TEST_CASE("a failed save leaves the previous file intact") {
  const std::string path = TestPath("intact.h5");
  const Dataset good = MakeTestDataset(2, 9);
  SaveDataset(path, good);
  Dataset bad = good;
  bad.episodes[1].labels(0, 2) = std::numeric_limits<float>::quiet_NaN();
  const std::string message = ErrorOf([&] { SaveDataset(path, bad); });
  CHECK(message.find("demo_1") != std::string::npos);
  CHECK(message.find("labels") != std::string::npos);
  CheckSameDataset(good, LoadDataset(path));
  CHECK_FALSE(std::filesystem::exists(core::TempPathFor(path)));
}

TEST_CASE("an unwritable output path is one clear error") {
  const std::string path = "/nonexistent-ildrive-dir/out.h5";
  const std::string message = ErrorOf([&] { SaveDataset(path, MakeTestDataset(1, 1)); });
  CHECK(message.find(path) != std::string::npos);
}

TEST_CASE("missing, empty, truncated and non-HDF5 files are clear errors") {
  const std::string missing = TestPath("missing.h5");
  CHECK(ErrorOf([&] { LoadDataset(missing); }).find("no such file") != std::string::npos);

  const std::string empty = TestPath("empty.h5");
  std::ofstream(empty).close();
  CHECK(ErrorOf([&] { LoadDataset(empty); }).find("empty file") != std::string::npos);

  const std::string text = TestPath("text.h5");
  std::ofstream(text) << "this is not an HDF5 file\n";
  CHECK(ErrorOf([&] { LoadDataset(text); }).find("not a readable HDF5 file") != std::string::npos);

  const std::string truncated = TestPath("truncated.h5");
  SaveDataset(truncated, MakeTestDataset(4, 11));
  const std::uintmax_t size = std::filesystem::file_size(truncated);
  for (std::uintmax_t keep : {size / 2, size - 100, std::uintmax_t{600}}) {
    const std::string cut = TestPath("truncated_cut.h5");
    std::filesystem::copy_file(truncated, cut);
    std::filesystem::resize_file(cut, keep);
    const std::string message = ErrorOf([&] { LoadDataset(cut); });
    INFO("kept ", keep, " of ", size, " bytes: ", message);
    CHECK(message.find(cut) != std::string::npos);
  }
}

TEST_CASE("a missing observation key names the demo and the key") {
  const std::string message =
      LoadErrorAfter("missing_key.h5", [](H5::H5File& file) { file.openGroup("data/demo_1/obs").unlink("ego"); });
  CHECK(message.find("demo_1") != std::string::npos);
  CHECK(message.find("\"ego\"") != std::string::npos);
}

TEST_CASE("missing datasets, groups and attributes are named") {
  CHECK(LoadErrorAfter("missing_dones.h5", [](H5::H5File& file) { file.openGroup("data/demo_2").unlink("dones"); })
            .find("\"dones\"") != std::string::npos);
  CHECK(LoadErrorAfter("missing_mask.h5", [](H5::H5File& file) { file.unlink("mask"); }).find("\"mask\"") !=
        std::string::npos);
  CHECK(LoadErrorAfter("missing_data.h5", [](H5::H5File& file) { file.unlink("data"); }).find("\"data\"") !=
        std::string::npos);
  CHECK(LoadErrorAfter("missing_seed.h5", [](H5::H5File& file) { file.openGroup("data/demo_0").removeAttr("seed"); })
            .find("\"seed\"") != std::string::npos);
  CHECK(LoadErrorAfter("missing_env_args.h5", [](H5::H5File& file) { file.openGroup("data").removeAttr("env_args"); })
            .find("env_args") != std::string::npos);
}

TEST_CASE("mismatched lengths are named") {
  const std::string rewards = LoadErrorAfter("short_rewards.h5", [](H5::H5File& file) {
    ReplaceFloatDataset(file, "data/demo_0", "rewards", Eigen::MatrixXf::Zero(1, 2), /*asVector=*/true);
  });
  CHECK(rewards.find("demo_0") != std::string::npos);
  CHECK(rewards.find("rewards") != std::string::npos);

  const std::string samples = LoadErrorAfter("num_samples.h5", [](H5::H5File& file) {
    WriteIntAttribute(file.openGroup("data/demo_1"), "num_samples", 1000);
  });
  CHECK(samples.find("num_samples") != std::string::npos);

  const std::string total =
      LoadErrorAfter("total.h5", [](H5::H5File& file) { WriteIntAttribute(file.openGroup("data"), "total", 1); });
  CHECK(total.find("total") != std::string::npos);
}

TEST_CASE("non-finite values are named with the demo, the field and the step") {
  const std::string message = LoadErrorAfter("nan.h5", [](H5::H5File& file) {
    Eigen::MatrixXf actions = MakeTestDataset(3, 7).episodes[2].actions;
    actions(1, 3) = std::numeric_limits<float>::quiet_NaN();
    ReplaceFloatDataset(file, "data/demo_2", "actions", actions);
  });
  CHECK(message.find("demo_2") != std::string::npos);
  CHECK(message.find("actions") != std::string::npos);
  CHECK(message.find("step 3") != std::string::npos);

  CHECK(LoadErrorAfter("inf_obs.h5", [](H5::H5File& file) {
          Eigen::MatrixXf ego = MakeTestDataset(3, 7).episodes[0].obs.at("ego");
          ego(0, 0) = std::numeric_limits<float>::infinity();
          ReplaceFloatDataset(file, "data/demo_0/obs", "ego", ego);
        }).find("obs/ego") != std::string::npos);
}

TEST_CASE("a wrong action width or observation width is named") {
  const std::string actions = LoadErrorAfter("wide_actions.h5", [](H5::H5File& file) {
    ReplaceFloatDataset(file, "data/demo_1", "actions", Eigen::MatrixXf::Zero(3, 5));
  });
  CHECK(actions.find("actions") != std::string::npos);
  CHECK(actions.find("expected (T, 2)") != std::string::npos);

  const std::string obs = LoadErrorAfter("wide_obs.h5", [](H5::H5File& file) {
    ReplaceFloatDataset(file, "data/demo_0/obs", "ego", Eigen::MatrixXf::Zero(4, 5));
  });
  CHECK(obs.find("expected (T, 3)") != std::string::npos);
}

TEST_CASE("an unknown format version or a foreign file is refused") {
  CHECK(LoadErrorAfter("version.h5", [](H5::H5File& file) { WriteIntAttribute(file, "format_version", 99); })
            .find("version 99") != std::string::npos);
  CHECK(LoadErrorAfter("format.h5", [](H5::H5File& file) { WriteStringAttribute(file, "format", "ildrive.policy"); })
            .find("not an ildrive dataset") != std::string::npos);
}

TEST_CASE("masks must name existing demos") {
  const std::string message = LoadErrorAfter("bad_mask.h5", [](H5::H5File& file) {
    H5::Group mask = file.openGroup("mask");
    mask.unlink("valid");
    WriteStringVector(mask, "valid", {"demo_17"});
  });
  CHECK(message.find("demo_17") != std::string::npos);
}

TEST_CASE("regression (fuzz_config): a number too large for a double in a demo's metrics is a core::Error") {
  // nlohmann::json throws out_of_range (not parse_error) for 1e99999; it escaped as a non-core::Error.
  Dataset dataset = testing::MakeTestDataset(2, 5);
  const std::string path = TestPath("metrics_overflow.h5");
  SaveDataset(path, dataset);
  {
    H5::H5File file(path, H5F_ACC_RDWR);
    WriteStringAttribute(file.openGroup("data/demo_0"), "metrics", R"({"progress": 1e99999})");
  }
  CHECK_THROWS_WITH_AS(LoadDataset(path), doctest::Contains("\"metrics\" is not valid JSON"), core::Error);
}

}  // namespace
}  // namespace learning::data
