#include "learning/data/hdf5_overview.h"

#include <H5Cpp.h>

#include "learning/data/hdf5_guard.h"
#include "learning/data/hdf5_util.h"

namespace learning::data {

namespace {

std::string TypeName(const H5::DataSet& dataset) {
  const H5::DataType type = dataset.getDataType();
  const std::string bits = std::to_string(8 * type.getSize());
  switch (dataset.getTypeClass()) {
    case H5T_FLOAT: return "float" + bits;
    case H5T_INTEGER: return (dataset.getIntType().getSign() == H5T_SGN_NONE ? "uint" : "int") + bits;
    case H5T_STRING: return "string";
    default: return "other";
  }
}

void DescribeGroup(const H5::Group& group, const std::string& prefix, long maxObjects, Hdf5Overview& overview) {
  for (hsize_t i = 0; i < group.getNumObjs(); ++i) {
    const std::string name = group.getObjnameByIdx(i);
    const std::string path = prefix + "/" + name;
    if (static_cast<long>(overview.objects.size()) >= maxObjects) {
      ++overview.objectsLeftOut;
      continue;
    }
    switch (group.childObjType(name)) {
      case H5O_TYPE_GROUP: {
        H5::Group child = group.openGroup(name);
        overview.objects.emplace_back(path, "group, " + std::to_string(child.getNumObjs()) + " members");
        DescribeGroup(child, path, maxObjects, overview);
        break;
      }
      case H5O_TYPE_DATASET: {
        if (IsVirtualDataset(group, name, path)) {  // not opened: its mapping lives in the global heap
          overview.objects.emplace_back(path, "virtual dataset (a view over other datasets)");
          break;
        }
        H5::DataSet dataset = group.openDataSet(name);
        overview.objects.emplace_back(path, TypeName(dataset) + " " + ShapeText(Dims(dataset)));
        break;
      }
      default: overview.objects.emplace_back(path, "other object");
    }
  }
}

}  // namespace

Hdf5Overview DescribeHdf5File(const std::string& path, long maxObjects) {
  H5::H5File file = OpenHdf5ForReading(path);
  return WithHdf5Errors(path, "reading the file's structure", [&] {
    Hdf5Overview overview;
    overview.rootAttributes = AttributesAsText(file);
    DescribeGroup(file, "", maxObjects, overview);
    return overview;
  });
}

}  // namespace learning::data
