#pragma once
// F1: every key, straight from the command table and the current bindings.
#include "app/gui/key_bindings.h"

namespace app {

void DrawHelpPanel(const KeyBindings& keys, bool* open);

}  // namespace app
