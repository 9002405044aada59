#pragma once
// Small HDF5 helpers for checkpoints (C++ API). Every function turns HDF5's exceptions into core::Error with a
// message naming the file (and object), and switches off HDF5's own error-stack printing first.
#include <H5Cpp.h>

#include <functional>
#include <string>

namespace learning::nn {

// Creates `path` through core::WriteAtomically: write(file) fills a fresh file at a temporary path, which is
// renamed over `path` only when everything succeeded.
void WriteHdf5Atomically(const std::string& path, const std::function<void(H5::H5File& file)>& write);

// Opens an existing file read-only; throws core::Error("<path>: not a readable HDF5 file") otherwise.
H5::H5File OpenHdf5ForReading(const std::string& path);

// Scalar attributes. Strings are variable-length UTF-8 (h5py reads them as str). Readers throw core::Error
// naming `where` and the attribute when it is missing or of the wrong kind.
void WriteStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value);
void WriteIntAttribute(const H5::H5Object& object, const std::string& name, long long value);
std::string ReadStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);
long long ReadIntAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);

// "file.h5:/group/object" for messages.
std::string DescribeHdf5Object(const H5::H5Object& object);

// Runs body(), converting any H5::Exception into core::Error("<where>: <what> (<HDF5's detail>)").
void WithHdf5Errors(const std::string& where, const std::string& what, const std::function<void()>& body);

}  // namespace learning::nn
