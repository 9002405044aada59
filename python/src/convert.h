#pragma once
// numpy ↔ C++ at the edge of the module: observations as dicts of float32 arrays (the dataset's keys and layouts),
// actions from arrays or sequences, checked with messages that name what is wrong.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "python/src/gym_env.h"
#include "sim/observation.h"

namespace ildrive_py {

namespace py = pybind11;

// Interned key strings of a layout, so building an observation dict allocates no key objects.
std::vector<py::str> LayoutKeys(const Layout& layout);

// {key: float32 array (dim,)} in layout order.
py::dict ObservationDict(const sim::Observation& obs, const Layout& layout, const std::vector<py::str>& keys);

// A float32 array of `values` (a fresh copy).
py::array_t<float> FloatArray(const float* values, py::ssize_t size);

// One action: a floating-point array of shape (2,) or a sequence of two real numbers. ValueError (naming `where`)
// for any other shape or dtype; finiteness is checked by the env.
sim::Action ParseAction(py::handle action, const char* where);

// A (rows, cols) float32 C-contiguous array from an array-like of floating dtype; ValueError naming `what` for a
// wrong dtype, rank or (when rows/cols ≥ 0) size.
py::array_t<float, py::array::c_style> FloatMatrix(py::handle value, const std::string& what, py::ssize_t rows,
                                                    py::ssize_t cols);

}  // namespace ildrive_py
