#include "app/gui/input_script.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/error.h"

namespace {

bool Holds(const app::KeySet& keys, const char* name) {
  int code = app::ScancodeFromName(name, "test");
  return std::find(keys.begin(), keys.end(), code) != keys.end();
}

}  // namespace

TEST_CASE("An input script gives the keys held at each frame") {
  app::InputScript script = app::InputScript::Parse(
      "# warm up\n"
      "3 Up\n"
      "\n"
      "2 Up, Left Shift   # takeover\n"
      "1\n"
      "4 Space\n",
      "drive.txt");
  CHECK(script.FrameCount() == 10);
  CHECK(Holds(script.KeysAt(0), "Up"));
  CHECK(Holds(script.KeysAt(2), "Up"));
  CHECK_FALSE(Holds(script.KeysAt(2), "Left Shift"));
  CHECK(Holds(script.KeysAt(3), "Left Shift"));
  CHECK(Holds(script.KeysAt(4), "Up"));
  CHECK(script.KeysAt(5).empty());
  CHECK(Holds(script.KeysAt(9), "Space"));
  CHECK(script.KeysAt(10).empty());
  CHECK(script.KeysAt(-1).empty());
}

TEST_CASE("Malformed script lines name the file and line") {
  CHECK_THROWS_WITH_AS(app::InputScript::Parse("3 Up\nfast Up\n", "s.txt"), doctest::Contains("s.txt:2"),
                       core::Error);
  CHECK_THROWS_WITH_AS(app::InputScript::Parse("3 Up, Hover\n", "s.txt"),
                       doctest::Contains("unknown key name 'Hover'"), core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("0 Up\n", "s.txt"), core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("3Up\n", "s.txt"), core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("3 Up,,Left\n", "s.txt"), core::Error);
}
