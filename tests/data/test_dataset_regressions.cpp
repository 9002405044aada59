// Regressions found by fuzzing the dataset loader (tests/fuzz/fuzz_dataset.cpp); each input file is kept in
// tests/fuzz/corpus/dataset/ and must give one core::Error (or load), never a crash.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/env_args.h"
#include "learning/data/hdf5_overview.h"
#include "learning/data/hdf5_util.h"
#include "tests/data/make_test_dataset.h"

namespace learning::data {
namespace {

std::string CorpusFile(const std::string& name) {
  return ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/dataset/" + name;
}

TEST_CASE("regression: a null variable-length string attribute reads as empty instead of crashing") {
  // A demo's "source" attribute with its heap address zeroed, which HDF5 reads as a NULL char*: the C++ API's
  // std::string overload called strlen(NULL) (SIGSEGV in `ildrive info` and `train --data`).
  const std::string path = CorpusFile("regression_null_vlen_string.h5");
  CHECK_THROWS_WITH_AS(LoadDataset(path), doctest::Contains("\"metrics\" is not valid JSON"), core::Error);
  CHECK_THROWS_AS(DescribeHdf5File(path), core::Error);  // the same input also has a corrupted group

  const std::string written = (std::filesystem::temp_directory_path() / "ildrive_null_vlen.h5").string();
  {
    QuietHdf5Errors();
    H5::H5File file(written, H5F_ACC_TRUNC);
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    const char* null = nullptr;
    file.createAttribute("source", type, H5::DataSpace(H5S_SCALAR)).write(type, static_cast<const void*>(&null));
  }
  H5::H5File file = OpenHdf5ForReading(written);
  CHECK(ReadStringAttribute(file, "source", written).empty());
  CHECK(AttributesAsText(file).at(0).second.empty());
}

TEST_CASE("regression (fuzz_config): a number too large for a double is a core::Error in env_args and metrics") {
  // nlohmann::json throws out_of_range (not parse_error) for 1e99999; it escaped as a non-core::Error.
  CHECK_THROWS_WITH_AS(EnvArgsFromJson(R"({"scenario": "highway", "control_rate_hz": 1e99999})", "demos.h5: data"),
                       doctest::Contains("env_args is not valid JSON"), core::Error);

  Dataset dataset = testing::MakeTestDataset(2, 5);
  const std::string path = testing::TestPath("metrics_overflow.h5");
  SaveDataset(path, dataset);
  {
    H5::H5File file(path, H5F_ACC_RDWR);
    WriteStringAttribute(file.openGroup("data/demo_0"), "metrics", R"({"progress": 1e99999})");
  }
  CHECK_THROWS_WITH_AS(LoadDataset(path), doctest::Contains("\"metrics\" is not valid JSON"), core::Error);
}

}  // namespace
}  // namespace learning::data
