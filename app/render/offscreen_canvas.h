#pragma once
// A drawing target without a window: SDL's software renderer on an RGBA surface in memory. Needs no video driver
// and no SDL_Init, so the CLI (figures) and the Python module (Env.render) draw with the same code as the window.
#include <SDL.h>

#include "app/render/image.h"
#include "app/render/palette.h"

namespace app {

class OffscreenCanvas {
 public:
  // Throws core::Error when SDL cannot create the surface or the renderer (e.g. out of memory, size ≤ 0).
  OffscreenCanvas(int width, int height);
  ~OffscreenCanvas();
  OffscreenCanvas(const OffscreenCanvas&) = delete;
  OffscreenCanvas& operator=(const OffscreenCanvas&) = delete;

  SDL_Renderer* Renderer() const { return renderer_; }
  int Width() const { return width_; }
  int Height() const { return height_; }
  void Clear(const Rgba& color);
  // The pixels drawn so far (RGBA, top row first).
  Image Read() const;

 private:
  int width_, height_;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
};

}  // namespace app
