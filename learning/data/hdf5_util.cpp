#include "learning/data/hdf5_util.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "core/error.h"
#include "learning/data/hdf5_guard.h"

namespace learning::data {

namespace {

H5::StrType VariableUtf8() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

// Replaces an attribute so writers can update files in place.
H5::Attribute CreateScalarAttribute(const H5::H5Object& object, const std::string& name, const H5::DataType& type) {
  if (object.attrExists(name)) object.removeAttr(name);
  return object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
}

H5::Attribute OpenScalarAttribute(const H5::H5Object& object, const std::string& name, const std::string& where,
                                  H5T_class_t expectedClass, const char* expected) {
  if (!HasAttribute(object, name, where)) throw core::Error(where + ": missing attribute \"" + name + "\"");
  H5::Attribute attribute = object.openAttribute(name);
  if (attribute.getTypeClass() != expectedClass || attribute.getSpace().getSimpleExtentNpoints() != 1)
    throw core::Error(where + ": attribute \"" + name + "\" must be a single " + expected);
  return attribute;
}

// A scalar string attribute's value. Variable-length ones are read through a char* (the C++ API's std::string
// overload calls strlen on the NULL that HDF5 returns for a null string: a crash found by fuzz_dataset).
std::string ReadScalarString(const H5::Attribute& attribute, const H5::StrType& type) {
  std::string value;
  if (!type.isVariableStr()) {
    attribute.read(type, value);
    return value;
  }
  char* text = nullptr;
  attribute.read(type, static_cast<void*>(&text));
  if (text != nullptr) value = text;
  H5free_memory(text);
  return value;
}

H5::DataSet OpenDataSet(const H5::Group& group, const std::string& name, const std::string& where,
                        H5T_class_t expectedClass, const char* expected) {
  if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET)
    throw core::Error(where + ": missing dataset \"" + name + "\"");
  H5::DataSet dataset = group.openDataSet(name);
  if (dataset.getTypeClass() != expectedClass)
    throw core::Error(where + ": dataset \"" + name + "\" must hold " + expected);
  CheckElementSize(dataset, where + ": dataset \"" + name + "\"");
  CheckExtent(dataset, where + ": dataset \"" + name + "\"");
  return dataset;
}

}  // namespace

void QuietHdf5Errors() { H5::Exception::dontPrint(); }

std::vector<hsize_t> Dims(const H5::DataSet& dataset) {
  H5::DataSpace space = dataset.getSpace();
  std::vector<hsize_t> dims(static_cast<size_t>(space.getSimpleExtentNdims()));
  space.getSimpleExtentDims(dims.data());
  return dims;
}

std::string ShapeText(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (size_t i = 0; i < dims.size(); ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
  return text + (dims.size() == 1 ? ",)" : ")");
}

bool HasAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  CheckAttributeMessages(object, where);
  return object.attrExists(name);
}

H5::H5File OpenHdf5ForReading(const std::string& path) {
  QuietHdf5Errors();
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw core::Error(path + ": no such file");
  if (info.st_size == 0) throw core::Error(path + ": empty file, not an HDF5 file");
  try {
    return H5::H5File(path, H5F_ACC_RDONLY);
  } catch (const H5::Exception&) {
    throw core::Error(path + ": not a readable HDF5 file (wrong format, truncated or unreadable)");
  }
}

void WriteStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value) {
  const H5::StrType type = VariableUtf8();
  CreateScalarAttribute(object, name, type).write(type, value);
}

void WriteFixedStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value) {
  H5::StrType type(H5::PredType::C_S1, std::max<size_t>(value.size(), 1));
  type.setCset(H5T_CSET_UTF8);
  type.setStrpad(H5T_STR_NULLPAD);
  CreateScalarAttribute(object, name, type).write(type, value);
}

void WriteIntAttribute(const H5::H5Object& object, const std::string& name, int64_t value) {
  CreateScalarAttribute(object, name, H5::PredType::STD_I64LE).write(H5::PredType::NATIVE_INT64, &value);
}

void WriteUint64Attribute(const H5::H5Object& object, const std::string& name, uint64_t value) {
  CreateScalarAttribute(object, name, H5::PredType::STD_U64LE).write(H5::PredType::NATIVE_UINT64, &value);
}

void WriteUint8Attribute(const H5::H5Object& object, const std::string& name, uint8_t value) {
  CreateScalarAttribute(object, name, H5::PredType::STD_U8LE).write(H5::PredType::NATIVE_UINT8, &value);
}

std::string ReadStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  H5::Attribute attribute = OpenScalarAttribute(object, name, where, H5T_STRING, "string");
  const H5::StrType type = attribute.getStrType();
  if (type.isVariableStr()) CheckVariableStringAttribute(object, name, where);
  return ReadScalarString(attribute, type);
}

int64_t ReadIntAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  H5::Attribute attribute = OpenScalarAttribute(object, name, where, H5T_INTEGER, "integer");
  int64_t value = 0;
  attribute.read(H5::PredType::NATIVE_INT64, &value);
  return value;
}

uint64_t ReadUint64Attribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  H5::Attribute attribute = OpenScalarAttribute(object, name, where, H5T_INTEGER, "integer");
  uint64_t value = 0;
  attribute.read(H5::PredType::NATIVE_UINT64, &value);
  return value;
}

std::vector<std::pair<std::string, std::string>> AttributesAsText(const H5::H5Object& object) {
  std::vector<std::pair<std::string, std::string>> result;
  CheckAttributeMessages(object, object.getFileName());
  const int count = object.getNumAttrs();
  for (int i = 0; i < count; ++i) {
    H5::Attribute attribute = object.openAttribute(static_cast<unsigned>(i));
    const hssize_t points = attribute.getSpace().getSimpleExtentNpoints();
    std::string text;
    switch (attribute.getTypeClass()) {
      case H5T_STRING:
        if (points == 1) {
          const H5::StrType type = attribute.getStrType();
          if (type.isVariableStr()) CheckVariableStringAttribute(object, attribute.getName(), object.getFileName());
          text = ReadScalarString(attribute, type);
        } else {
          text = std::to_string(points).append(" strings");
        }
        break;
      case H5T_INTEGER:
      case H5T_FLOAT: {
        constexpr hssize_t kMaxRead = 1 << 16;  // a hostile extent must not become a huge allocation
        if (points > kMaxRead) {
          text = std::to_string(points).append(" numbers");
          break;
        }
        std::vector<double> values(static_cast<size_t>(points));
        attribute.read(H5::PredType::NATIVE_DOUBLE, values.data());
        char buffer[32];
        constexpr size_t kShown = 8;
        for (size_t k = 0; k < values.size() && k < kShown; ++k) {
          std::snprintf(buffer, sizeof buffer, "%.10g", values[k]);
          text += (k ? ", " : "") + std::string(buffer);
        }
        if (values.size() > kShown) text += ", …";
        if (points != 1) text.insert(0, 1, '[').push_back(']');
        break;
      }
      default: text = "<unprintable>";
    }
    result.emplace_back(attribute.getName(), text);
  }
  return result;
}

void WriteFloatMatrix(const H5::Group& group, const std::string& name, const Eigen::MatrixXf& matrix, bool asVector) {
  ILD_CHECK(!asVector || matrix.rows() == 1, "a vector dataset comes from a (1, T) matrix");
  std::vector<hsize_t> dims{static_cast<hsize_t>(matrix.cols())};
  if (!asVector) dims.push_back(static_cast<hsize_t>(matrix.rows()));
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  group.createDataSet(name, H5::PredType::IEEE_F32LE, space).write(matrix.data(), H5::PredType::NATIVE_FLOAT);
}

Eigen::MatrixXf ReadFloatMatrix(const H5::Group& group, const std::string& name, int rows, const std::string& where) {
  H5::DataSet dataset = OpenDataSet(group, name, where, H5T_FLOAT, "floating-point values");
  const std::vector<hsize_t> dims = Dims(dataset);
  const bool rankOk = rows == 0 ? dims.size() == 1 : dims.size() == 2 && dims[1] == static_cast<hsize_t>(rows);
  if (!rankOk)
    throw core::Error(where + ": dataset \"" + name + "\" has shape " + ShapeText(dims) + ", expected " +
                      (rows == 0 ? std::string("(T,)") : "(T, " + std::to_string(rows) + ")"));
  Eigen::MatrixXf matrix(rows == 0 ? 1 : rows, static_cast<Eigen::Index>(dims[0]));
  if (matrix.size() > 0) dataset.read(matrix.data(), H5::PredType::NATIVE_FLOAT);
  return matrix;
}

void WriteUint8Vector(const H5::Group& group, const std::string& name, const std::vector<uint8_t>& values) {
  const hsize_t dims[1] = {values.size()};
  H5::DataSpace space(1, dims);
  group.createDataSet(name, H5::PredType::STD_U8LE, space).write(values.data(), H5::PredType::NATIVE_UINT8);
}

namespace {

template <typename Value>
std::vector<Value> ReadIntegerVector(const H5::Group& group, const std::string& name, const std::string& where,
                                     const H5::PredType& memoryType) {
  H5::DataSet dataset = OpenDataSet(group, name, where, H5T_INTEGER, "integers");
  const std::vector<hsize_t> dims = Dims(dataset);
  if (dims.size() != 1)
    throw core::Error(where + ": dataset \"" + name + "\" has shape " + ShapeText(dims) + ", expected (T,)");
  std::vector<Value> values(static_cast<size_t>(dims[0]));
  if (!values.empty()) dataset.read(values.data(), memoryType);
  return values;
}

}  // namespace

std::vector<uint8_t> ReadUint8Vector(const H5::Group& group, const std::string& name, const std::string& where) {
  return ReadIntegerVector<uint8_t>(group, name, where, H5::PredType::NATIVE_UINT8);
}

std::vector<int64_t> ReadInt64Vector(const H5::Group& group, const std::string& name, const std::string& where) {
  return ReadIntegerVector<int64_t>(group, name, where, H5::PredType::NATIVE_INT64);
}

void WriteVirtualFloatRows(const H5::Group& group, const std::string& name, long cols,
                           const std::vector<VirtualRows>& pieces) {
  hsize_t rows = 0;
  for (const VirtualRows& piece : pieces) rows += static_cast<hsize_t>(piece.count);
  const hsize_t dims[2] = {rows, static_cast<hsize_t>(cols)};
  H5::DataSpace space(2, dims);
  H5::DSetCreatPropList properties;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  properties.setFillValue(H5::PredType::NATIVE_FLOAT, &nan);
  hsize_t at = 0;
  for (const VirtualRows& piece : pieces) {
    if (piece.count == 0) continue;
    const hsize_t count[2] = {static_cast<hsize_t>(piece.count), static_cast<hsize_t>(cols)};
    const hsize_t target[2] = {at, 0};
    H5::DataSpace view(2, dims);
    view.selectHyperslab(H5S_SELECT_SET, count, target);
    // Pieces end at their source's last row, so this is the source's own extent.
    const hsize_t sourceDims[2] = {static_cast<hsize_t>(piece.first + piece.count), static_cast<hsize_t>(cols)};
    const hsize_t from[2] = {static_cast<hsize_t>(piece.first), 0};
    H5::DataSpace source(2, sourceDims);
    source.selectHyperslab(H5S_SELECT_SET, count, from);
    properties.setVirtual(view, ".", piece.source.c_str(), source);
    at += static_cast<hsize_t>(piece.count);
  }
  group.createDataSet(name, H5::PredType::IEEE_F32LE, space, properties);
}

void WriteStringVector(const H5::Group& group, const std::string& name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const std::string& value : values) pointers.push_back(value.c_str());
  const hsize_t dims[1] = {values.size()};
  H5::DataSpace space(1, dims);
  const H5::StrType type = VariableUtf8();
  H5::DataSet dataset = group.createDataSet(name, type, space);
  if (!values.empty()) dataset.write(pointers.data(), type);
}

std::vector<std::string> ReadStringVector(const H5::Group& group, const std::string& name, const std::string& where) {
  H5::DataSet dataset = OpenDataSet(group, name, where, H5T_STRING, "strings");
  const std::vector<hsize_t> dims = Dims(dataset);
  if (dims.size() != 1)
    throw core::Error(where + ": dataset \"" + name + "\" has shape " + ShapeText(dims) + ", expected (N,)");
  const size_t count = static_cast<size_t>(dims[0]);
  std::vector<std::string> values;
  if (count == 0) return values;
  H5::StrType fileType = dataset.getStrType();
  if (fileType.isVariableStr()) {
    CheckVariableStringDataset(dataset, where + ": dataset \"" + name + "\"");
    const H5::StrType type = VariableUtf8();
    std::vector<char*> pointers(count, nullptr);
    dataset.read(pointers.data(), type);
    for (char* pointer : pointers) values.emplace_back(pointer ? pointer : "");
    H5::DataSet::vlenReclaim(pointers.data(), type, dataset.getSpace());
  } else {
    const size_t width = fileType.getSize();
    std::vector<char> buffer(count * width);
    dataset.read(buffer.data(), fileType);
    for (size_t i = 0; i < count; ++i) {
      const char* begin = buffer.data() + i * width;
      size_t length = 0;
      while (length < width && begin[length] != '\0') ++length;
      values.emplace_back(begin, length);
    }
  }
  return values;
}

void CheckElementSize(const H5::DataSet& dataset, const std::string& where) {
  const size_t size = dataset.getDataType().getSize();
  const H5T_class_t typeClass = dataset.getTypeClass();
  const bool number = typeClass == H5T_FLOAT || typeClass == H5T_INTEGER;
  constexpr size_t kMaxString = 1 << 16;
  if (number ? size != 1 && size != 2 && size != 4 && size != 8 : size == 0 || size > kMaxString)
    throw core::Error(where + ": elements of " + std::to_string(size) + " bytes");
}

void CheckExtent(const H5::DataSet& dataset, const std::string& where) {
  const hssize_t points = dataset.getSpace().getSimpleExtentNpoints();
  std::error_code error;
  const uint64_t fileSize = std::filesystem::file_size(dataset.getFileName(), error);
  constexpr uint64_t kMaxRatio = 1024, kSlack = 1 << 20, kMaxPoints = uint64_t{1} << 40;
  const bool huge = points < 0 || static_cast<uint64_t>(points) > kMaxPoints;  // keeps the product below 2^56
  if (huge || error || static_cast<uint64_t>(points) * dataset.getDataType().getSize() / kMaxRatio > fileSize + kSlack)
    throw core::Error(where + ": claims " + std::to_string(points) + " elements, more than the file can hold");
}

H5::Group OpenGroup(const H5::Group& parent, const std::string& name, const std::string& where) {
  if (!parent.nameExists(name) || parent.childObjType(name) != H5O_TYPE_GROUP)
    throw core::Error(where + ": missing group \"" + name + "\"");
  return parent.openGroup(name);
}

}  // namespace learning::data
