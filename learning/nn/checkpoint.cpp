#include "learning/nn/checkpoint.h"

#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "learning/nn/hdf5_io.h"

namespace learning::nn {

namespace {

constexpr const char* kVersionAttribute = "nn_format_version";
constexpr const char* kParametersGroup = "parameters";

template <class T>
const H5::PredType& NativeType() {
  if constexpr (std::is_same_v<T, float>)
    return H5::PredType::NATIVE_FLOAT;
  else
    return H5::PredType::NATIVE_DOUBLE;
}

std::string Shape(hsize_t rows, hsize_t cols) { return std::to_string(rows) + "x" + std::to_string(cols); }

}  // namespace

template <class T>
void SaveParameters(const H5::Group& group, const Parameters<T>& params) {
  WriteIntAttribute(group, kVersionAttribute, kCheckpointFormatVersion);
  for (int i = 0; i < params.Count(); ++i) {
    WithHdf5Errors(DescribeHdf5Object(group), "cannot write tensor '" + params.Name(i) + "'", [&] {
      const hsize_t dims[2] = {static_cast<hsize_t>(params.Rows(i)), static_cast<hsize_t>(params.Cols(i))};
      const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = params.Value(i);
      H5::DataSet dataset = group.createDataSet(params.Name(i), NativeType<T>(), H5::DataSpace(2, dims));
      dataset.write(rowMajor.data(), NativeType<T>());
    });
  }
}

template <class T>
void LoadParameters(const H5::Group& group, Parameters<T>& params, const std::string& where) {
  const long long version = ReadIntAttribute(group, kVersionAttribute, where);
  if (version != kCheckpointFormatVersion)
    throw core::Error(where + ": parameter format version " + std::to_string(version) + ", this build reads version " +
                      std::to_string(kCheckpointFormatVersion));
  std::vector<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> loaded(
      static_cast<size_t>(params.Count()));
  WithHdf5Errors(where, "cannot read parameters", [&] {
    for (int i = 0; i < params.Count(); ++i) {
      const std::string& name = params.Name(i);
      if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET)
        throw core::Error(where + ": tensor '" + name + "' is missing from the file");
      H5::DataSet dataset = group.openDataSet(name);
      const H5::DataSpace space = dataset.getSpace();
      if (dataset.getTypeClass() != H5T_FLOAT)
        throw core::Error(where + ": tensor '" + name + "' is not floating point in the file");
      hsize_t dims[2] = {0, 0};
      if (space.getSimpleExtentNdims() != 2)
        throw core::Error(where + ": tensor '" + name + "' has rank " + std::to_string(space.getSimpleExtentNdims()) +
                          " in the file, the model expects a matrix");
      space.getSimpleExtentDims(dims);
      const hsize_t rows = static_cast<hsize_t>(params.Rows(i)), cols = static_cast<hsize_t>(params.Cols(i));
      if (dims[0] != rows || dims[1] != cols)
        throw core::Error(where + ": tensor '" + name + "' is " + Shape(dims[0], dims[1]) +
                          " in the file, the model expects " + Shape(rows, cols));
      loaded[static_cast<size_t>(i)].resize(params.Rows(i), params.Cols(i));
      dataset.read(loaded[static_cast<size_t>(i)].data(), NativeType<T>());
    }
    for (hsize_t k = 0; k < group.getNumObjs(); ++k) {
      const std::string name = group.getObjnameByIdx(k);
      if (params.Find(name) < 0)
        throw core::Error(where + ": the file holds '" + name + "', which the model does not have");
    }
  });
  for (int i = 0; i < params.Count(); ++i) params.Value(i) = loaded[static_cast<size_t>(i)];
}

template <class T>
void SaveCheckpoint(const std::string& path, const Parameters<T>& params, const std::string& configJson) {
  WriteHdf5Atomically(path, [&](H5::H5File& file) {
    WriteStringAttribute(file, "format", kCheckpointFormat);
    WriteIntAttribute(file, "format_version", kCheckpointFormatVersion);
    WriteStringAttribute(file, "config", configJson);
    SaveParameters(file.createGroup(kParametersGroup), params);
  });
}

template <class T>
std::string LoadCheckpoint(const std::string& path, Parameters<T>& params) {
  H5::H5File file = OpenHdf5ForReading(path);
  const std::string format = ReadStringAttribute(file, "format", path);
  if (format != kCheckpointFormat)
    throw core::Error(path + ": a '" + format + "' file, not an " + kCheckpointFormat);
  const long long version = ReadIntAttribute(file, "format_version", path);
  if (version != kCheckpointFormatVersion)
    throw core::Error(path + ": checkpoint format version " + std::to_string(version) + ", this build reads version " +
                      std::to_string(kCheckpointFormatVersion));
  const std::string config = ReadStringAttribute(file, "config", path);
  const std::string where = path + ":/" + kParametersGroup;
  if (!file.nameExists(kParametersGroup)) throw core::Error(where + ": group is missing");
  H5::Group group;
  WithHdf5Errors(where, "cannot open group", [&] { group = file.openGroup(kParametersGroup); });
  LoadParameters(group, params, where);
  return config;
}

template void SaveParameters(const H5::Group&, const Parameters<float>&);
template void SaveParameters(const H5::Group&, const Parameters<double>&);
template void LoadParameters(const H5::Group&, Parameters<float>&, const std::string&);
template void LoadParameters(const H5::Group&, Parameters<double>&, const std::string&);
template void SaveCheckpoint(const std::string&, const Parameters<float>&, const std::string&);
template void SaveCheckpoint(const std::string&, const Parameters<double>&, const std::string&);
template std::string LoadCheckpoint(const std::string&, Parameters<float>&);
template std::string LoadCheckpoint(const std::string&, Parameters<double>&);

}  // namespace learning::nn
