#pragma once
// Writing an HDF5 file so that a full disk or a file-size limit is one clean error, never a crash.
//
// HDF5 1.10.8 (Debian 12) cannot take a failed write: when a write or the flush at H5Fclose fails (no space left,
// file too large), H5Fclose frees the file but keeps its id, and the library's exit handler closes that id again:
// SIGSEGV at exit, after "H5File::~H5File - H5Fclose failed" on stderr (HDF5's HDFFV-11052 family, fixed upstream
// after 1.10.8). So HDF5 must never meet a full disk: the disk space of the whole file is reserved (posix_fallocate)
// before HDF5 writes a byte of it, and a file that does not fit is refused there, naming the file. HDF5 truncates
// the file to what it used when it closes it.
#include <H5Cpp.h>

#include <functional>
#include <string>

namespace learning::data {

// Through core::WriteAtomically: write(file) fills a temporary file beside `path` (a new file, or with
// `copyExisting` a copy of `path`), opened read-write on at least `extraBytes` of reserved space beyond its
// current size, then the file replaces `path`. `doing` names the operation in HDF5 errors ("writing the dataset").
// `extraBytes` must bound what write() adds (raw values plus HDF5's object headers: Hdf5BytesBound).
void WriteHdf5FileAtomically(const std::string& path, bool copyExisting, long long extraBytes,
                             const std::string& doing, const std::function<void(H5::H5File& file)>& write);

// A bound on the HDF5 bytes of `rawBytes` of values in `objects` groups, datasets and attributes: 2 KiB per
// object (measured: ~520 bytes per object on average, headers, B-tree nodes, heaps and global heap collections
// of variable-length strings together, over a 10,000-episode dataset; `ildrive bench data`) plus 64 KiB for the
// superblock, root group and free-space bookkeeping.
long long Hdf5BytesBound(long long rawBytes, long long objects);

}  // namespace learning::data
