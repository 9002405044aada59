#pragma once
// Triangles collected over a frame and drawn with one SDL_RenderGeometry call (per-vertex colours, no texture),
// so a world with hundreds of shapes costs one draw call. Coordinates are screen pixels.
#include <SDL.h>

#include <vector>

#include "app/render/camera.h"
#include "app/render/palette.h"

namespace app {

class GeometryBatch {
 public:
  void Clear() {
    vertices_.clear();
    indices_.clear();
    thinLines_.clear();
  }
  void AddTriangle(Vec2 a, Vec2 b, Vec2 c, Rgba color);
  // Corners in order around the quad.
  void AddQuad(Vec2 a, Vec2 b, Vec2 c, Vec2 d, Rgba color);
  void AddRect(Vec2 min, Vec2 max, Rgba color) { AddQuad(min, {max.x, min.y}, max, {min.x, max.y}, color); }
  // A segment `width` pixels wide.
  void AddLine(Vec2 a, Vec2 b, float width, Rgba color);
  void AddCircle(Vec2 centre, float radius, Rgba color, int segments = 24);
  void AddRing(Vec2 centre, float radius, float width, Rgba color, int segments = 32);
  // A 1-pixel line drawn after the triangles (overlays). Long thin triangles are slow in SDL's software renderer,
  // which scans each triangle's bounding box; its line drawing is not.
  void AddThinLine(Vec2 a, Vec2 b, Rgba color) { thinLines_.push_back({a, b, color}); }

  int VertexCount() const { return static_cast<int>(vertices_.size()); }
  // Draws everything added since Clear (alpha-blended) and keeps it.
  void Draw(SDL_Renderer* renderer) const;

 private:
  std::vector<SDL_Vertex> vertices_;
  std::vector<int> indices_;
  struct ThinLine {
    Vec2 a, b;
    Rgba color;
  };
  std::vector<ThinLine> thinLines_;
};

}  // namespace app
