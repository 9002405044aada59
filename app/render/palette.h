#pragma once
// The colours of the world view and the dashboard, one named field each. Defaults live here and in
// assets/app/colors.json (a test keeps them equal); a user can copy the file and change a colour.
// Colours are opaque unless they are overlays, so screenshot tests can find them pixel-exactly.
#include <cstdint>
#include <string>

namespace app {

struct Rgba {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Rgba&) const = default;
};

struct Palette {
  Rgba background{47, 93, 52};        // grass around the road
  Rgba road{60, 60, 65};
  Rgba laneMarking{232, 232, 232};
  Rgba roadEdge{240, 192, 32};
  Rgba centreLine{74, 163, 255};      // overlay: lane centre lines
  Rgba car{111, 143, 176};
  Rgba ego{255, 140, 26};
  Rgba egoOutline{255, 255, 255};
  Rgba obstacle{138, 90, 43};
  Rgba windshield{30, 36, 48};
  Rgba brakeLampOn{255, 32, 32};
  Rgba brakeLampOff{90, 16, 16};
  Rgba goal{64, 192, 96, 110};
  Rgba goalActive{96, 255, 128, 200};
  Rgba lidarHit{255, 80, 80, 170};
  Rgba lidarMiss{80, 255, 80, 90};
  Rgba nearestVehicle{255, 224, 96};  // overlay: the K nearest vehicles the policy sees
  Rgba predictedPath{192, 128, 255, 200};
  Rgba chunkPath{255, 255, 255, 230};
  Rgba recording{255, 48, 48};
};

// "#rrggbb" or "#rrggbbaa" ↔ Rgba. Parse throws core::Error naming `where` on a malformed value.
Rgba ParseHexColor(const std::string& text, const std::string& where);
std::string ToHexColor(const Rgba& color);

// Reads a JSON object of name → "#rrggbb"; every key must be a Palette field (unknown keys are errors), missing
// keys keep their defaults. Throws core::Error naming the file and the key.
Palette LoadPalette(const std::string& path);
std::string PaletteToJson(const Palette& palette);

}  // namespace app
