// The per-step label mask (Episode::labelled, data/demo_i/labelled): saved beside the labels in every demo, files
// without it load as fully labelled (the committed corpus file predates it), a wrong length or a value other than
// 0/1 is refused naming the demo, and unlabelled steps never become training columns.
#include <doctest/doctest.h>

#include <functional>

#include "core/error.h"
#include "learning/data/batch.h"
#include "learning/data/dataset_file.h"
#include "learning/data/hdf5_util.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

using testing::MakeTestDataset;
using testing::TestPath;

// A dataset whose demo_1 is labelled only at steps 1, 2 and 4.
Dataset MaskedDataset() {
  Dataset dataset = MakeTestDataset(3, 31);
  Episode& e = dataset.episodes[1];
  REQUIRE(e.Length() >= 6);
  for (int t = 0; t < e.Length(); ++t) e.SetLabelled(t, t == 1 || t == 2 || t == 4);
  return dataset;
}

std::string LoadError(const std::string& path) {
  try {
    LoadDataset(path);
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

// Saves MaskedDataset, lets `edit` change data/demo_1 with the raw HDF5 API, returns the loader's error.
std::string LoadErrorAfterMaskEdit(const std::string& name, const std::function<void(H5::Group&)>& edit) {
  const std::string path = TestPath(name);
  SaveDataset(path, MaskedDataset());
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_RDWR);
    H5::Group demo = file.openGroup("data/demo_1");
    demo.unlink("labelled");
    edit(demo);
  }
  const std::string message = LoadError(path);
  INFO(message);
  CHECK(message.find(path) != std::string::npos);
  CHECK(message.find("demo_1") != std::string::npos);
  CHECK(message.find("\"labelled\"") != std::string::npos);
  return message;
}

template <typename Value>
void WriteVector(H5::Group& group, const std::string& name, const std::vector<Value>& values,
                 const H5::PredType& fileType, const H5::PredType& memoryType) {
  const hsize_t dims[1] = {values.size()};
  group.createDataSet(name, fileType, H5::DataSpace(1, dims)).write(values.data(), memoryType);
}

TEST_CASE("the mask round trips and every demo holds uint8 (T,) beside its labels") {
  const Dataset dataset = MaskedDataset();
  CHECK(dataset.episodes[1].LabelledSteps() == 3);
  CHECK(dataset.episodes[0].LabelledSteps() == dataset.episodes[0].Length());
  const std::string path = TestPath("mask_round_trip.h5");
  SaveDataset(path, dataset);
  const Dataset loaded = LoadDataset(path);
  for (size_t i = 0; i < dataset.episodes.size(); ++i)
    CHECK(testing::SameEpisode(dataset.episodes[i], loaded.episodes[i]));
  CHECK(loaded.episodes[1].labelled == dataset.episodes[1].labelled);

  QuietHdf5Errors();
  H5::H5File file(path, H5F_ACC_RDONLY);
  for (size_t i = 0; i < dataset.episodes.size(); ++i) {
    H5::Group demo = file.openGroup("data/demo_" + std::to_string(i));
    REQUIRE(demo.nameExists("labelled"));  // also in fully labelled demos, so h5py readers always find it
    H5::DataSet mask = demo.openDataSet("labelled");
    CHECK(mask.getDataType() == H5::PredType::STD_U8LE);
    const std::vector<uint8_t> flags = ReadUint8Vector(demo, "labelled", "test");
    REQUIRE(static_cast<int>(flags.size()) == dataset.episodes[i].Length());
    for (int t = 0; t < dataset.episodes[i].Length(); ++t)
      CHECK((flags[static_cast<size_t>(t)] != 0) == dataset.episodes[i].IsLabelled(t));
  }
}

TEST_CASE("appending an episode with a mask keeps it") {
  const Dataset dataset = MaskedDataset();
  const std::string path = TestPath("mask_append.h5");
  Dataset partial = dataset;
  partial.episodes.resize(1);
  MakeSplit(partial, 0.0, 1);
  SaveDataset(path, partial);
  partial.episodes.push_back(dataset.episodes[1]);
  MakeSplit(partial, 0.0, 1);
  AppendLastEpisode(path, partial);
  CHECK(LoadDataset(path).episodes[1].labelled == dataset.episodes[1].labelled);
}

TEST_CASE("a file without the mask loads as fully labelled") {
  const std::string path = TestPath("mask_absent.h5");
  SaveDataset(path, MaskedDataset());
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_RDWR);
    for (int i = 0; i < 3; ++i) file.openGroup("data/demo_" + std::to_string(i)).unlink("labelled");
  }
  const Dataset loaded = LoadDataset(path);
  for (const Episode& e : loaded.episodes) CHECK(e.LabelledSteps() == e.Length());

  // The committed corpus file was written before the mask existed (format_version 1 all the same).
  const Dataset old = LoadDataset(ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/dataset/tiny.h5");
  REQUIRE_FALSE(old.episodes.empty());
  for (const Episode& e : old.episodes) {
    CHECK(e.labelled.empty());
    CHECK(e.LabelledSteps() == e.Length());
  }
}

TEST_CASE("a mask of the wrong length or with values other than 0/1 is refused naming the demo") {
  const int length = MaskedDataset().episodes[1].Length();
  const std::string shorter = LoadErrorAfterMaskEdit("mask_short.h5", [&](H5::Group& demo) {
    WriteUint8Vector(demo, "labelled", std::vector<uint8_t>(static_cast<size_t>(length - 1), 1));
  });
  CHECK(shorter.find("expected one per step") != std::string::npos);
  const std::string two = LoadErrorAfterMaskEdit("mask_two.h5", [&](H5::Group& demo) {
    std::vector<uint8_t> flags(static_cast<size_t>(length), 1);
    flags[3] = 2;
    WriteUint8Vector(demo, "labelled", flags);
  });
  CHECK(two.find("0 or 1 (step 3 holds 2)") != std::string::npos);
  // Wider or signed integers are checked as stored, not clamped into range by the conversion.
  const std::string negative = LoadErrorAfterMaskEdit("mask_negative.h5", [&](H5::Group& demo) {
    std::vector<int8_t> flags(static_cast<size_t>(length), 0);
    flags[2] = -1;
    WriteVector(demo, "labelled", flags, H5::PredType::STD_I8LE, H5::PredType::NATIVE_INT8);
  });
  CHECK(negative.find("step 2 holds -1") != std::string::npos);
  const std::string wide = LoadErrorAfterMaskEdit("mask_wide.h5", [&](H5::Group& demo) {
    std::vector<int32_t> flags(static_cast<size_t>(length), 1);
    flags[0] = 257;
    WriteVector(demo, "labelled", flags, H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT32);
  });
  CHECK(wide.find("step 0 holds 257") != std::string::npos);
  const std::string floats = LoadErrorAfterMaskEdit("mask_float.h5", [&](H5::Group& demo) {
    WriteFloatMatrix(demo, "labelled", Eigen::MatrixXf::Ones(1, length), /*asVector=*/true);
  });
  CHECK(floats.find("integers") != std::string::npos);
  const std::string matrix = LoadErrorAfterMaskEdit("mask_matrix.h5", [&](H5::Group& demo) {
    const hsize_t dims[2] = {static_cast<hsize_t>(length), 2};
    std::vector<uint8_t> flags(static_cast<size_t>(2 * length), 1);
    demo.createDataSet("labelled", H5::PredType::STD_U8LE, H5::DataSpace(2, dims))
        .write(flags.data(), H5::PredType::NATIVE_UINT8);
  });
  CHECK(matrix.find("expected (T,)") != std::string::npos);

  // In memory the same rules hold before anything is written.
  Dataset bad = MaskedDataset();
  bad.episodes[2].labelled.assign(2, 1);
  CHECK_THROWS_WITH_AS(SaveDataset(TestPath("mask_bad_save.h5"), bad), doctest::Contains("demo_2"), core::Error);
  bad = MaskedDataset();
  bad.episodes[1].labelled[0] = 7;
  CHECK_THROWS_WITH_AS(bad.Validate("memory"), doctest::Contains("\"labelled\" must hold 0 or 1"), core::Error);
}

TEST_CASE("unlabelled steps are left out of batches, they still serve as history") {
  const Dataset dataset = MaskedDataset();
  const Episode& e = dataset.episodes[1];
  BatchDef def{.obsKeys = {"ego"}, .history = 3, .chunk = 1, .split = Split::kAll};
  const Batch batch = GatherBatch(dataset, def);
  const int total = dataset.TotalSteps();
  REQUIRE(batch.features.cols() == total - e.Length() + 3);
  std::vector<int> steps;
  for (Eigen::Index c = 0; c < batch.features.cols(); ++c) {
    if (batch.episode[static_cast<size_t>(c)] != 1) continue;
    const int t = batch.step[static_cast<size_t>(c)];
    steps.push_back(t);
    CHECK(batch.labels.col(c) == e.labels.col(t));
    // History frames come from the unlabelled steps before it.
    CHECK(batch.features.block(0, c, 3, 1) == e.obs.at("ego").col(std::max(t - 2, 0)));
    CHECK(batch.features.block(3, c, 3, 1) == e.obs.at("ego").col(std::max(t - 1, 0)));
  }
  CHECK(steps == std::vector<int>{1, 2, 4});

  // A chunk is a column only when every label in it is real: steps 1-2 form the one chunk of 2 that is.
  def.history = 1;
  def.chunk = 2;
  const Batch chunks = GatherBatch(dataset, def);
  steps.clear();
  for (Eigen::Index c = 0; c < chunks.features.cols(); ++c)
    if (chunks.episode[static_cast<size_t>(c)] == 1) steps.push_back(chunks.step[static_cast<size_t>(c)]);
  CHECK(steps == std::vector<int>{1});
}

}  // namespace
}  // namespace learning::data
