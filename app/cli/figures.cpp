#include "app/cli/figures.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

double Figures::Get(const std::string& name) const {
  for (const auto& [key, value] : values_)
    if (key == name) return value;
  throw core::Error("no figure named '" + name + "'");
}

std::string Figures::ToJson() const {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [key, value] : values_) json[key] = value;
  return json.dump(2) + "\n";
}

void Figures::WriteJson(const std::string& path) const { core::WriteFileAtomically(path, ToJson()); }

std::string Figures::ToText() const {
  size_t width = 0;
  for (const auto& entry : values_) width = std::max(width, entry.first.size());
  std::string text;
  char buffer[64];
  for (const auto& [key, value] : values_) {
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    text += key + std::string(width + 2 - key.size(), ' ') + buffer + "\n";
  }
  return text;
}

}  // namespace app
