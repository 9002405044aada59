#pragma once
// The world → screen mapping of the world view. World: metres, y up (sim/). Screen: pixels, y down.
// The camera follows the ego; dragging pans away from it (follow stays off until Recentre), the wheel zooms
// about the mouse pointer. The scale on screen is the user's zoom times a fit factor (<= 1) that the look-ahead
// framing lowers when the road ahead would not fit (look_ahead.h); the view may be rotated (the scene turning
// with the car).
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

  // Places the view: `centre` [m] at the viewport centre, the fit factor in (0, 1], and `rotation` [rad]: the world
  // direction shown pointing right (0: world x to the right).
  void SetFraming(Vec2 centre, float fit, float rotation);

  Vec2 WorldToScreen(Vec2 world) const {
    const float dx = world.x - centre_.x, dy = world.y - centre_.y;
    const float scale = Zoom();
    return {width_ * 0.5f + (dx * cos_ + dy * sin_) * scale,
            height_ * 0.5f - (-dx * sin_ + dy * cos_) * scale * lateralStretch_};
  }
  Vec2 ScreenToWorld(Vec2 screen) const {
    const float scale = Zoom();
    const float rx = (screen.x - width_ * 0.5f) / scale,
                ry = -(screen.y - height_ * 0.5f) / (scale * lateralStretch_);
    return {centre_.x + rx * cos_ - ry * sin_, centre_.y + rx * sin_ + ry * cos_};
  }
  // Figures: shows exactly the world rectangle [min, max] in the viewport, unrotated, y stretched against x when
  // the shapes differ (a long road in a short panel). Stops following; the zoom is not clamped.
  void ShowWorldRect(Vec2 min, Vec2 max);
  // The world rectangle on screen, for culling.
  void VisibleWorld(Vec2& min, Vec2& max) const;

  float Zoom() const { return zoom_ * fit_; }  // [px/m] on screen
  float UserZoom() const { return zoom_; }      // [px/m] what the wheel sets (and the settings keep)
  float Fit() const { return fit_; }
  float Rotation() const { return rotation_; }  // [rad]
  void SetZoom(float zoom);                     // the user's zoom
  Vec2 Centre() const { return centre_; }
  bool Following() const { return following_; }

  static constexpr float kMinZoom = 1.f;    // [px/m]
  static constexpr float kMaxZoom = 80.f;   // [px/m]

 private:
  float width_ = 1280.f;   // [px]
  float height_ = 720.f;   // [px]
  float zoom_ = 12.f;      // [px/m] the user's
  float fit_ = 1.f;        // the look-ahead's factor on it
  float rotation_ = 0.f;   // [rad]
  float cos_ = 1.f, sin_ = 0.f;
  float lateralStretch_ = 1.f;  // screen-y pixels per screen-x pixel for the same metres (1 in the app)
  Vec2 centre_;            // [m] world point at the viewport centre
  bool following_ = true;
};

}  // namespace app
