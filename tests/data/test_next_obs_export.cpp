// next_obs (a virtual view over obs and final_obs), episode endings through slicing and files, env_kwargs, and the
// robomimic / Minari exports: layouts read back with the HDF5 API, labelled runs, old files, refusals.
#include <doctest/doctest.h>

#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <limits>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/export_episodes.h"
#include "learning/data/hdf5_guard.h"
#include "learning/data/hdf5_overview.h"
#include "learning/data/minari_export.h"
#include "learning/data/robomimic_export.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

namespace fs = std::filesystem;
using testing::MakeTestDataset;
using testing::TestPath;

// A (rows, cols) float dataset as a (cols, rows) matrix, read whole through HDF5 (virtual ones included).
Eigen::MatrixXf ReadWhole(const H5::H5File& file, const std::string& path) {
  H5::DataSet dataset = file.openDataSet(path);
  H5::DataSpace space = dataset.getSpace();
  hsize_t dims[2] = {0, 1};
  space.getSimpleExtentDims(dims);
  Eigen::MatrixXf m(static_cast<Eigen::Index>(space.getSimpleExtentNdims() == 2 ? dims[1] : 1),
                    static_cast<Eigen::Index>(dims[0]));
  dataset.read(m.data(), H5::PredType::NATIVE_FLOAT);
  return m;
}

std::vector<int> ReadInts(const H5::H5File& file, const std::string& path) {
  H5::DataSet dataset = file.openDataSet(path);
  std::vector<int> values(static_cast<size_t>(dataset.getSpace().getSimpleExtentNpoints()));
  dataset.read(values.data(), H5::PredType::NATIVE_INT);
  return values;
}

using testing::ErrorOf;

TEST_CASE("next_obs reads as obs shifted by one with the final observation last, and endings round-trip") {
  const Dataset dataset = MakeTestDataset(5, 11);
  const std::string path = TestPath("next_obs.h5");
  SaveDataset(path, dataset);
  const auto plainBytes = fs::file_size(path);
  H5::H5File file(path, H5F_ACC_RDONLY);
  for (size_t i = 0; i < dataset.episodes.size(); ++i) {
    const Episode& e = dataset.episodes[i];
    const std::string demo = "/data/demo_" + std::to_string(i);
    for (const auto& [key, obs] : e.obs) {
      const Eigen::MatrixXf next = ReadWhole(file, demo + "/next_obs/" + key);
      REQUIRE(next.cols() == e.Length());
      CHECK(next.leftCols(e.Length() - 1) == obs.rightCols(e.Length() - 1));
      CHECK(next.col(e.Length() - 1) == e.ending->obs.at(key));
      for (int t = 0; t < e.Length(); ++t) CHECK(next.col(t) == e.NextObs(key, t));
    }
  }
  file.close();
  const Dataset loaded = LoadDataset(path);
  for (size_t i = 0; i < dataset.episodes.size(); ++i)
    CHECK(testing::SameEpisode(dataset.episodes[i], loaded.episodes[i]));
  // The view costs object headers, not T·dim floats: far less than the observations themselves.
  Dataset old = dataset;
  for (Episode& e : old.episodes) e.ending.reset();
  const std::string oldPath = TestPath("no_next_obs.h5");
  SaveDataset(oldPath, old);
  long obsBytes = 0;
  for (const Episode& e : dataset.episodes)
    for (const auto& entry : e.obs) obsBytes += static_cast<long>(entry.second.size() * sizeof(float));
  MESSAGE("with next_obs ", plainBytes, " bytes, without ", fs::file_size(oldPath), ", obs alone ", obsBytes);
  const Dataset loadedOld = LoadDataset(oldPath);
  for (const Episode& e : loadedOld.episodes) CHECK_FALSE(e.ending.has_value());
}

TEST_CASE("virtual datasets are recognised from raw bytes and listed by info without being opened") {
  const std::string path = TestPath("virtual_listing.h5");
  SaveDataset(path, MakeTestDataset(1, 2));
  {
    H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK(IsVirtualDataset(file.openGroup("/data/demo_0/next_obs"), "ego", path));
    CHECK_FALSE(IsVirtualDataset(file.openGroup("/data/demo_0/obs"), "ego", path));
    CHECK_FALSE(IsVirtualDataset(file.openGroup("/data/demo_0"), "actions", path));
  }
  const Hdf5Overview overview = DescribeHdf5File(path);
  std::map<std::string, std::string> described(overview.objects.begin(), overview.objects.end());
  CHECK(described.at("/data/demo_0/next_obs/ego") == "virtual dataset (a view over other datasets)");
  CHECK(described.at("/data/demo_0/obs/ego").rfind("float32 (", 0) == 0);
}

TEST_CASE("a demo's ending is checked on load: final_obs shape, terminated, the next_obs links") {
  const Dataset dataset = MakeTestDataset(2, 3);
  auto loadAfter = [&](const std::string& name, const std::function<void(H5::H5File&)>& damage) {
    const std::string path = TestPath(name);
    SaveDataset(path, dataset);
    {
      H5::H5File file(path, H5F_ACC_RDWR);
      damage(file);
    }
    return ErrorOf([&] { LoadDataset(path); });
  };
  CHECK(loadAfter("terminated2.h5", [](H5::H5File& f) {
          H5::Group demo = f.openGroup("/data/demo_1");
          demo.removeAttr("terminated");
          const int64_t two = 2;
          demo.createAttribute("terminated", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR))
              .write(H5::PredType::NATIVE_INT64, &two);
        }).find("data/demo_1: attribute \"terminated\" must be 0 or 1") != std::string::npos);
  CHECK(loadAfter("no_next.h5", [](H5::H5File& f) { f.openGroup("/data/demo_0/next_obs").unlink("ego"); })
            .find("data/demo_0: missing next_obs \"ego\"") != std::string::npos);
  CHECK(loadAfter("final_rows.h5", [](H5::H5File& f) {
          H5::Group finalObs = f.openGroup("/data/demo_0/final_obs");
          finalObs.unlink("ego");
          const hsize_t dims[2] = {2, 3};
          finalObs.createDataSet("ego", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims));
        }).find("final_obs: dataset \"ego\" has 2 rows, expected 1") != std::string::npos);
  CHECK(loadAfter("final_nan.h5", [](H5::H5File& f) {
          H5::Group finalObs = f.openGroup("/data/demo_0/final_obs");
          finalObs.unlink("brake_indicator");
          const hsize_t dims[2] = {1, 1};
          const float nan = std::numeric_limits<float>::quiet_NaN();
          finalObs.createDataSet("brake_indicator", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims))
              .write(&nan, H5::PredType::NATIVE_FLOAT);
        }).find("non-finite") != std::string::npos);
}

TEST_CASE("slices end with the observation that followed them, cut, and the last slice keeps the episode's ending") {
  Dataset dataset = MakeTestDataset(1, 5);
  const Episode& e = dataset.episodes[0];
  const Episode head = SliceEpisode(e, 0, 3);
  REQUIRE(head.ending.has_value());
  CHECK_FALSE(head.ending->terminated);
  CHECK(head.ending->obs.at("ego") == Eigen::VectorXf(e.obs.at("ego").col(3)));
  CHECK(head.dones.back() == 1);
  const Episode tail = SliceEpisode(e, 2, e.Length());
  CHECK(testing::SameEnding(tail.ending, e.ending));
  std::vector<uint8_t> flags(static_cast<size_t>(e.Length()), 1);
  flags[1] = flags[2] = 0;
  const std::vector<Episode> runs = SplitIntoRuns(e, flags);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].Length() == 1);
  CHECK(runs[1].Length() == e.Length() - 3);
  CHECK(runs[0].ending->obs.at("ego") == Eigen::VectorXf(e.obs.at("ego").col(1)));
}

TEST_CASE("exports take labelled runs, and demos without an ending are refused or lose their last step") {
  Dataset dataset = MakeTestDataset(3, 9);
  Episode& first = dataset.episodes[0];
  first.SetLabelled(2, false);  // two runs: [0, 2) and [3, T)
  std::vector<ExportedEpisode> out = EpisodesForExport(dataset, false, "in.h5");
  REQUIRE(out.size() == 4);
  CHECK(out[0].firstStep == 0);
  CHECK(out[0].episode.Length() == 2);
  CHECK(out[1].firstStep == 3);
  CHECK(out[1].sourceIndex == 0);
  CHECK(out[1].episode.Length() == first.Length() - 3);
  CHECK(out[2].sourceIndex == 1);
  for (const ExportedEpisode& x : out) {
    CHECK(x.episode.labelled.empty());
    CHECK(x.episode.ending.has_value());
    const bool valid = std::find(dataset.valid.begin(), dataset.valid.end(), x.sourceIndex) != dataset.valid.end();
    CHECK(x.valid == valid);
  }

  dataset.episodes[1].ending.reset();
  CHECK(ErrorOf([&] { EpisodesForExport(dataset, false, "in.h5"); })
            .find("in.h5: data/demo_1 has no final observation") != std::string::npos);
  out = EpisodesForExport(dataset, true, "in.h5");
  REQUIRE(out.size() == 4);
  const Episode& old = dataset.episodes[1];
  CHECK(out[2].episode.Length() == old.Length() - 1);
  CHECK_FALSE(out[2].episode.ending->terminated);
  CHECK(out[2].episode.ending->obs.at("ego") == Eigen::VectorXf(old.obs.at("ego").col(old.Length() - 1)));
}

TEST_CASE("robomimic export: actions are the labels, executed actions kept, next_obs, masks, refusals") {
  Dataset dataset = MakeTestDataset(4, 21);
  dataset.episodes[3].SetLabelled(0, false);
  const std::string out = TestPath("robomimic_export.h5");
  CHECK(ExportRobomimic(dataset, "in.h5", out, false, false) == 4);
  {
    H5::H5File file(out, H5F_ACC_RDONLY);
    long total = 0;
    for (int k = 0; k < 4; ++k) {
      const Episode& e = dataset.episodes[static_cast<size_t>(k)];
      const int first = k == 3 ? 1 : 0;
      const int steps = e.Length() - first;
      const std::string demo = "/data/demo_" + std::to_string(k);
      CHECK(ReadWhole(file, demo + "/actions") == e.labels.rightCols(steps));
      CHECK(ReadWhole(file, demo + "/executed_actions") == e.actions.rightCols(steps));
      const Eigen::MatrixXf next = ReadWhole(file, demo + "/next_obs/ego");
      CHECK(next.col(steps - 1) == e.ending->obs.at("ego"));
      const std::vector<int> dones = ReadInts(file, demo + "/dones");
      CHECK(dones.back() == (e.ending->terminated ? 1 : 0));
      CHECK(std::count(dones.begin(), dones.end(), 1) == (e.ending->terminated ? 1 : 0));
      CHECK_FALSE(file.nameExists(demo + "/labels"));
      total += steps;
    }
    int64_t written = 0;
    file.openGroup("data").openAttribute("total").read(H5::PredType::NATIVE_INT64, &written);
    CHECK(written == total);
  }
  CHECK_FALSE(IsDatasetFile(out));  // its actions are not what was executed: ildrive does not train on it
  CHECK(ErrorOf([&] { ExportRobomimic(dataset, "in.h5", out, false, false); }).find("exists (pass --force") !=
        std::string::npos);
  CHECK(ExportRobomimic(dataset, "in.h5", out, true, false) == 4);
  CHECK_FALSE(fs::exists(core::TempPathFor(out)));
}

TEST_CASE("Minari export: T+1 observations, labels as actions, bool terminations, metadata, atomic folder") {
  Dataset dataset = MakeTestDataset(3, 31);
  const std::string dir = (fs::path(TestPath("minari_marker")).parent_path() / "minari_export").string();
  fs::remove_all(dir);
  CHECK(DefaultMinariDatasetId(dataset) == "ildrive/test_scenario/mixed-v0");
  CHECK(ExportMinari(dataset, "in.h5", dir, "ildrive/test/demos-v0", false, false) == 3);
  {
    H5::H5File file(dir + "/data/main_data.hdf5", H5F_ACC_RDONLY);
    for (int i = 0; i < 3; ++i) {
      const Episode& e = dataset.episodes[static_cast<size_t>(i)];
      const std::string group = "/episode_" + std::to_string(i);
      const Eigen::MatrixXf obs = ReadWhole(file, group + "/observations/ego");
      REQUIRE(obs.cols() == e.Length() + 1);
      CHECK(obs.leftCols(e.Length()) == e.obs.at("ego"));
      CHECK(obs.col(e.Length()) == e.ending->obs.at("ego"));
      CHECK(ReadWhole(file, group + "/actions") == e.labels);
      CHECK(file.openDataSet(group + "/terminations").getTypeClass() == H5T_ENUM);
      const std::vector<int> term = ReadInts(file, group + "/terminations");
      const std::vector<int> trunc = ReadInts(file, group + "/truncations");
      CHECK(term.back() + trunc.back() == 1);
      CHECK(term.back() == (e.ending->terminated ? 1 : 0));
      const Eigen::MatrixXf executed = ReadWhole(file, group + "/infos/executed_action");
      CHECK(executed.rightCols(e.Length()) == e.actions);
      CHECK(executed.col(0).isZero());
    }
  }
  std::ifstream in(dir + "/data/metadata.json");
  const nlohmann::json meta = nlohmann::json::parse(in);
  CHECK(meta["dataset_id"] == "ildrive/test/demos-v0");
  CHECK(meta["total_episodes"] == 3);
  CHECK(meta["total_steps"] == dataset.TotalSteps());
  CHECK(meta["data_format"] == "hdf5");
  CHECK(meta["observation_space"].get<std::string>().find("\"ego\": {\"type\": \"Box\"") != std::string::npos);

  // A non-empty folder is refused and left alone; --force replaces it only once the new one is complete.
  CHECK(ErrorOf([&] { ExportMinari(dataset, "in.h5", dir, "ildrive/test/demos-v0", false, false); })
            .find("folder is not empty (pass --force") != std::string::npos);
  CHECK(ErrorOf([&] {
          core::WriteDirectoryAtomically(dir, true, [](const std::string&) { throw core::Error("interrupted"); });
        }) == "interrupted");
  CHECK(fs::exists(dir + "/data/main_data.hdf5"));
  CHECK_FALSE(fs::exists(core::TempPathFor(dir)));
  CHECK(ExportMinari(dataset, "in.h5", dir, "ildrive/test/again-v1", true, false) == 3);
  for (const std::string bad : {"noversion", "a/b-vx", "bad id-v0", "/lead-v0", "a//b-v0"})
    CHECK(ErrorOf([&] { CheckMinariDatasetId(bad); }).find("is not a Minari id") != std::string::npos);
  CHECK_NOTHROW(CheckMinariDatasetId("D4RL/door/human-v2"));
}

TEST_CASE("a file written before next_obs (the committed fuzz seed) loads without endings, exports with dropLastStep") {
  const std::string old = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/dataset/tiny.h5";
  const Dataset dataset = LoadDataset(old);
  REQUIRE(dataset.episodes.size() == 2);
  for (const Episode& e : dataset.episodes) CHECK_FALSE(e.ending.has_value());
  const std::string out = TestPath("tiny_robomimic.h5");
  CHECK(ErrorOf([&] { ExportRobomimic(dataset, old, out, false, false); })
            .find("data/demo_0 has no final observation") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  CHECK(ExportRobomimic(dataset, old, out, false, true) == 2);
  H5::H5File file(out, H5F_ACC_RDONLY);
  CHECK(ReadWhole(file, "/data/demo_0/actions").cols() == dataset.episodes[0].Length() - 1);
}

TEST_CASE("env_args carry env_kwargs (the scenario Def), and files written with scenario_def still load") {
  EnvArgs args = testing::TestEnvArgs();
  args.scenarioDef = R"({"duration":40.0})";
  const nlohmann::json json = nlohmann::json::parse(EnvArgsToJson(args));
  CHECK(json["env_kwargs"]["duration"] == 40.0);
  CHECK(json["type"] == "ildrive");
  CHECK_FALSE(json.contains("scenario_def"));
  nlohmann::json old = json;
  old.erase("env_kwargs");
  old["scenario_def"] = {{"duration", 40.0}};
  CHECK(EnvArgsFromJson(old.dump(), "old.h5") == args);
  CHECK(nlohmann::json::parse(EnvArgsToJson(testing::TestEnvArgs()))["env_kwargs"] == nlohmann::json::object());
}

}  // namespace
}  // namespace learning::data
