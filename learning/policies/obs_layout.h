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

// The key carrying the car's applied command (the previous action). A policy sees it only when asked by name:
// a clone that reads its own last command copies it instead of reading the road (the copycat problem).
inline constexpr const char* kPreviousActionKey = "controls";

// The keys a policy consumes when none are named: every available key but kPreviousActionKey, sorted by name.
std::vector<std::string> DefaultObsKeys(const ObsDims& available);

// The layout of `keys` (empty = DefaultObsKeys(available)) within `available`. A missing key or a
// zero-width key is a core::Error naming it and the available keys; messages start with `where`.
ObsLayout ResolveObsLayout(const std::vector<std::string>& keys, const ObsDims& available, const std::string& where);

}  // namespace learning::policies
