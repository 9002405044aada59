#include "python/src/convert.h"

#include <cstring>
#include <stdexcept>

namespace ildrive_py {

std::vector<py::str> LayoutKeys(const Layout& layout) {
  std::vector<py::str> keys;
  for (const auto& [key, dim] : layout) {
    py::str s(key);
    PyUnicode_InternInPlace(&s.ptr());
    keys.push_back(s);
  }
  return keys;
}

py::array_t<float> FloatArray(const float* values, py::ssize_t size) {
  py::array_t<float> array(size);
  if (size > 0) std::memcpy(array.mutable_data(), values, static_cast<size_t>(size) * sizeof(float));
  return array;
}

py::dict ObservationDict(const sim::Observation& obs, const Layout& layout, const std::vector<py::str>& keys) {
  py::dict dict;
  const auto& components = obs.Components();
  for (size_t k = 0; k < layout.size(); ++k) {
    // Components come in layout order; look up by name only if a scenario ever differs.
    const std::vector<float>& values =
        k < components.size() && components[k].key == layout[k].first ? components[k].values
                                                                       : obs.Component(layout[k].first).values;
    dict[keys[k]] = FloatArray(values.data(), static_cast<py::ssize_t>(values.size()));
  }
  return dict;
}

namespace {

std::string DtypeName(const py::array& a) { return py::str(a.dtype()).cast<std::string>(); }

std::string ShapeText(const py::array& a) {
  std::string text = "(";
  for (py::ssize_t d = 0; d < a.ndim(); ++d) text += (d ? ", " : "") + std::to_string(a.shape(d));
  return text + (a.ndim() == 1 ? ",)" : ")");
}

}  // namespace

sim::Action ParseAction(py::handle action, const char* where) {
  if (py::isinstance<py::array>(action)) {
    const py::array a = py::reinterpret_borrow<py::array>(action);
    if (a.dtype().kind() != 'f')
      throw std::invalid_argument(std::string(where) + ": action dtype " + DtypeName(a) +
                                  ", expected a floating-point array of shape (2,)");
    if (a.ndim() != 1 || a.shape(0) != 2)
      throw std::invalid_argument(std::string(where) + ": action shape " + ShapeText(a) + ", expected (2,)");
    const py::array_t<float, py::array::forcecast> f(a);
    return sim::Action{f.at(0), f.at(1)};
  }
  if (py::isinstance<py::sequence>(action) && !py::isinstance<py::str>(action)) {
    const py::sequence s = py::reinterpret_borrow<py::sequence>(action);
    if (s.size() != 2)
      throw std::invalid_argument(std::string(where) + ": action has " + std::to_string(s.size()) +
                                  " entries, expected 2 (steer, accel)");
    float v[2];
    for (size_t i = 0; i < 2; ++i) {
      const py::handle x = s[i];
      if (py::isinstance<py::bool_>(x) || !(py::isinstance<py::float_>(x) || py::isinstance<py::int_>(x)))
        throw std::invalid_argument(std::string(where) + ": action entry " + std::to_string(i) + " is " +
                                    py::str(py::type::of(x).attr("__name__")).cast<std::string>() +
                                    ", expected a real number");
      v[i] = static_cast<float>(x.cast<double>());
    }
    return sim::Action{v[0], v[1]};
  }
  throw std::invalid_argument(std::string(where) + ": action is " +
                              py::str(py::type::of(action).attr("__name__")).cast<std::string>() +
                              ", expected a float array of shape (2,)");
}

py::array_t<float, py::array::c_style> FloatMatrix(py::handle value, const std::string& what, py::ssize_t rows,
                                                    py::ssize_t cols) {
  const py::array a = py::array::ensure(value);
  if (!a) throw std::invalid_argument(what + ": expected a numpy array");
  if (a.dtype().kind() != 'f')
    throw std::invalid_argument(what + ": dtype " + DtypeName(a) + ", expected floating point");
  if (a.ndim() != 2) throw std::invalid_argument(what + ": shape " + ShapeText(a) + ", expected 2 dimensions");
  if ((rows >= 0 && a.shape(0) != rows) || (cols >= 0 && a.shape(1) != cols))
    throw std::invalid_argument(what + ": shape " + ShapeText(a) + ", expected (" +
                                (rows >= 0 ? std::to_string(rows) : std::string("N")) + ", " +
                                (cols >= 0 ? std::to_string(cols) : std::string("N")) + ")");
  return py::array_t<float, py::array::c_style | py::array::forcecast>(a);
}

}  // namespace ildrive_py
