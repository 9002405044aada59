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

TEST_CASE("Mouse items: a pointer that stays, straight-line moves, buttons held per span, wheel on the first frame") {
  app::InputScript script = app::InputScript::Parse(
      "2 Up\n"                                    // no pointer yet
      "1 mouse 100 50\n"
      "5 mouse 100 50 -> 140 90, mouse left\n"   // a drag
      "2 Up, wheel -2\n"                          // the pointer stays; keys and mouse on one line
      "1 mouse 10 20, mouse right, mouse middle\n",
      "mouse.txt");
  CHECK(script.HasMouse());
  CHECK(script.FrameCount() == 11);
  CHECK_FALSE(script.MouseAt(0).present);
  CHECK_FALSE(script.MouseAt(1).present);
  app::MouseFrame m = script.MouseAt(2);
  CHECK(m.present);
  CHECK(m.x == 100.f);
  CHECK_FALSE(m.left);
  CHECK(script.MouseAt(3).left);
  CHECK(script.MouseAt(3).x == 100.f);
  CHECK(script.MouseAt(5).x == doctest::Approx(120.f));  // halfway through the 5-frame move
  CHECK(script.MouseAt(5).y == doctest::Approx(70.f));
  CHECK(script.MouseAt(7).x == 140.f);
  CHECK(script.MouseAt(7).y == 90.f);
  CHECK(script.MouseAt(8).x == 140.f);
  CHECK_FALSE(script.MouseAt(8).left);
  CHECK(script.MouseAt(8).wheel == -2);
  CHECK(script.MouseAt(9).wheel == 0);
  CHECK(Holds(script.KeysAt(9), "Up"));
  CHECK(script.MouseAt(10).right);
  CHECK(script.MouseAt(10).middle);
  CHECK(script.MouseAt(50).present);  // after the end the pointer rests, nothing held
  CHECK(script.MouseAt(50).x == 10.f);
  CHECK_FALSE(script.MouseAt(50).right);
  CHECK_FALSE(app::InputScript::Parse("3 Up\n", "k.txt").HasMouse());
}

TEST_CASE("Malformed mouse items name the file and line") {
  CHECK_THROWS_WITH_AS(app::InputScript::Parse("1 mouse 1\n", "m.txt"), doctest::Contains("m.txt:1"), core::Error);
  CHECK_THROWS_WITH_AS(app::InputScript::Parse("1 mouse 5 5\n1 mouse x 3\n", "m.txt"), doctest::Contains("m.txt:2"),
                       core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("1 mouse 1 2 -> 3\n", "m.txt"), core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("1 mouse 1 2, mouse 3 4\n", "m.txt"), core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("1 mouse 1 2, wheel 1.5\n", "m.txt"), core::Error);
  CHECK_THROWS_WITH_AS(app::InputScript::Parse("1 mouse left\n", "m.txt"), doctest::Contains("place the pointer"),
                       core::Error);
  CHECK_THROWS_AS(app::InputScript::Parse("1 mouse 1 2, mouse thumb\n", "m.txt"), core::Error);
}
