#pragma once
// Labels for charts drawn without a font file or ImGui: stb_easy_font's segment glyphs (ASCII 32–126) as
// quads in a GeometryBatch. One unit of `scale` is one pixel per glyph pixel; glyphs are 7 units tall (plus
// descenders), so scale 2 reads well at 100%.
#include <string>

#include "app/render/geometry_batch.h"

namespace app {

enum class TextAlign { kLeft, kCentre, kRight };

// Width and height [px] of `text` at `scale`.
float TextWidth(const std::string& text, float scale);
float TextHeight(float scale);
// `anchor` is the top-left (kLeft), top-centre or top-right corner of the text.
void AddText(GeometryBatch& batch, Vec2 anchor, const std::string& text, float scale, Rgba color,
             TextAlign align = TextAlign::kLeft);
// Reads bottom to top (a y-axis label); `anchor` is the left-centre of the rotated text's box, i.e. its middle
// along the text's direction.
void AddTextVertical(GeometryBatch& batch, Vec2 anchor, const std::string& text, float scale, Rgba color);

}  // namespace app
