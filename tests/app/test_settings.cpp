#include "app/gui/settings.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"

namespace fs = std::filesystem;

TEST_CASE("Settings survive a save and load - a missing file gives the defaults") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_settings";
  fs::remove_all(dir);
  std::string path = (dir / "nested" / "settings.json").string();
  CHECK(app::LoadSettings(path).windowWidth == 1280);

  app::Settings settings;
  settings.windowWidth = 1024;
  settings.showLidar = true;
  settings.lastDataFile = "/tmp/demos.h5";
  settings.panelLayout = "[Window][Dashboard]\nPos=10,10\n";
  settings.keys.Apply(R"({"pause": ["F9"]})", "test");
  app::SaveSettings(settings, path);
  app::Settings loaded = app::LoadSettings(path);
  CHECK(loaded.windowWidth == 1024);
  CHECK(loaded.showLidar);
  CHECK(loaded.lastDataFile == "/tmp/demos.h5");
  CHECK(loaded.panelLayout == settings.panelLayout);
  CHECK(loaded.keys == settings.keys);
  CHECK(app::SettingsToJson(loaded) == app::SettingsToJson(settings));

  core::WriteFileAtomically(path, R"({"window_width": 800, "colour": "red"})");
  CHECK_THROWS_WITH_AS(app::LoadSettings(path), doctest::Contains("unknown setting 'colour'"), core::Error);
  core::WriteFileAtomically(path, R"({"window_width": "wide"})");
  CHECK_THROWS_WITH_AS(app::LoadSettings(path), doctest::Contains("'window_width'"), core::Error);
  // Numbers an int cannot hold (found by fuzz_app_inputs: undefined behaviour in the conversion before).
  for (const char* text : {R"({"window_width": 1287786459777777777777777})", R"({"window_width": 1e12})",
                           R"({"window_width": 1280.5})", R"({"window_height": -99999999999})",
                           R"({"window_height": 18446744073709551615})"}) {
    CAPTURE(text);
    core::WriteFileAtomically(path, text);
    CHECK_THROWS_WITH_AS(app::LoadSettings(path), doctest::Contains("must be a whole number"), core::Error);
  }
  core::WriteFileAtomically(path, R"({"zoom": 1e300})");
  CHECK_THROWS_WITH_AS(app::LoadSettings(path), doctest::Contains("'zoom' is out of range"), core::Error);
  fs::remove_all(dir);
}
