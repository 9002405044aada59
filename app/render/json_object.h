#pragma once
// The app's JSON files (colours, key bindings, settings) are each one object; this parses one and reports a
// bad file as one line naming it.
#include <nlohmann/json.hpp>
#include <string>

namespace app {

// Throws core::Error starting with `where` when `text` is not valid JSON or not an object.
nlohmann::json ParseJsonObject(const std::string& text, const std::string& where);

}  // namespace app
