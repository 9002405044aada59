#pragma once
// The fuzz harnesses' common ground: HDF5 made quiet once, each input written to a per-process temporary file
// (the loaders and hdf5_guard read files by path, so an in-memory file image would skip the raw-byte checks), and
// after each input a check that nothing was left open in HDF5's global id tables — a leaked id is a finding.
// Only core::Error is an expected outcome of a loader; anything else escapes the harness and libFuzzer reports it.
#include <H5Cpp.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.h"

namespace fuzz {

inline void QuietHdf5() {
  H5::Exception::dontPrint();
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// Writes `data` to a temporary file that lives for the scope of this object.
class InputFile {
 public:
  InputFile(const uint8_t* data, size_t size)
      : path_((std::filesystem::temp_directory_path() / ("ildrive_fuzz_" + std::to_string(::getpid()) + ".h5"))
                  .string()) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ~InputFile() { std::remove(path_.c_str()); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  const std::string& Path() const { return path_; }

 private:
  std::string path_;
};

// Runs `load`; a core::Error is the expected way to refuse bad bytes.
template <typename Load>
void ExpectLoadsOrRefuses(Load load) {
  try {
    load();
  } catch (const core::Error&) {
  }
}

// Every file, group, dataset and attribute id the loaders opened must be closed again (datatype ids are left
// out: the C++ API keeps its predefined types open for the whole process).
inline void CheckNothingLeftOpen() {
  const unsigned kinds = H5F_OBJ_FILE | H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_ATTR;
  const ssize_t open = H5Fget_obj_count(H5F_OBJ_ALL, kinds);
  if (open != 0) {
    std::fprintf(stderr, "fuzz: %zd HDF5 objects left open after the input\n", open);
    std::abort();
  }
}

}  // namespace fuzz
