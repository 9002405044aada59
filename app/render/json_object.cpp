#include "app/render/json_object.h"

#include "core/error.h"

namespace app {

nlohmann::json ParseJsonObject(const std::string& text, const std::string& where) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw core::Error(where + ": not valid JSON (" + e.what() + ")");
  }
  if (!json.is_object()) throw core::Error(where + ": expected a JSON object");
  return json;
}

}  // namespace app
