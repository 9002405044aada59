// Policy checkpoints (docs/design.md, "Files"): one HDF5 file, written to a temporary file and renamed into place.
//   /                 attributes kind = "ildrive.policy", format_version, policy (name), config (JSON),
//                     obs_layout (JSON [[key, entries], …] in input order)
//   /normalizer/mean, /normalizer/std      float32 (FrameDim)
//   /weights/<tensor name>                 float32 (rows, cols) row-major, e.g. "encoder.mlp.0.weight"
// Loading rebuilds the policy from the stored config and layout, then checks every tensor's presence and
// shape before reading, so a wrong file fails on the first mismatch with its name.
#include <H5Cpp.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.h"
#include "learning/data/hdf5_util.h"
#include "learning/data/hdf5_write.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"

namespace learning::policies {

namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void WriteTensor(const H5::Group& group, const std::string& name, const Eigen::Ref<const Eigen::MatrixXf>& value) {
  const RowMajor rowMajor = value;
  const hsize_t dims[2] = {static_cast<hsize_t>(value.rows()), static_cast<hsize_t>(value.cols())};
  H5::DataSpace space(2, dims);
  H5::DataSet dataset = group.createDataSet(name, H5::PredType::IEEE_F32LE, space);
  dataset.write(rowMajor.data(), H5::PredType::NATIVE_FLOAT);
}

// "(3, 4)".
std::string ShapeText(const std::vector<hsize_t>& dims) {
  std::string text = "(";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i > 0) text.append(", ");
    text.append(std::to_string(dims[i]));
  }
  text.append(")");
  return text;
}

// Reads a float dataset that must have exactly (rows, cols) (cols == 0: rank 1 of `rows`).
Eigen::MatrixXf ReadTensor(const H5::Group& group, const std::string& name, int rows, int cols,
                           const std::string& where) {
  if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET)
    throw core::Error(where + ": missing dataset \"" + name + "\"");
  H5::DataSet dataset = group.openDataSet(name);
  if (dataset.getTypeClass() != H5T_FLOAT) throw core::Error(where + ": dataset \"" + name + "\" is not float");
  data::CheckElementSize(dataset, where + ": dataset \"" + name + "\"");
  H5::DataSpace space = dataset.getSpace();
  const int rank = space.getSimpleExtentNdims();
  hsize_t dims[2] = {0, 0};
  if (rank >= 1 && rank <= 2) space.getSimpleExtentDims(dims);
  const int wantRank = cols == 0 ? 1 : 2;
  const bool ok = rank == wantRank && dims[0] == static_cast<hsize_t>(rows) &&
                  (wantRank == 1 || dims[1] == static_cast<hsize_t>(cols));
  if (!ok) {
    const std::vector<hsize_t> want = cols == 0 ? std::vector<hsize_t>{hsize_t(rows)}
                                                : std::vector<hsize_t>{hsize_t(rows), hsize_t(cols)};
    const std::string got = rank >= 1 && rank <= 2 ? ShapeText(std::vector<hsize_t>(dims, dims + rank))
                                                   : "rank " + std::to_string(rank);
    throw core::Error(where + ": dataset \"" + name + "\" has shape " + got + ", expected " + ShapeText(want));
  }
  RowMajor values(rows, cols == 0 ? 1 : cols);
  dataset.read(values.data(), H5::PredType::NATIVE_FLOAT);
  return values;
}

std::string LayoutToJson(const ObsLayout& layout) {
  nlohmann::json json = nlohmann::json::array();
  for (size_t i = 0; i < layout.keys.size(); ++i) json.push_back({layout.keys[i], layout.dims[i]});
  return json.dump();
}

ObsLayout LayoutFromJson(const std::string& text, const std::string& where) {
  ObsLayout layout;
  try {
    const nlohmann::json json = nlohmann::json::parse(text);
    if (!json.is_array()) throw core::Error(where + ": obs_layout must be a JSON array");
    for (const nlohmann::json& item : json) {
      if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_number_integer() ||
          item[1].get<int>() <= 0)
        throw core::Error(where + ": obs_layout entries must be [key, positive entry count]");
      layout.keys.push_back(item[0].get<std::string>());
      layout.dims.push_back(item[1].get<int>());
    }
  } catch (const nlohmann::json::exception& e) {
    throw core::Error(where + ": obs_layout is not valid JSON (" + e.what() + ")");
  }
  if (layout.keys.empty()) throw core::Error(where + ": obs_layout is empty");
  return layout;
}

}  // namespace

void Policy::Save(const std::string& path) const {
  const nn::Parameters<float>& params = net_->Params();
  const std::string config = PolicyConfigToJson(config_);
  const std::string layout = LayoutToJson(layout_);
  long long raw = static_cast<long long>(config.size() + layout.size() + config_.policy.size()) +
                  8LL * normalizer_.Mean().size();
  for (int i = 0; i < params.Count(); ++i) raw += 4LL * params.Value(i).size();
  const long long bytes = data::Hdf5BytesBound(raw, params.Count() + 10);
  data::WriteHdf5FileAtomically(path, /*copyExisting=*/false, bytes, "writing the policy checkpoint",
                                [&](H5::H5File& file) {
                                  data::WriteFixedStringAttribute(file, "kind", kFileKind);
                                  data::WriteIntAttribute(file, "format_version", kFormatVersion);
                                  data::WriteFixedStringAttribute(file, "policy", config_.policy);
                                  data::WriteFixedStringAttribute(file, "config", config);
                                  data::WriteFixedStringAttribute(file, "obs_layout", layout);
                                  H5::Group normalizer = file.createGroup("normalizer");
                                  WriteTensor(normalizer, "mean", normalizer_.Mean());
                                  WriteTensor(normalizer, "std", normalizer_.Std());
                                  H5::Group weights = file.createGroup("weights");
                                  for (int i = 0; i < params.Count(); ++i)
                                    WriteTensor(weights, params.Name(i), params.Value(i));
                                });
}

Policy Policy::Load(const std::string& path) {
  H5::H5File file = data::OpenHdf5ForReading(path);
  return data::WithHdf5Errors(path, "reading the policy checkpoint", [&] {
    const std::string where = path;
    if (!data::HasAttribute(file, "kind", where))
      throw core::Error(where + ": not a policy checkpoint (no \"kind\" attribute; is it a dataset?)");
    const std::string kind = data::ReadStringAttribute(file, "kind", where);
    if (kind != kFileKind)
      throw core::Error(where + ": kind is \"" + kind + "\", expected \"" + std::string(kFileKind) + "\"");
    const int64_t version = data::ReadIntAttribute(file, "format_version", where);
    if (version != kFormatVersion)
      throw core::Error(where + ": format_version " + std::to_string(version) + ", this build reads version " +
                        std::to_string(kFormatVersion));
    const std::string policyName = data::ReadStringAttribute(file, "policy", where);
    const PolicyConfig config = PolicyConfigFromJson(data::ReadStringAttribute(file, "config", where), where,
                                                     DefaultPolicyConfig(policyName));
    const ObsLayout layout = LayoutFromJson(data::ReadStringAttribute(file, "obs_layout", where), where);
    if (config.obsKeys != layout.keys)
      throw core::Error(where + ": config obsKeys and obs_layout disagree");
    ObsDims dims;
    for (size_t i = 0; i < layout.keys.size(); ++i) dims[layout.keys[i]] = layout.dims[i];
    Policy policy(config, dims);

    H5::Group normalizer = data::OpenGroup(file, "normalizer", where);
    const int frameDim = layout.FrameDim();
    const Eigen::VectorXf mean = ReadTensor(normalizer, "mean", frameDim, 1, where + " normalizer");
    const Eigen::VectorXf std = ReadTensor(normalizer, "std", frameDim, 1, where + " normalizer");
    try {
      policy.normalizer_.SetStatistics(mean, std);
    } catch (const core::Error& e) {
      throw core::Error(where + ": " + e.what());
    }

    H5::Group weights = data::OpenGroup(file, "weights", where);
    nn::Parameters<float>& params = policy.Params();
    if (static_cast<int>(weights.getNumObjs()) != params.Count())
      throw core::Error(where + ": " + std::to_string(weights.getNumObjs()) + " weight tensors, the \"" + policyName +
                        "\" configuration has " + std::to_string(params.Count()));
    for (int i = 0; i < params.Count(); ++i) {
      const Eigen::MatrixXf value = ReadTensor(weights, params.Name(i), params.Rows(i), params.Cols(i), where + " weights");
      if (!value.allFinite()) throw core::Error(where + ": weights \"" + params.Name(i) + "\" hold non-finite values");
      params.Value(i) = value;
    }
    return policy;
  });
}

}  // namespace learning::policies
