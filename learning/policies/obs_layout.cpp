#include "learning/policies/obs_layout.h"

#include "core/error.h"

namespace learning::policies {

int ObsLayout::FrameDim() const {
  int total = 0;
  for (int d : dims) total += d;
  return total;
}

std::string ObsLayout::ToText() const {
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i)
    text += (i ? ", " : "") + keys[i] + "[" + std::to_string(dims[i]) + "]";
  return text;
}

std::vector<std::string> DefaultObsKeys(const ObsDims& available) {
  std::vector<std::string> keys;
  for (const auto& [key, dim] : available)
    if (key != kPreviousActionKey) keys.push_back(key);
  return keys;
}

ObsLayout ResolveObsLayout(const std::vector<std::string>& keys, const ObsDims& available, const std::string& where) {
  std::string availableText;
  for (const auto& [key, dim] : available)
    availableText += (availableText.empty() ? "" : ", ") + key + "[" + std::to_string(dim) + "]";
  ObsLayout layout;
  layout.keys = keys.empty() ? DefaultObsKeys(available) : keys;
  if (layout.keys.empty()) throw core::Error(where + ": no observation keys (available: none)");
  for (const std::string& key : layout.keys) {
    auto it = available.find(key);
    if (it == available.end())
      throw core::Error(where + ": observation key \"" + key + "\" is not provided (available: " + availableText + ")");
    if (it->second <= 0) throw core::Error(where + ": observation key \"" + key + "\" has no entries");
    layout.dims.push_back(it->second);
  }
  return layout;
}

}  // namespace learning::policies
