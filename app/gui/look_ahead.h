#pragma once
// The camera's framing while it follows the ego: the road ahead in view. The panels leave part of the window free;
// the ego is placed in that part, back from its centre the faster it goes, so the next kSeconds of road at its
// speed are uncovered; when even that is not enough at the user's zoom the view zooms out (down to kMinFit of it).
// With `rotate` the scene turns with the car (its heading points right); otherwise north stays up and the framing
// leads along the heading as seen on screen. Changes ease in over ~kEaseSeconds; a reset jumps.
#include <vector>

#include "app/render/camera.h"

namespace app {

struct ScreenRect {
  float x0 = 0.f, y0 = 0.f, x1 = 0.f, y1 = 0.f;  // [px] left, top, right, bottom
  float Width() const { return x1 - x0; }
  float Height() const { return y1 - y0; }
  bool Contains(const ScreenRect& r) const { return r.x0 >= x0 && r.y0 >= y0 && r.x1 <= x1 && r.y1 <= y1; }
  bool Overlaps(const ScreenRect& r) const { return r.x0 < x1 && r.x1 > x0 && r.y0 < y1 && r.y1 > y0; }
};

// The largest rectangle of the window [0, width] × [0, height] that no panel covers, preferring wide ones (the
// road runs across): its score is width × min(height, kUsefulHeight). The whole window when nothing is free.
ScreenRect FreeView(float width, float height, const std::vector<ScreenRect>& panels);

struct EgoPose {
  float x = 0.f, y = 0.f;  // [m]
  float heading = 0.f;     // [rad] counter-clockwise from world x
  float speed = 0.f;       // [m/s]
  float length = 4.5f;     // [m]
};

class LookAhead {
 public:
  static constexpr float kSeconds = 4.f;       // [s] of road ahead kept in view
  static constexpr float kExtraMetres = 15.f;  // [m] beyond that (an obstacle's length and the car's front)
  static constexpr float kMinFit = 0.35f;      // the most it zooms out, as a factor on the user's zoom
  static constexpr float kEaseSeconds = 0.35f;
  static constexpr float kUsefulHeight = 320.f;  // [px]

  // Frames `camera` (which must be following) on `ego` within `free`; `dt` [s] since the last update.
  void Update(Camera& camera, const EgoPose& ego, const ScreenRect& free, bool rotate, float dt);
  // The next update jumps to its target (a new episode, a recentre, a resized window).
  void Reset() { primed_ = false; }

 private:
  bool primed_ = false;
  float screenX_ = 0.f, screenY_ = 0.f;  // [px] where the ego is drawn
  float fit_ = 1.f;
  float rotation_ = 0.f;  // [rad]
};

}  // namespace app
