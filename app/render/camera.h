#pragma once
// The world → screen mapping of the world view. World: metres, y up (sim/). Screen: pixels, y down.
// The camera follows the ego; dragging pans away from it (follow stays off until Recentre), the wheel zooms
// about the mouse pointer.
namespace app {

struct Vec2 {
  float x = 0.f;
  float y = 0.f;
};

class Camera {
 public:
  // Viewport size [px]: the window's size.
  void SetViewport(float width, float height) {
    width_ = width;
    height_ = height;
  }
  float Width() const { return width_; }
  float Height() const { return height_; }

  // While following, centres on the ego each frame.
  void Follow(Vec2 ego) {
    if (following_) centre_ = ego;
  }
  // A drag of (dx, dy) pixels moves the world with the mouse and stops following.
  void Pan(float dxPixels, float dyPixels);
  // Zooms by `factor` keeping the world point under `screenPoint` fixed; clamps to [kMinZoom, kMaxZoom].
  void ZoomAt(float factor, Vec2 screenPoint);
  void Recentre() { following_ = true; }

  Vec2 WorldToScreen(Vec2 world) const {
    return {width_ * 0.5f + (world.x - centre_.x) * zoom_, height_ * 0.5f - (world.y - centre_.y) * zoom_};
  }
  Vec2 ScreenToWorld(Vec2 screen) const {
    return {centre_.x + (screen.x - width_ * 0.5f) / zoom_, centre_.y - (screen.y - height_ * 0.5f) / zoom_};
  }
  // The world rectangle on screen, for culling.
  void VisibleWorld(Vec2& min, Vec2& max) const;

  float Zoom() const { return zoom_; }  // [px/m]
  void SetZoom(float zoom);
  Vec2 Centre() const { return centre_; }
  bool Following() const { return following_; }

  static constexpr float kMinZoom = 1.f;    // [px/m]
  static constexpr float kMaxZoom = 80.f;   // [px/m]

 private:
  float width_ = 1280.f;   // [px]
  float height_ = 720.f;   // [px]
  float zoom_ = 12.f;      // [px/m]
  Vec2 centre_;            // [m] world point at the viewport centre
  bool following_ = true;
};

}  // namespace app
