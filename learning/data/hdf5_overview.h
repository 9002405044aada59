#pragma once
// A generic look at any HDF5 file, for `ildrive info` on files that are not ildrive datasets (policy files,
// robomimic or Minari exports, anything else): its root attributes and its object tree, read without trusting it.
#include <string>
#include <utility>
#include <vector>

namespace learning::data {

// The root attributes and every object below the root, depth first, as ("/group/dataset", "float32 (64, 256)" |
// "group, 3 members"); virtual datasets are listed without being opened (hdf5_guard.h). A corrupted file is a
// core::Error, never a crash or an endless walk.
struct Hdf5Overview {
  std::vector<std::pair<std::string, std::string>> rootAttributes;
  std::vector<std::pair<std::string, std::string>> objects;
  long objectsLeftOut = 0;  // beyond maxObjects
};
Hdf5Overview DescribeHdf5File(const std::string& path, long maxObjects = 60);

}  // namespace learning::data
