#include "app/render/palette.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "app/render/json_object.h"
#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

namespace {

// One row per Palette field, in the order the JSON file lists them.
std::vector<std::pair<const char*, Rgba Palette::*>> PaletteFields() {
  return {
      {"background", &Palette::background},
      {"road", &Palette::road},
      {"lane_marking", &Palette::laneMarking},
      {"road_edge", &Palette::roadEdge},
      {"centre_line", &Palette::centreLine},
      {"car", &Palette::car},
      {"ego", &Palette::ego},
      {"ego_outline", &Palette::egoOutline},
      {"obstacle", &Palette::obstacle},
      {"windshield", &Palette::windshield},
      {"brake_lamp_on", &Palette::brakeLampOn},
      {"brake_lamp_off", &Palette::brakeLampOff},
      {"goal", &Palette::goal},
      {"goal_active", &Palette::goalActive},
      {"lidar_hit", &Palette::lidarHit},
      {"lidar_miss", &Palette::lidarMiss},
      {"nearest_vehicle", &Palette::nearestVehicle},
      {"predicted_path", &Palette::predictedPath},
      {"chunk_path", &Palette::chunkPath},
      {"recording", &Palette::recording},
  };
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Rgba ParseHexColor(const std::string& text, const std::string& where) {
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
    throw core::Error(where + ": expected a colour \"#rrggbb\" or \"#rrggbbaa\", got \"" + text + "\"");
  uint8_t channels[4] = {0, 0, 0, 255};
  for (size_t i = 1, c = 0; i < text.size(); i += 2, ++c) {
    int hi = HexDigit(text[i]);
    int lo = HexDigit(text[i + 1]);
    if (hi < 0 || lo < 0) throw core::Error(where + ": \"" + text + "\" is not a hexadecimal colour");
    channels[c] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return Rgba{channels[0], channels[1], channels[2], channels[3]};
}

std::string ToHexColor(const Rgba& color) {
  char buffer[16];
  if (color.a == 255)
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", color.r, color.g, color.b);
  else
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x%02x", color.r, color.g, color.b, color.a);
  return buffer;
}

Palette LoadPalette(const std::string& path) {
  nlohmann::json json = ParseJsonObject(core::ReadFile(path), path);
  Palette palette;
  auto fields = PaletteFields();
  for (const auto& [key, value] : json.items()) {
    auto field = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return key == f.first; });
    if (field == fields.end()) throw core::Error(path + ": unknown colour '" + key + "'");
    if (!value.is_string()) throw core::Error(path + ": colour '" + key + "' must be a string \"#rrggbb\"");
    palette.*(field->second) = ParseHexColor(value.get<std::string>(), path + ": '" + key + "'");
  }
  return palette;
}

std::string PaletteToJson(const Palette& palette) {
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [key, member] : PaletteFields()) json[key] = ToHexColor(palette.*member);
  return json.dump(2) + "\n";
}

}  // namespace app
