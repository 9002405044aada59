#pragma once
// Thin helpers over the HDF5 C++ API shared by dataset and checkpoint files: typed attributes (strings as
// variable-length UTF-8, which h5py reads as str), float matrices stored as row-major (T × dim) datasets, and
// errors turned into one-line core::Error messages. HDF5's own error-stack printing is switched off.
#include <H5Cpp.h>

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace learning::data {

// Idempotent; call before any HDF5 work so failures print one line of ours, not HDF5's stack.
void QuietHdf5Errors();

// Runs `body`, turning HDF5 exceptions into one core::Error line naming the file and what was being done.
template <typename Body>
auto WithHdf5Errors(const std::string& path, const std::string& doing, Body body) {
  QuietHdf5Errors();
  try {
    return body();
  } catch (const H5::Exception& e) {
    throw core::Error(path + ": " + doing + " failed (" + e.getDetailMsg() + ")");
  }
}

// A dataset's extent, and its text as numpy prints shapes: "(64, 256)", "(5,)".
std::vector<hsize_t> Dims(const H5::DataSet& dataset);
std::string ShapeText(const std::vector<hsize_t>& dims);

// Opens an existing HDF5 file read-only; a missing, empty, truncated or non-HDF5 file is a core::Error.
H5::H5File OpenHdf5ForReading(const std::string& path);

// Whether `object` has attribute `name`, after checking its attribute messages' raw bytes (hdf5_guard.h) so HDF5
// never decodes a corrupted one. Every reader below goes through it.
bool HasAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);

void WriteStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value);
// Fixed-length UTF-8 (no global heap; h5py reads it as bytes): for files no Python tool must read as str.
void WriteFixedStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value);
void WriteIntAttribute(const H5::H5Object& object, const std::string& name, int64_t value);
void WriteUint64Attribute(const H5::H5Object& object, const std::string& name, uint64_t value);
void WriteUint8Attribute(const H5::H5Object& object, const std::string& name, uint8_t value);

// Readers check presence, type class and scalar shape; errors name `where` and the attribute. Variable-length
// strings are checked against the file's raw bytes first (hdf5_guard.h); fixed-length ones are read as well.
std::string ReadStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);
int64_t ReadIntAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);
uint64_t ReadUint64Attribute(const H5::H5Object& object, const std::string& name, const std::string& where);

// Every attribute of `object` as (name, printable value); arrays are shown as [a, b, …] (long ones shortened).
std::vector<std::pair<std::string, std::string>> AttributesAsText(const H5::H5Object& object);

// (rows, cols) column-major matrix → (cols × rows) row-major float32 dataset; `asVector` drops the unit width
// (a (1, T) matrix becomes a rank-1 dataset of T).
void WriteFloatMatrix(const H5::Group& group, const std::string& name, const Eigen::MatrixXf& matrix,
                      bool asVector = false);
// Reads a float dataset of shape (T, rows) — or (T) when rows == 0 means "rank 1" — into a (rows, T) matrix.
// Checks the type class, rank and width; T is returned as read.
Eigen::MatrixXf ReadFloatMatrix(const H5::Group& group, const std::string& name, int rows, const std::string& where);

void WriteUint8Vector(const H5::Group& group, const std::string& name, const std::vector<uint8_t>& values);
std::vector<uint8_t> ReadUint8Vector(const H5::Group& group, const std::string& name, const std::string& where);
// Any integer dataset of rank 1, widened to int64 (so a range check sees -1 or 256 as they are, not clamped).
std::vector<int64_t> ReadInt64Vector(const H5::Group& group, const std::string& name, const std::string& where);

// The rows [0, rows) of a (rows, cols) float32 virtual dataset `name`, assembled from pieces of other float32
// datasets in the same file (absolute paths), each contributing `count` rows starting at `first` and reaching its
// source's last row.
struct VirtualRows {
  std::string source;  // absolute path of a (first + count, cols) float32 dataset in the same file
  long first = 0;
  long count = 0;
};
void WriteVirtualFloatRows(const H5::Group& group, const std::string& name, long cols,
                           const std::vector<VirtualRows>& pieces);

// A rank-1 dataset of variable-length UTF-8 strings (robomimic masks); reading also accepts fixed-length strings.
void WriteStringVector(const H5::Group& group, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> ReadStringVector(const H5::Group& group, const std::string& name, const std::string& where);

// Numbers must be 1, 2, 4 or 8 bytes and fixed-length strings at most 64 KiB, else core::Error naming `where`:
// HDF5 sizes its conversion buffers from the file's element size (a float "of 872 MB" took 4.5 s and 870 MB to
// refuse; found by fuzzing).
void CheckElementSize(const H5::DataSet& dataset, const std::string& where);

// The dataset's extent must fit its file (stored, or compressed at most 1024:1), else core::Error: readers
// allocate from the extent, and HDF5 fills unwritten storage with fill values.
void CheckExtent(const H5::DataSet& dataset, const std::string& where);

// Opens a child group, or throws core::Error "<where>: missing group \"name\"".
H5::Group OpenGroup(const H5::Group& parent, const std::string& name, const std::string& where);

}  // namespace learning::data
