#pragma once
// Named parameters in one flat layout: every tensor is a slice of one value buffer and one gradient buffer,
// so optimisers, clipping and checkpoints are single loops (llm.c). Each tensor is a (rows, cols) column-major
// matrix with a dotted name ("encoder.mlp.0.weight"). Offsets are padded to 16 scalars (64-byte alignment).
//
// A store is neither copyable nor movable: modules hold ParamRefs that point at it, so keep it in a place
// that does not move (a member of a heap-allocated policy, or a unique_ptr).
#include <string>
#include <vector>

#include "learning/nn/tape.h"

namespace learning::nn {

template <class T>
struct ParamRef {
  Parameters<T>* store = nullptr;
  int index = -1;

  bool Valid() const { return store != nullptr; }
  MatMap<T> Value() const;
  MatMap<T> Grad() const;
  const std::string& Name() const;
};

template <class T>
class Parameters {
 public:
  Parameters() = default;
  Parameters(const Parameters&) = delete;
  Parameters& operator=(const Parameters&) = delete;

  // Registers a zero-filled tensor. `decay`: whether AdamW's weight decay applies (weights yes; biases and
  // normalisation gains no). Names must be unique (programmer error otherwise).
  ParamRef<T> Add(const std::string& name, int rows, int cols, bool decay = true);

  int Count() const { return static_cast<int>(entries_.size()); }
  // Total scalars in the flat buffers (including alignment padding, which stays zero).
  Eigen::Index FlatSize() const { return values_.size(); }
  // Scalars in the tensors themselves.
  Eigen::Index NumScalars() const;

  const std::string& Name(int i) const { return entries_[static_cast<size_t>(i)].name; }
  int Rows(int i) const { return entries_[static_cast<size_t>(i)].rows; }
  int Cols(int i) const { return entries_[static_cast<size_t>(i)].cols; }
  bool Decays(int i) const { return entries_[static_cast<size_t>(i)].decay; }
  Eigen::Index Offset(int i) const { return entries_[static_cast<size_t>(i)].offset; }
  // Index of the tensor called `name`, or -1.
  int Find(const std::string& name) const;
  ParamRef<T> Ref(int i) { return ParamRef<T>{this, i}; }

  MatMap<T> Value(int i) {
    const Entry& e = entries_[static_cast<size_t>(i)];
    return MatMap<T>(values_.data() + e.offset, e.rows, e.cols);
  }
  MatMap<T> Grad(int i) {
    const Entry& e = entries_[static_cast<size_t>(i)];
    return MatMap<T>(grads_.data() + e.offset, e.rows, e.cols);
  }
  ConstMatMap<T> Value(int i) const {
    const Entry& e = entries_[static_cast<size_t>(i)];
    return ConstMatMap<T>(values_.data() + e.offset, e.rows, e.cols);
  }
  ConstMatMap<T> Grad(int i) const {
    const Entry& e = entries_[static_cast<size_t>(i)];
    return ConstMatMap<T>(grads_.data() + e.offset, e.rows, e.cols);
  }

  // The flat buffers (FlatSize() scalars each).
  Vec<T>& FlatValues() { return values_; }
  Vec<T>& FlatGrads() { return grads_; }
  const Vec<T>& FlatValues() const { return values_; }
  const Vec<T>& FlatGrads() const { return grads_; }

  void ZeroGrad() { grads_.setZero(); }
  // Copies every value from a store with the same names and shapes (e.g. float ↔ double for checks).
  template <class U>
  void CopyValuesFrom(const Parameters<U>& other);

 private:
  struct Entry {
    std::string name;
    int rows = 0;
    int cols = 0;
    Eigen::Index offset = 0;
    bool decay = true;
  };
  std::vector<Entry> entries_;
  Vec<T> values_;
  Vec<T> grads_;
};

template <class T>
MatMap<T> ParamRef<T>::Value() const {
  return store->Value(index);
}
template <class T>
MatMap<T> ParamRef<T>::Grad() const {
  return store->Grad(index);
}
template <class T>
const std::string& ParamRef<T>::Name() const {
  return store->Name(index);
}

template <class T>
template <class U>
void Parameters<T>::CopyValuesFrom(const Parameters<U>& other) {
  ILD_CHECK(other.Count() == Count(), "CopyValuesFrom: stores differ in tensor count");
  for (int i = 0; i < Count(); ++i) {
    ILD_CHECK(other.Name(i) == Name(i) && other.Rows(i) == Rows(i) && other.Cols(i) == Cols(i),
              "CopyValuesFrom: stores differ in names or shapes");
    Value(i) = other.Value(i).template cast<T>();
  }
}

extern template class Parameters<float>;
extern template class Parameters<double>;

}  // namespace learning::nn
