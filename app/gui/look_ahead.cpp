#include "app/gui/look_ahead.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace app {

ScreenRect FreeView(float width, float height, const std::vector<ScreenRect>& panels) {
  // Candidate edges: the window's and every panel's; a rectangle between two of each is free when it overlaps
  // no panel. A handful of panels: brute force is cheap.
  std::vector<float> xs{0.f, width}, ys{0.f, height};
  for (const ScreenRect& p : panels) {
    xs.insert(xs.end(), {std::clamp(p.x0, 0.f, width), std::clamp(p.x1, 0.f, width)});
    ys.insert(ys.end(), {std::clamp(p.y0, 0.f, height), std::clamp(p.y1, 0.f, height)});
  }
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  ys.erase(std::unique(ys.begin(), ys.end()), ys.end());
  ScreenRect best{0.f, 0.f, width, height};
  float bestScore = -1.f;
  for (size_t a = 0; a < xs.size(); ++a)
    for (size_t b = a + 1; b < xs.size(); ++b)
      for (size_t c = 0; c < ys.size(); ++c)
        for (size_t d = c + 1; d < ys.size(); ++d) {
          const ScreenRect r{xs[a], ys[c], xs[b], ys[d]};
          const float score = r.Width() * std::min(r.Height(), LookAhead::kUsefulHeight);
          if (score <= bestScore) continue;
          if (std::none_of(panels.begin(), panels.end(), [&](const ScreenRect& p) { return r.Overlaps(p); })) {
            best = r;
            bestScore = score;
          }
        }
  return best;
}

void LookAhead::Update(Camera& camera, const EgoPose& ego, const ScreenRect& free, bool rotate, float dt) {
  // Direction of travel on screen (y down).
  const float shown = rotate ? 0.f : ego.heading;
  const float dx = std::cos(shown), dy = -std::sin(shown);
  // From the free view's centre to its edge along that direction.
  const float halfW = std::max(free.Width() * 0.5f, 1.f), halfH = std::max(free.Height() * 0.5f, 1.f);
  const float edge = std::min(std::abs(dx) > 1e-4f ? halfW / std::abs(dx) : 1e9f,
                              std::abs(dy) > 1e-4f ? halfH / std::abs(dy) : 1e9f);
  const float zoom = camera.UserZoom();
  const float margin = std::min(40.f + ego.length * 0.5f * zoom, edge);  // behind the car, kept free
  const float ahead = std::max(ego.speed, 0.f) * kSeconds + kExtraMetres;  // [m] wanted in view
  // Lead [px]: how far back from the centre the car sits; then zoom out only if that is not enough.
  const float lead = std::clamp(ahead * zoom - edge, 0.f, std::max(edge - margin, 0.f));
  const float fit = std::clamp((edge + lead) / (ahead * zoom), kMinFit, 1.f);
  const float targetX = (free.x0 + free.x1) * 0.5f - dx * lead;
  const float targetY = (free.y0 + free.y1) * 0.5f - dy * lead;
  const float targetRotation = rotate ? ego.heading : 0.f;

  if (!primed_) {
    screenX_ = targetX;
    screenY_ = targetY;
    fit_ = fit;
    rotation_ = targetRotation;
    primed_ = true;
  } else {
    const float k = 1.f - std::exp(-std::max(dt, 0.f) / kEaseSeconds);
    screenX_ += (targetX - screenX_) * k;
    screenY_ += (targetY - screenY_) * k;
    fit_ += (fit - fit_) * k;
    float turn = std::remainder(targetRotation - rotation_, 2.f * std::numbers::pi_v<float>);
    rotation_ += turn * k;
  }
  // The centre that puts the ego at (screenX_, screenY_) at this scale and rotation.
  const float scale = zoom * fit_;
  const float rx = (screenX_ - camera.Width() * 0.5f) / scale, ry = -(screenY_ - camera.Height() * 0.5f) / scale;
  const float c = std::cos(rotation_), s = std::sin(rotation_);
  camera.SetFraming({ego.x - (rx * c - ry * s), ego.y - (rx * s + ry * c)}, fit_, rotation_);
}

}  // namespace app
