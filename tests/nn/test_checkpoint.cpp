#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/nn/checkpoint.h"
#include "learning/nn/hdf5_io.h"
#include "learning/nn/mlp.h"

namespace learning::nn {
namespace {

std::string TempPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(ILDRIVE_BINARY_DIR) / "test_nn_files";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// A small model: an MLP and one extra tensor.
struct Model {
  Parameters<float> params;
  Mlp<float> mlp;
  explicit Model(uint64_t seed, int hidden = 8) {
    core::Rng rng(seed);
    mlp = Mlp<float>(params, "mlp", MlpDef{3, {hidden}, 2}, rng);
    params.Add("log_std", 2, 1, false).Value() << 0.25f, -1.5f;
  }
};

std::string ErrorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

TEST_CASE("save then load restores every parameter exactly, with the config") {
  const std::string path = TempPath("round_trip.h5");
  Model a(1), b(2);
  SaveCheckpoint(path, a.params, R"({"policy":"mlp"})");
  CHECK(a.params.FlatValues() != b.params.FlatValues());
  const std::string config = LoadCheckpoint(path, b.params);
  CHECK(config == R"({"policy":"mlp"})");
  CHECK(std::memcmp(a.params.FlatValues().data(), b.params.FlatValues().data(),
                    sizeof(float) * static_cast<size_t>(a.params.FlatSize())) == 0);
}

TEST_CASE("mismatched checkpoints are rejected naming the first mismatch, leaving the model unchanged") {
  const std::string path = TempPath("mismatch.h5");
  Model saved(1);
  SaveCheckpoint(path, saved.params, "{}");

  Model wider(3, 16);
  const Vec<float> before = wider.params.FlatValues();
  const std::string shape = ErrorOf([&] { LoadCheckpoint(path, wider.params); });
  CHECK(shape.find("tensor 'mlp.0.weight' is 8x3 in the file, the model expects 16x3") != std::string::npos);
  CHECK(shape.find(path + ":/parameters") == 0);
  CHECK(wider.params.FlatValues() == before);

  Parameters<float> renamed;
  core::Rng rng(4);
  Mlp<float> other(renamed, "net", MlpDef{3, {8}, 2}, rng);
  CHECK(ErrorOf([&] { LoadCheckpoint(path, renamed); }).find("tensor 'net.0.weight' is missing") != std::string::npos);

  Parameters<float> fewer;
  Mlp<float> same(fewer, "mlp", MlpDef{3, {8}, 2}, rng);  // no log_std: the file holds a tensor the model lacks
  CHECK(ErrorOf([&] { LoadCheckpoint(path, fewer); }).find("holds 'log_std'") != std::string::npos);
}

TEST_CASE("corrupt files, other files and other versions are rejected with a clear message") {
  Model model(1);
  const std::string garbage = TempPath("garbage.h5");
  core::WriteFileAtomically(garbage, "this is not HDF5");
  CHECK(ErrorOf([&] { LoadCheckpoint(garbage, model.params); }).find(garbage + ": not a readable HDF5 file") == 0);

  const std::string good = TempPath("good.h5");
  SaveCheckpoint(good, model.params, "{}");
  const std::string bytes = core::ReadFile(good);
  const std::string truncated = TempPath("truncated.h5");
  core::WriteFileAtomically(truncated, bytes.substr(0, bytes.size() / 2));
  CHECK_FALSE(ErrorOf([&] { LoadCheckpoint(truncated, model.params); }).empty());

  const std::string otherFormat = TempPath("other_format.h5");
  WriteHdf5Atomically(otherFormat, [](H5::H5File& file) { WriteStringAttribute(file, "format", "robomimic"); });
  CHECK(ErrorOf([&] { LoadCheckpoint(otherFormat, model.params); }).find("a 'robomimic' file") != std::string::npos);

  const std::string future = TempPath("future.h5");
  WriteHdf5Atomically(future, [&](H5::H5File& file) {
    WriteStringAttribute(file, "format", kCheckpointFormat);
    WriteIntAttribute(file, "format_version", kCheckpointFormatVersion + 1);
  });
  CHECK(ErrorOf([&] { LoadCheckpoint(future, model.params); }).find("format version 2") != std::string::npos);

  const std::string missing = TempPath("does_not_exist.h5");
  std::filesystem::remove(missing);
  CHECK_FALSE(ErrorOf([&] { LoadCheckpoint(missing, model.params); }).empty());
}

TEST_CASE("parameters can be saved into a group of a file the caller composes") {
  const std::string path = TempPath("composed.h5");
  Model a(1), b(2);
  WriteHdf5Atomically(path, [&](H5::H5File& file) {
    WriteStringAttribute(file, "policy", "gaussian");
    SaveParameters(file.createGroup("encoder"), a.params);
  });
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK(ReadStringAttribute(file, "policy", path) == "gaussian");
  LoadParameters(file.openGroup("encoder"), b.params, path + ":/encoder");
  CHECK(a.params.FlatValues() == b.params.FlatValues());
  CHECK(ErrorOf([&] { ReadIntAttribute(file, "policy", path); }).find("'policy' is not an integer") != std::string::npos);
}

TEST_CASE("a failed write raises core::Error and leaves no file behind") {
  const std::string path = TempPath("failed_write.h5");
  std::filesystem::remove(path);
  Model model(1);
  const std::string error = ErrorOf([&] {
    WriteHdf5Atomically(path, [&](H5::H5File& file) {
      H5::Group group = file.createGroup("parameters");
      SaveParameters(group, model.params);
      SaveParameters(group, model.params);  // every name is taken now
    });
  });
  CHECK(error.find("cannot write attribute 'nn_format_version'") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace learning::nn
