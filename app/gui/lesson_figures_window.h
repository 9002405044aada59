#pragma once
// The figures of the lesson the Lessons panel ran (the same ones `ildrive lesson NAME --figures DIR` writes),
// beside its table: the images come from the lesson job, are uploaded once as textures and drawn scaled to the
// window's width, one below the other.
#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

#include "app/render/image.h"

namespace app {

struct LessonFigureImages {
  std::vector<std::string> names;  // file stems, e.g. "multimodal_paths"
  std::vector<Image> images;
};

class LessonFiguresWindow {
 public:
  ~LessonFiguresWindow();
  // Shows `figures` (nullptr: none yet); uploads them when they are new.
  void Draw(SDL_Renderer* renderer, const std::shared_ptr<const LessonFigureImages>& figures, bool* open);
  int TextureCount() const { return static_cast<int>(textures_.size()); }

 private:
  void Release();

  std::shared_ptr<const LessonFigureImages> shown_;
  std::vector<SDL_Texture*> textures_;
};

}  // namespace app
