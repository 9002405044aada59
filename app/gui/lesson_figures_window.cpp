#include "app/gui/lesson_figures_window.h"

#include <imgui.h>

#include <algorithm>

namespace app {

LessonFiguresWindow::~LessonFiguresWindow() { Release(); }

void LessonFiguresWindow::Release() {
  for (SDL_Texture* t : textures_)
    if (t != nullptr) SDL_DestroyTexture(t);
  textures_.clear();
}

void LessonFiguresWindow::Draw(SDL_Renderer* renderer, const std::shared_ptr<const LessonFigureImages>& figures,
                               bool* open) {
  if (figures != shown_) {
    Release();
    shown_ = figures;
    if (shown_)
      for (const Image& image : shown_->images) {
        SDL_Texture* t = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, image.width,
                                           image.height);
        if (t != nullptr) SDL_UpdateTexture(t, nullptr, image.rgba.data(), image.width * 4);
        textures_.push_back(t);
      }
  }
  ImGui::SetNextWindowSize(ImVec2(620.f, 520.f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Lesson figures", open)) {
    ImGui::End();
    return;
  }
  if (!shown_ || shown_->images.empty()) {
    ImGui::TextWrapped("Run a lesson in the Lessons panel: its figures appear here when it finishes.");
    ImGui::End();
    return;
  }
  const float width = std::max(ImGui::GetContentRegionAvail().x, 100.f);
  for (size_t i = 0; i < shown_->images.size(); ++i) {
    const Image& image = shown_->images[i];
    ImGui::TextDisabled("%s", shown_->names[i].c_str());
    if (textures_[i] == nullptr) continue;
    const float scale = std::min(1.f, width / static_cast<float>(image.width));  // never enlarged: stays crisp
    ImGui::Image(static_cast<ImTextureID>(textures_[i]),
                 ImVec2(static_cast<float>(image.width) * scale, static_cast<float>(image.height) * scale));
  }
  ImGui::End();
}

}  // namespace app
