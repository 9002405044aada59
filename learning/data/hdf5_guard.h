#pragma once
// Checks, from the file's raw bytes, a variable-length string before HDF5 1.10 follows it into the global heap.
//
// Why: HDF5 1.10.8 trusts the global heap. A collection ("GCOL") whose free-space object records size 0 makes
// H5HG__cache_heap_deserialize loop forever (its cursor advances by the object's size; a corrupted policy file
// hung `ildrive info` this way), and H5HG_read only *asserts* that a heap ID's index names an object, so a
// corrupted index or an object larger than the string's recorded length reads out of bounds. These checks read
// the bytes HDF5 would read — the object header holding the attribute (or the contiguous data of a string
// dataset), the heap ID in it, the collection it names — and throw core::Error naming `where` unless every one
// is well formed: the collection parses to its end exactly, the index names an object inside it, and the object's
// size equals the string's length. Only 8-byte addresses and lengths are followed (what HDF5 writes by default);
// a variable-length string the guard cannot locate (e.g. dense attribute storage) is refused, not read.
#include <H5Cpp.h>

#include <string>

namespace learning::data {

// Every attribute message in `object`'s header, before HDF5 decodes any of them (H5Aexists, H5Aopen and
// H5Oget_info decode them all; HDF5 1.10 trusts the sizes inside, and a corrupted dataspace size read freed memory
// in H5O__attr_decode — found by fuzzing): the name NUL-terminated at its stored length; an integer, float, string
// or variable-length datatype whose properties fit; a dataspace of rank ≤ 32 whose dimensions fit; the value
// inside the message. Other datatype classes and shared datatypes are refused, not decoded.
void CheckAttributeMessages(const H5::H5Object& object, const std::string& where);

// `object`'s scalar variable-length string attribute `name`.
void CheckVariableStringAttribute(const H5::H5Object& object, const std::string& name, const std::string& where);

// Whether `group`'s dataset `name` is virtual, from its layout message's raw bytes, before HDF5 opens it: opening a
// virtual dataset decodes its source mapping from the global heap, which HDF5 1.10 trusts (see above).
bool IsVirtualDataset(const H5::Group& group, const std::string& name, const std::string& where);

// Every element of a rank-1 variable-length string dataset (stored contiguously, as h5py and HDF5 write it).
void CheckVariableStringDataset(const H5::DataSet& dataset, const std::string& where);

}  // namespace learning::data
