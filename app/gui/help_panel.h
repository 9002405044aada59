#pragma once
// F1: every key, straight from the command table and the current bindings (descriptions wrap; the app pauses the
// simulation while it is open).
#include "app/gui/key_bindings.h"

namespace app {

constexpr const char* kHelpWindow = "Keys (F1)";

void DrawHelpPanel(const KeyBindings& keys, bool* open);

}  // namespace app
