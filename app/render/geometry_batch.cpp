#include "app/render/geometry_batch.h"

#include <cmath>
#include <numbers>

namespace app {

namespace {

SDL_Vertex MakeVertex(Vec2 p, Rgba c) { return SDL_Vertex{{p.x, p.y}, {c.r, c.g, c.b, c.a}, {0.f, 0.f}}; }

}  // namespace

void GeometryBatch::AddTriangle(Vec2 a, Vec2 b, Vec2 c, Rgba color) {
  int base = VertexCount();
  vertices_.push_back(MakeVertex(a, color));
  vertices_.push_back(MakeVertex(b, color));
  vertices_.push_back(MakeVertex(c, color));
  indices_.insert(indices_.end(), {base, base + 1, base + 2});
}

void GeometryBatch::AddQuad(Vec2 a, Vec2 b, Vec2 c, Vec2 d, Rgba color) {
  int base = VertexCount();
  vertices_.push_back(MakeVertex(a, color));
  vertices_.push_back(MakeVertex(b, color));
  vertices_.push_back(MakeVertex(c, color));
  vertices_.push_back(MakeVertex(d, color));
  indices_.insert(indices_.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

void GeometryBatch::AddLine(Vec2 a, Vec2 b, float width, Rgba color) {
  float dx = b.x - a.x;
  float dy = b.y - a.y;
  float length = std::sqrt(dx * dx + dy * dy);
  if (length < 1e-6f) return;
  float nx = -dy / length * width * 0.5f;
  float ny = dx / length * width * 0.5f;
  AddQuad({a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}, color);
}

void GeometryBatch::AddCircle(Vec2 centre, float radius, Rgba color, int segments) {
  int base = VertexCount();
  vertices_.push_back(MakeVertex(centre, color));
  for (int i = 0; i < segments; ++i) {
    float angle = 2.f * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(segments);
    vertices_.push_back(MakeVertex({centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)}, color));
    indices_.insert(indices_.end(), {base, base + 1 + i, base + 1 + (i + 1) % segments});
  }
}

void GeometryBatch::AddRing(Vec2 centre, float radius, float width, Rgba color, int segments) {
  float inner = std::max(radius - width * 0.5f, 0.f);
  float outer = radius + width * 0.5f;
  int base = VertexCount();
  for (int i = 0; i < segments; ++i) {
    float angle = 2.f * std::numbers::pi_v<float> * static_cast<float>(i) / static_cast<float>(segments);
    float c = std::cos(angle), s = std::sin(angle);
    vertices_.push_back(MakeVertex({centre.x + inner * c, centre.y + inner * s}, color));
    vertices_.push_back(MakeVertex({centre.x + outer * c, centre.y + outer * s}, color));
  }
  for (int i = 0; i < segments; ++i) {
    int j = (i + 1) % segments;
    int a = base + 2 * i, b = base + 2 * i + 1, c = base + 2 * j + 1, d = base + 2 * j;
    indices_.insert(indices_.end(), {a, b, c, a, c, d});
  }
}

void GeometryBatch::Draw(SDL_Renderer* renderer) const {
  SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
  if (!indices_.empty())
    SDL_RenderGeometry(renderer, nullptr, vertices_.data(), VertexCount(), indices_.data(),
                       static_cast<int>(indices_.size()));
  for (const ThinLine& line : thinLines_) {
    SDL_SetRenderDrawColor(renderer, line.color.r, line.color.g, line.color.b, line.color.a);
    SDL_RenderDrawLineF(renderer, line.a.x, line.a.y, line.b.x, line.b.y);
  }
}

}  // namespace app
