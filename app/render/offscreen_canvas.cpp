#include "app/render/offscreen_canvas.h"

#include <string>

#include "core/error.h"

namespace app {

OffscreenCanvas::OffscreenCanvas(int width, int height) : width_(width), height_(height) {
  if (width <= 0 || height <= 0)
    throw core::Error("offscreen canvas: size " + std::to_string(width) + "x" + std::to_string(height) +
                      " must be positive");
  surface_ = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
  if (surface_ == nullptr) throw core::Error(std::string("offscreen canvas: cannot create a surface: ") + SDL_GetError());
  renderer_ = SDL_CreateSoftwareRenderer(surface_);
  if (renderer_ == nullptr) {
    SDL_FreeSurface(surface_);
    throw core::Error(std::string("offscreen canvas: cannot create a renderer: ") + SDL_GetError());
  }
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
}

OffscreenCanvas::~OffscreenCanvas() {
  SDL_DestroyRenderer(renderer_);
  SDL_FreeSurface(surface_);
}

void OffscreenCanvas::Clear(const Rgba& color) {
  SDL_SetRenderDrawColor(renderer_, color.r, color.g, color.b, 255);
  SDL_RenderClear(renderer_);
}

Image OffscreenCanvas::Read() const { return ReadRendererPixels(renderer_); }

}  // namespace app
