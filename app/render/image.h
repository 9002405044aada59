#pragma once
// The rendered frame as RGBA pixels, and PNG files of it (stb_image_write; atomic write).
#include <cstdint>
#include <string>
#include <vector>

#include "app/render/palette.h"

struct SDL_Renderer;

namespace app {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // row-major, 4 bytes a pixel, top row first

  Rgba At(int x, int y) const;
  // Pixels in the rectangle [x0, x1) × [y0, y1) (clipped) whose RGB equals `color` exactly.
  long CountColor(const Rgba& color, int x0, int y0, int x1, int y1) const;
};

// Must run before SDL_RenderPresent (the back buffer is undefined after it).
Image ReadRendererPixels(SDL_Renderer* renderer);
// Throws core::Error naming the file when it cannot be written.
void WritePng(const Image& image, const std::string& path);
// Throws core::Error naming the file when it is not a readable image.
Image LoadPng(const std::string& path);

}  // namespace app
