#pragma once
// The observation a policy consumes: its keys in order with each key's entry count. One frame is the keys'
// entries stacked in this order; a policy input is `history` frames stacked oldest → newest (the layout of
// learning/data/batch.h), i.e. (history · FrameDim(), B).
#include <map>
#include <string>
#include <vector>

namespace learning::policies {

// What an environment or dataset provides: key → entry count (data::EnvArgs::ObsDims()).
using ObsDims = std::map<std::string, int>;

struct ObsLayout {
  std::vector<std::string> keys;
  std::vector<int> dims;  // entries per key, parallel to keys

  int FrameDim() const;
  // "ego[5], lane[4]".
  std::string ToText() const;
  bool operator==(const ObsLayout&) const = default;
};

// The layout of `keys` (empty = every available key, sorted by name) within `available`. A missing key or a
// zero-width key is a core::Error naming it and the available keys; messages start with `where`.
ObsLayout ResolveObsLayout(const std::vector<std::string>& keys, const ObsDims& available, const std::string& where);

}  // namespace learning::policies
