#pragma once
// Env.render(): the top-down view drawn offscreen by the SDL-only rendering library (app/render), as an RGB
// numpy array (height, width, 3) uint8. Built only when that library is (ILDRIVE_GUI=ON).
#include <pybind11/numpy.h>

#include "sim/env.h"

namespace ildrive_py {

// ValueError for a size that is not positive.
pybind11::array_t<uint8_t> RenderScene(const sim::Env& env, int width, int height, float zoom);

}  // namespace ildrive_py
