#include "learning/data/hdf5_write.h"

#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"
#include "learning/data/hdf5_util.h"

namespace learning::data {

long long Hdf5BytesBound(long long rawBytes, long long objects) { return rawBytes + 2048 * objects + (64 << 10); }

void WriteHdf5FileAtomically(const std::string& path, bool copyExisting, long long extraBytes,
                             const std::string& doing, const std::function<void(H5::H5File& file)>& write) {
  QuietHdf5Errors();
  core::WriteAtomically(path, [&](const std::string& temp) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (copyExisting) {
      fs::copy_file(path, temp, fs::copy_options::overwrite_existing, error);
      if (error) throw core::Error(path + ": cannot copy it to append: " + error.message());
    } else {
      // The room for the whole file first: a read-only folder, a full disk or a file-size limit is refused here,
      // with the system's reason, before HDF5 runs. HDF5's create truncates the file again, so the room is taken
      // once more below, after the new file's first bytes (superblock and root group, ~1 KB) are written.
      core::ReserveFileSpace(temp, path, extraBytes);
      try {
        H5::H5File(temp, H5F_ACC_TRUNC).close();
      } catch (const H5::Exception& e) {
        throw core::Error(path + ": cannot create an HDF5 file beside it (" + e.getDetailMsg() + ")");
      }
    }
    const auto size = static_cast<long long>(fs::file_size(temp, error));
    if (error) throw core::Error(path + ": " + error.message());
    core::ReserveFileSpace(temp, path, size + extraBytes);
    WithHdf5Errors(path, doing, [&] {
      H5::H5File file(temp, H5F_ACC_RDWR);
      write(file);
      file.close();
    });
  });
}

}  // namespace learning::data
