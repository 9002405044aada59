#include "app/render/figure_files.h"

#include <filesystem>
#include <system_error>

#include "core/atomic_file.h"
#include "core/error.h"

namespace app {

std::vector<std::string> WriteFigures(const std::vector<learning::imitation::Figure>& figures, const std::string& dir,
                                      const FigureLayout& layout) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw core::Error(dir + ": cannot create the folder (" + error.message() + ")");
  std::vector<std::string> written;
  for (const learning::imitation::Figure& figure : figures) {
    const std::string stem = (std::filesystem::path(dir) / figure.name).string();
    WritePng(DrawFigure(figure, layout), stem + ".png");
    core::WriteFileAtomically(stem + ".json", figure.ToJson() + "\n");
    written.push_back(stem + ".png");
    written.push_back(stem + ".json");
  }
  return written;
}

}  // namespace app
