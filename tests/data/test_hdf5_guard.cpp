// The raw-byte guard in front of HDF5's global heap: good variable-length strings read as before; corrupted heap
// collections and heap IDs (the policy file that hung HDF5 1.10, tests/reliability/README.md) are refused with
// one core::Error instead of a hang or an out-of-bounds read inside the library.
#include "learning/data/hdf5_guard.h"

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/error.h"
#include "learning/data/dataset_file.h"
#include "learning/data/hdf5_overview.h"
#include "learning/data/hdf5_util.h"

namespace learning::data {
namespace {

std::string GuardPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "ildrive_test_hdf5_guard";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::vector<uint8_t> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                              static_cast<std::streamsize>(bytes.size()));
}

// A file with two variable-length string attributes on the root and a variable-length string dataset.
void WriteVariableStrings(const std::string& path) {
  QuietHdf5Errors();
  H5::H5File file(path, H5F_ACC_TRUNC);
  WriteStringAttribute(file, "config", R"({"policy":"mse","width":16})");
  WriteStringAttribute(file, "kind", "ildrive.policy");
  WriteStringVector(file, "names", {"demo_0", "demo_1", "demo_2"});
}

// Offset of the global heap object with `index` in the file's first collection (its 16-byte object header).
size_t HeapObject(const std::vector<uint8_t>& bytes, int index) {
  const uint8_t* found = static_cast<const uint8_t*>(memmem(bytes.data(), bytes.size(), "GCOL", 4));
  REQUIRE(found != nullptr);
  size_t p = static_cast<size_t>(found - bytes.data()) + 16;
  for (int guard = 0; guard < 64; ++guard) {
    const int at = bytes[p] | bytes[p + 1] << 8;
    uint64_t size = 0;
    std::memcpy(&size, &bytes[p + 8], 8);
    if (at == index) return p;
    REQUIRE(at != 0);
    p += 16 + ((size + 7) & ~uint64_t{7});
  }
  FAIL("no such heap object");
  return 0;
}

std::string ReadConfig(const std::string& path) {
  H5::H5File file = OpenHdf5ForReading(path);
  return ReadStringAttribute(file, "config", path);
}

TEST_CASE("variable-length strings pass the guard and read back") {
  const std::string path = GuardPath("good.h5");
  WriteVariableStrings(path);
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK(ReadStringAttribute(file, "config", path) == R"({"policy":"mse","width":16})");
  CHECK(ReadStringAttribute(file, "kind", path) == "ildrive.policy");
  CHECK(ReadStringVector(file, "names", path) == std::vector<std::string>{"demo_0", "demo_1", "demo_2"});
  CHECK(AttributesAsText(file).size() == 2);
}

TEST_CASE("many attributes (object header continuation chunks) are still located") {
  const std::string path = GuardPath("many.h5");
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_TRUNC);
    for (int i = 0; i < 40; ++i) WriteStringAttribute(file, "attribute_" + std::to_string(i), std::string(50, 'a' + i % 26));
  }
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK(ReadStringAttribute(file, "attribute_39", path) == std::string(50, 'a' + 39 % 26));
}

TEST_CASE("fixed-length string attributes round-trip without the global heap") {
  const std::string path = GuardPath("fixed.h5");
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_TRUNC);
    WriteFixedStringAttribute(file, "config", R"({"a":1})");
    WriteFixedStringAttribute(file, "empty", "");
  }
  const std::vector<uint8_t> bytes = ReadBytes(path);
  CHECK(memmem(bytes.data(), bytes.size(), "GCOL", 4) == nullptr);
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK(ReadStringAttribute(file, "config", path) == R"({"a":1})");
  CHECK(ReadStringAttribute(file, "empty", path).empty());
}

TEST_CASE("a free-space object of size 0 (HDF5 1.10 loops forever on it) is refused") {
  const std::string path = GuardPath("zero_free.h5");
  WriteVariableStrings(path);
  std::vector<uint8_t> bytes = ReadBytes(path);
  const size_t free = HeapObject(bytes, 0);
  std::memset(&bytes[free + 8], 0, 8);
  WriteBytes(path, bytes);
  CHECK_THROWS_WITH_AS(ReadConfig(path), doctest::Contains("loop forever"), core::Error);
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK_THROWS_WITH_AS(ReadStringVector(file, "names", path), doctest::Contains("loop forever"), core::Error);
  CHECK_THROWS_WITH_AS(DescribeHdf5File(path), doctest::Contains("loop forever"), core::Error);
}

TEST_CASE("a heap ID naming a missing object or a wrong-sized one is refused") {
  const std::string path = GuardPath("bad_index.h5");
  WriteVariableStrings(path);
  const std::vector<uint8_t> good = ReadBytes(path);
  const std::string config = ReadConfig(path);
  const size_t object = HeapObject(good, 1);  // the first string written: "config"
  uint64_t size = 0;
  std::memcpy(&size, &good[object + 8], 8);
  REQUIRE(size == config.size());

  std::vector<uint8_t> renumbered = good;
  renumbered[object] = 200;  // object 1 becomes object 200: the attribute's heap ID names nothing
  WriteBytes(path, renumbered);
  CHECK_THROWS_WITH_AS(ReadConfig(path), doctest::Contains("does not hold it"), core::Error);

  std::vector<uint8_t> longer = good;
  longer[object + 8] = static_cast<uint8_t>(size + 1);  // still inside its padding: only the length disagrees
  WriteBytes(path, longer);
  CHECK_THROWS_WITH_AS(ReadConfig(path), doctest::Contains("global heap object of"), core::Error);

  std::vector<uint8_t> huge = good;
  huge[object + 15] = 0x7f;  // an object that runs past the collection
  WriteBytes(path, huge);
  CHECK_THROWS_WITH_AS(ReadConfig(path), doctest::Contains("runs past"), core::Error);
}

TEST_CASE("regression: the policy file that hung HDF5 1.10 is refused at once") {
  // 64 bytes flipped through a policy file of the variable-length format (tests/reliability/make_malformed.py);
  // one flip turned the heap's free-space size 3496 into 3415, leaving a size-0 free-space object behind it.
  const std::string path = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/policy/regression_heap_free_zero.h5";
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK_THROWS_WITH_AS(ReadStringAttribute(file, "kind", path), doctest::Contains("loop forever"), core::Error);
  CHECK_THROWS_WITH_AS(DescribeHdf5File(path), doctest::Contains("loop forever"), core::Error);
}

TEST_CASE("regression (fuzz_policy): an attribute message whose dataspace size runs past it is refused") {
  // One byte of the "kind" attribute message's dataspace size set (8 → 19976): HDF5 1.10's H5O__attr_decode
  // trusted it and read freed memory (ASan heap-use-after-free under H5Aexists).
  const std::string path = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/policy/regression_attr_dataspace_size.h5";
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK_THROWS_WITH_AS(HasAttribute(file, "kind", path), doctest::Contains("run past its end"), core::Error);
  CHECK_THROWS_WITH_AS(DescribeHdf5File(path), doctest::Contains("run past its end"), core::Error);
}

TEST_CASE("regression (fuzz_policy): a root object header claiming 2^58 bytes is one error, not a crash") {
  // libhdf5 mallocs the claimed size while opening the file and turns the failed allocation into an error (under
  // ASan this needs allocator_may_return_null=1, as `make sanitize` and `make fuzz` set).
  const std::string path = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/policy/regression_header_chunk_huge.h5";
  CHECK_THROWS_WITH_AS(OpenHdf5ForReading(path), doctest::Contains("not a readable HDF5 file"), core::Error);
}

TEST_CASE("regression (fuzz_policy): a float dataset of 872 MB elements is refused before HDF5 reads it") {
  // HDF5 sized its conversion buffer from the element size: 4.5 s and 870 MB to fail on a 7.5 kB policy file.
  const std::string path = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/policy/regression_float_element_huge.h5";
  H5::H5File file = OpenHdf5ForReading(path);
  const H5::DataSet bias = file.openDataSet("weights/encoder.mlp.0.bias");
  CHECK_THROWS_WITH_AS(CheckElementSize(bias, path), doctest::Contains("elements of 872415236 bytes"), core::Error);
  CHECK_NOTHROW(CheckElementSize(file.openDataSet("weights/encoder.mlp.0.weight"), path));
}

TEST_CASE("a dataset claiming more elements than its file can hold is refused before anything is allocated") {
  const std::string path = GuardPath("huge_extent.h5");
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_TRUNC);
    const hsize_t dims[2] = {hsize_t{1} << 32, 2};  // never written: HDF5 would return 32 GB of fill values
    file.createDataSet("actions", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims));
  }
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK_THROWS_WITH_AS(ReadFloatMatrix(file, "actions", 2, path), doctest::Contains("more than the file can hold"),
                       core::Error);
}

TEST_CASE("attribute messages: a name without its terminator or an unchecked datatype class is refused") {
  const std::string path = GuardPath("attribute_messages.h5");
  {
    QuietHdf5Errors();
    H5::H5File file(path, H5F_ACC_TRUNC);
    WriteIntAttribute(file, "count", 3);
  }
  const std::vector<uint8_t> good = ReadBytes(path);
  const uint8_t* name = static_cast<const uint8_t*>(memmem(good.data(), good.size(), "count\0", 6));
  REQUIRE(name != nullptr);
  const size_t at = static_cast<size_t>(name - good.data());
  {
    H5::H5File file = OpenHdf5ForReading(path);
    CHECK(HasAttribute(file, "count", path));
    CHECK(ReadIntAttribute(file, "count", path) == 3);
  }
  std::vector<uint8_t> unterminated = good;
  unterminated[at + 5] = 'x';
  WriteBytes(path, unterminated);
  {
    H5::H5File file = OpenHdf5ForReading(path);
    CHECK_THROWS_WITH_AS(HasAttribute(file, "count", path), doctest::Contains("stored length"), core::Error);
  }
  std::vector<uint8_t> compound = good;
  compound[at + 8] = static_cast<uint8_t>((compound[at + 8] & 0xF0) | 6);  // the datatype becomes a compound
  WriteBytes(path, compound);
  H5::H5File file = OpenHdf5ForReading(path);
  CHECK_THROWS_WITH_AS(ReadIntAttribute(file, "count", path), doctest::Contains("datatype class 6"), core::Error);
}

TEST_CASE("regression: a null variable-length string attribute reads as empty instead of crashing") {
  // Found by fuzz_dataset (the input is kept in tests/fuzz/corpus/dataset/): a demo's "source" attribute with its
  // heap address zeroed, which HDF5 reads as a NULL char*: the C++ API's std::string overload called strlen(NULL)
  // (SIGSEGV in `ildrive info` and `train --data`).
  const std::string path = ILDRIVE_SOURCE_DIR "/tests/fuzz/corpus/dataset/regression_null_vlen_string.h5";
  CHECK_THROWS_WITH_AS(LoadDataset(path), doctest::Contains("\"metrics\" is not valid JSON"), core::Error);
  CHECK_THROWS_AS(DescribeHdf5File(path), core::Error);  // the same input also has a corrupted group

  const std::string written = GuardPath("null_vlen.h5");
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

}  // namespace
}  // namespace learning::data
