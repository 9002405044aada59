#include "app/render/text.h"

#include <vector>

// stb_easy_font is header-only with static functions; not every one is used here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb_easy_font.h>
#pragma GCC diagnostic pop

namespace app {

namespace {

struct EasyFontVertex {  // stb_easy_font's vertex: x, y, z, RGBA
  float x, y, z;
  unsigned char color[4];
};

// The glyph quads of `text` at the origin, in glyph units.
std::vector<EasyFontVertex> Quads(const std::string& text) {
  std::vector<EasyFontVertex> vertices(text.size() * 270 + 64);  // ≥ 270 bytes/char in 16-byte vertices: ample
  std::string copy = text;
  unsigned char white[4] = {255, 255, 255, 255};
  int quads = stb_easy_font_print(0.f, 0.f, copy.data(), white, vertices.data(),
                                  static_cast<int>(vertices.size() * sizeof(EasyFontVertex)));
  vertices.resize(static_cast<size_t>(quads) * 4);
  return vertices;
}

}  // namespace

float TextWidth(const std::string& text, float scale) {
  std::string copy = text;
  return static_cast<float>(stb_easy_font_width(copy.data())) * scale;
}

float TextHeight(float scale) { return 8.f * scale; }

void AddText(GeometryBatch& batch, Vec2 anchor, const std::string& text, float scale, Rgba color, TextAlign align) {
  float left = anchor.x;
  if (align == TextAlign::kCentre) left -= TextWidth(text, scale) * 0.5f;
  if (align == TextAlign::kRight) left -= TextWidth(text, scale);
  std::vector<EasyFontVertex> v = Quads(text);
  auto at = [&](const EasyFontVertex& p) { return Vec2{left + p.x * scale, anchor.y + p.y * scale}; };
  for (size_t i = 0; i + 3 < v.size(); i += 4) batch.AddQuad(at(v[i]), at(v[i + 1]), at(v[i + 2]), at(v[i + 3]), color);
}

void AddTextVertical(GeometryBatch& batch, Vec2 anchor, const std::string& text, float scale, Rgba color) {
  float half = TextWidth(text, scale) * 0.5f;
  std::vector<EasyFontVertex> v = Quads(text);
  // Glyph (x along the text, y down) → screen: along the text is up, glyph-down is right.
  auto at = [&](const EasyFontVertex& p) { return Vec2{anchor.x + p.y * scale, anchor.y + half - p.x * scale}; };
  for (size_t i = 0; i + 3 < v.size(); i += 4) batch.AddQuad(at(v[i]), at(v[i + 1]), at(v[i + 2]), at(v[i + 3]), color);
}

}  // namespace app
