#include "app/gui/assets.h"

#include <cstdlib>

namespace app {

std::string AssetPath(const std::string& relative) {
  const char* fromEnv = std::getenv("ILDRIVE_ASSETS_DIR");
  std::string dir = (fromEnv != nullptr && fromEnv[0] != '\0') ? fromEnv : ILDRIVE_APP_ASSETS_DIR;
  return dir + "/" + relative;
}

}  // namespace app
