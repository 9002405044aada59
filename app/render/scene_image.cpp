#include "app/render/scene_image.h"

#include "app/render/offscreen_canvas.h"

namespace app {

Image DrawSceneImage(const sim::SceneView& view, const SceneImageOptions& options, const PathOverlay* paths) {
  OffscreenCanvas canvas(options.width, options.height);
  Camera camera;
  camera.SetViewport(static_cast<float>(options.width), static_cast<float>(options.height));
  camera.SetZoom(options.zoom);
  if (options.centre) {
    camera.Follow(*options.centre);
  } else if (!view.vehicles.empty()) {
    camera.Follow({static_cast<float>(view.vehicles.front().x), static_cast<float>(view.vehicles.front().y)});
  }
  canvas.Clear(options.palette.background);
  WorldRenderer renderer;
  renderer.Draw(canvas.Renderer(), view, camera, options.palette, options.overlays, paths);
  return canvas.Read();
}

}  // namespace app
