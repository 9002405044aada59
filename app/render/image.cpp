#include "app/render/image.h"

#include <SDL.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>

#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

Rgba Image::At(int x, int y) const {
  const uint8_t* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
  return {p[0], p[1], p[2], p[3]};
}

long Image::CountColor(const Rgba& color, int x0, int y0, int x1, int y1) const {
  long count = 0;
  for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
    for (int x = std::max(0, x0); x < std::min(width, x1); ++x) {
      const uint8_t* p = &rgba[(static_cast<size_t>(y) * width + x) * 4];
      if (p[0] == color.r && p[1] == color.g && p[2] == color.b) ++count;
    }
  return count;
}

Image ReadRendererPixels(SDL_Renderer* renderer) {
  Image image;
  if (SDL_GetRendererOutputSize(renderer, &image.width, &image.height) != 0)
    throw core::Error(std::string("screenshot: cannot read the output size: ") + SDL_GetError());
  image.rgba.resize(static_cast<size_t>(image.width) * image.height * 4);
  // ABGR8888 is R, G, B, A in memory order on little-endian machines; RGBA32 names that on every machine.
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(), image.width * 4) != 0)
    throw core::Error(std::string("screenshot: cannot read the pixels: ") + SDL_GetError());
  return image;
}

void WritePng(const Image& image, const std::string& path) {
  core::WriteAtomically(path, [&](const std::string& tempPath) {
    if (stbi_write_png(tempPath.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4) == 0)
      throw core::Error(path + ": cannot write the PNG file");
  });
}

Image LoadPng(const std::string& path) {
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (pixels == nullptr) throw core::Error(path + ": not a readable image (" + stbi_failure_reason() + ")");
  Image image{width, height, std::vector<uint8_t>(pixels, pixels + static_cast<size_t>(width) * height * 4)};
  stbi_image_free(pixels);
  return image;
}

}  // namespace app
