#pragma once
// Checkpoints: the parameters of a store in HDF5, one dataset per named tensor, plus a format version.
//
// Group level (compose your own files): SaveParameters writes into `group` a dataset per tensor, named exactly
// like the tensor ("trunk.0.weight"), shape (rows, cols) stored row-major so h5py shows W[row][col], in the
// store's scalar type, and the attribute "nn_format_version". LoadParameters checks the version, then every
// tensor of the store (presence, rank, shape, in store order), then that the group holds nothing else, and
// throws core::Error naming the first mismatch, e.g.
//   "policy.h5:/parameters: tensor 'trunk.0.weight' is 128x64 in the file, the model expects 256x64".
// Nothing is modified unless everything matches.
//
// File level: SaveCheckpoint writes a file with root attributes "format" = "ildrive.nn.checkpoint",
// "format_version" and "config" (a JSON string), and the group "/parameters"; LoadCheckpoint checks all of
// them and returns the config. A policy layer can write richer files with WriteHdf5Atomically (hdf5_io.h):
// SaveParameters into its own group, its own attributes and groups (normaliser arrays, …) beside it.
#include <H5Cpp.h>

#include <string>

#include "learning/nn/parameters.h"

namespace learning::nn {

inline constexpr int kCheckpointFormatVersion = 1;
inline constexpr const char* kCheckpointFormat = "ildrive.nn.checkpoint";

template <class T>
void SaveParameters(const H5::Group& group, const Parameters<T>& params);
// `where` names the group in messages ("policy.h5:/parameters").
template <class T>
void LoadParameters(const H5::Group& group, Parameters<T>& params, const std::string& where);

template <class T>
void SaveCheckpoint(const std::string& path, const Parameters<T>& params, const std::string& configJson);
// Returns the config JSON string.
template <class T>
std::string LoadCheckpoint(const std::string& path, Parameters<T>& params);

}  // namespace learning::nn
