// libFuzzer target: the app's own input files — input scripts (`gui --input`, app/gui/input_script.h), settings
// files (`gui --settings`) and key bindings (the settings' "keys" object, KeyBindings::Apply). The first byte picks
// the reader, the rest is the text. A reader may refuse with core::Error; anything else is a finding. A script
// that parses is queried at its first, middle, last and past-the-end frames, as the app's frame loop does.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/gui/input_script.h"
#include "app/gui/key_bindings.h"
#include "app/gui/settings.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        const app::InputScript script = app::InputScript::Parse(text, "fuzz");
        const long n = script.FrameCount();
        for (long frame : {0L, n / 2, n - 1, n, n + 1}) {
          (void)script.KeysAt(frame);
          (void)script.MouseAt(frame);
        }
        break;
      }
      case 1: {  // LoadSettings reads a path
        const std::string path =
            (std::filesystem::temp_directory_path() / ("ildrive_fuzz_settings_" + std::to_string(::getpid()) + ".json"))
                .string();
        std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
        try {
          (void)app::LoadSettings(path);
        } catch (...) {
          std::remove(path.c_str());
          throw;
        }
        std::remove(path.c_str());
        break;
      }
      default: {
        app::KeyBindings bindings;
        bindings.Apply(text, "fuzz");
        break;
      }
    }
  } catch (const core::Error&) {
  }
  return 0;
}
