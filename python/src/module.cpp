// ildrive._core: the compiled half of the ildrive Python package (python/ildrive/ holds the Python half).
#include <H5Cpp.h>

#include "python/src/bindings.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "ildrive's C++ simulator, datasets, policies and evaluation (use the ildrive package, not this module)";
  H5::Exception::dontPrint();  // errors are reported as one exception message, not HDF5's stack on stderr
  ildrive_py::BindEnv(m);
  ildrive_py::BindVectorEnv(m);
  ildrive_py::BindDataset(m);
  ildrive_py::BindPolicy(m);
  ildrive_py::BindEvaluate(m);
  ildrive_py::BindLessons(m);
}
