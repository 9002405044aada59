#include "python/src/render_scene.h"

#include <stdexcept>

#include "app/render/scene_image.h"

namespace ildrive_py {

pybind11::array_t<uint8_t> RenderScene(const sim::Env& env, int width, int height, float zoom) {
  if (width < 1 || height < 1 || !(zoom > 0.f))
    throw std::invalid_argument("render(): width, height and zoom must be positive, got " + std::to_string(width) +
                                "x" + std::to_string(height) + " at " + std::to_string(zoom) + " px/m");
  app::SceneImageOptions options;
  options.width = width;
  options.height = height;
  options.zoom = zoom;
  const app::Image image = app::DrawSceneImage(env.View(), options);
  pybind11::array_t<uint8_t> rgb({image.height, image.width, 3});
  uint8_t* out = rgb.mutable_data();
  for (size_t pixel = 0; pixel < static_cast<size_t>(image.width) * image.height; ++pixel)
    for (size_t c = 0; c < 3; ++c) out[3 * pixel + c] = image.rgba[4 * pixel + c];
  return rgb;
}

}  // namespace ildrive_py
