#include "app/render/camera.h"

#include <algorithm>

namespace app {

void Camera::Pan(float dxPixels, float dyPixels) {
  following_ = false;
  centre_.x -= dxPixels / zoom_;
  centre_.y += dyPixels / zoom_;
}

void Camera::ZoomAt(float factor, Vec2 screenPoint) {
  Vec2 anchor = ScreenToWorld(screenPoint);
  SetZoom(zoom_ * factor);
  // Move the centre so `anchor` stays under the pointer.
  Vec2 moved = ScreenToWorld(screenPoint);
  centre_.x += anchor.x - moved.x;
  centre_.y += anchor.y - moved.y;
}

void Camera::SetZoom(float zoom) { zoom_ = std::clamp(zoom, kMinZoom, kMaxZoom); }

void Camera::VisibleWorld(Vec2& min, Vec2& max) const {
  Vec2 a = ScreenToWorld({0.f, 0.f});
  Vec2 b = ScreenToWorld({width_, height_});
  min = {std::min(a.x, b.x), std::min(a.y, b.y)};
  max = {std::max(a.x, b.x), std::max(a.y, b.y)};
}

}  // namespace app
