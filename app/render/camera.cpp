#include "app/render/camera.h"

#include <algorithm>
#include <cmath>

namespace app {

void Camera::SetFraming(Vec2 centre, float fit, float rotation) {
  centre_ = centre;
  fit_ = std::clamp(fit, 0.05f, 1.f);
  rotation_ = rotation;
  cos_ = std::cos(rotation);
  sin_ = std::sin(rotation);
}

void Camera::Pan(float dxPixels, float dyPixels) {
  following_ = false;
  // The world point under the pointer moves with it (in the rotated view too).
  const Vec2 from = ScreenToWorld({width_ * 0.5f, height_ * 0.5f});
  const Vec2 to = ScreenToWorld({width_ * 0.5f - dxPixels, height_ * 0.5f - dyPixels});
  centre_.x += to.x - from.x;
  centre_.y += to.y - from.y;
}

void Camera::ZoomAt(float factor, Vec2 screenPoint) {
  Vec2 anchor = ScreenToWorld(screenPoint);
  SetZoom(zoom_ * factor);
  // Move the centre so `anchor` stays under the pointer.
  Vec2 moved = ScreenToWorld(screenPoint);
  centre_.x += anchor.x - moved.x;
  centre_.y += anchor.y - moved.y;
}

void Camera::ShowWorldRect(Vec2 min, Vec2 max) {
  following_ = false;
  SetFraming({(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}, 1.f, 0.f);
  zoom_ = width_ / std::max(max.x - min.x, 1e-3f);
  lateralStretch_ = height_ / std::max(max.y - min.y, 1e-3f) / zoom_;
}

void Camera::SetZoom(float zoom) { zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom); }

void Camera::VisibleWorld(Vec2& min, Vec2& max) const {
  const Vec2 corners[] = {ScreenToWorld({0.f, 0.f}), ScreenToWorld({width_, 0.f}), ScreenToWorld({0.f, height_}),
                          ScreenToWorld({width_, height_})};
  min = max = corners[0];
  for (const Vec2& c : corners) {
    min = {std::min(min.x, c.x), std::min(min.y, c.y)};
    max = {std::max(max.x, c.x), std::max(max.y, c.y)};
  }
}

}  // namespace app
