#include "learning/nn/hdf5_io.h"

#include "core/atomic_file.h"
#include "core/error.h"

namespace learning::nn {

void WithHdf5Errors(const std::string& where, const std::string& what, const std::function<void()>& body) {
  H5::Exception::dontPrint();
  try {
    body();
  } catch (const H5::Exception& e) {
    throw core::Error(where + ": " + what + " (" + e.getDetailMsg() + ")");
  }
}

void WriteHdf5Atomically(const std::string& path, const std::function<void(H5::H5File& file)>& write) {
  core::WriteAtomically(path, [&](const std::string& tempPath) {
    WithHdf5Errors(path, "cannot write HDF5 file", [&] {
      H5::H5File file(tempPath, H5F_ACC_TRUNC);
      write(file);
      file.close();
    });
  });
}

H5::H5File OpenHdf5ForReading(const std::string& path) {
  H5::H5File file;
  WithHdf5Errors(path, "not a readable HDF5 file", [&] { file.openFile(path, H5F_ACC_RDONLY); });
  return file;
}

std::string DescribeHdf5Object(const H5::H5Object& object) {
  std::string where;
  try {
    where = object.getFileName() + ":" + object.getObjName();
  } catch (const H5::Exception&) {
    where = "HDF5 object";
  }
  return where;
}

void WriteStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& value) {
  WithHdf5Errors(DescribeHdf5Object(object), "cannot write attribute '" + name + "'", [&] {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    attribute.write(type, value);
  });
}

void WriteIntAttribute(const H5::H5Object& object, const std::string& name, long long value) {
  WithHdf5Errors(DescribeHdf5Object(object), "cannot write attribute '" + name + "'", [&] {
    H5::Attribute attribute = object.createAttribute(name, H5::PredType::NATIVE_LLONG, H5::DataSpace(H5S_SCALAR));
    attribute.write(H5::PredType::NATIVE_LLONG, &value);
  });
}

namespace {
void RequireAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  bool exists = false;
  WithHdf5Errors(where, "cannot read attributes", [&] { exists = object.attrExists(name); });
  if (!exists) throw core::Error(where + ": attribute '" + name + "' is missing");
}
}  // namespace

std::string ReadStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  RequireAttribute(object, name, where);
  std::string value;
  WithHdf5Errors(where, "attribute '" + name + "' is not a string", [&] {
    H5::Attribute attribute = object.openAttribute(name);
    if (attribute.getTypeClass() != H5T_STRING) throw H5::AttributeIException("", "wrong type class");
    attribute.read(attribute.getStrType(), value);
  });
  return value;
}

long long ReadIntAttribute(const H5::H5Object& object, const std::string& name, const std::string& where) {
  RequireAttribute(object, name, where);
  long long value = 0;
  WithHdf5Errors(where, "attribute '" + name + "' is not an integer", [&] {
    H5::Attribute attribute = object.openAttribute(name);
    if (attribute.getTypeClass() != H5T_INTEGER || attribute.getSpace().getSimpleExtentNpoints() != 1)
      throw H5::AttributeIException("", "wrong type class");
    attribute.read(H5::PredType::NATIVE_LLONG, &value);
  });
  return value;
}

}  // namespace learning::nn
