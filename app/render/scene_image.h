#pragma once
// One top-down picture of a scene, offscreen: what Env.render() (Python) and the figures need in one call.
#include <optional>

#include "app/render/image.h"
#include "app/render/overlays.h"
#include "app/render/palette.h"
#include "app/render/world_renderer.h"
#include "sim/scene_view.h"

namespace app {

struct SceneImageOptions {
  int width = 640;    // [px]
  int height = 360;   // [px]
  float zoom = 8.f;   // [px/m]
  std::optional<Vec2> centre;  // [m] world point at the image centre; default: the ego (the first vehicle)
  Overlays overlays;
  Palette palette;
};

// Throws core::Error when the size is not positive.
Image DrawSceneImage(const sim::SceneView& view, const SceneImageOptions& options,
                     const PathOverlay* paths = nullptr);

}  // namespace app
