#pragma once
// One Bind… function per part of the ildrive module (module.cpp calls them in order). New parts (e.g. the sweeps
// of ildrive.sweep) add a function here and a file of their own.
#include <pybind11/pybind11.h>

namespace ildrive_py {

void BindEnv(pybind11::module_& m);
void BindVectorEnv(pybind11::module_& m);
void BindDataset(pybind11::module_& m);
void BindPolicy(pybind11::module_& m);
void BindEvaluate(pybind11::module_& m);
void BindLessons(pybind11::module_& m);

}  // namespace ildrive_py
