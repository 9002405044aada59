#include "app/gui/key_bindings.h"

#include <doctest/doctest.h>

#include "app/gui/assets.h"
#include "core/atomic_file.h"
#include "core/error.h"

TEST_CASE("keys.json holds exactly the code's default bindings") {
  CHECK(app::KeyBindings::Load(app::AssetPath("app/keys.json")) == app::KeyBindings());
}

TEST_CASE("Commands: held and newly pressed, with several keys per command") {
  app::KeyBindings keys;
  int left = app::ScancodeFromName("Left", "test");
  int a = app::ScancodeFromName("A", "test");
  int space = app::ScancodeFromName("Space", "test");
  app::CommandState first = app::EvaluateCommands(keys, {left, space}, {});
  CHECK(first.Held(app::Command::kSteerLeft));
  CHECK(first.Pressed(app::Command::kSteerLeft));
  CHECK(first.Held(app::Command::kFullBrake));
  CHECK_FALSE(first.Held(app::Command::kSteerRight));
  // Still held through the other key of the same command: not a new press.
  app::CommandState second = app::EvaluateCommands(keys, {a}, {left, space});
  CHECK(second.Held(app::Command::kSteerLeft));
  CHECK_FALSE(second.Pressed(app::Command::kSteerLeft));
  CHECK_FALSE(second.Held(app::Command::kFullBrake));
}

TEST_CASE("Rebinding replaces a command's keys - bad names and commands are errors") {
  app::KeyBindings keys;
  keys.Apply(R"({"full_brake": ["B", "Return"]})", "settings");
  CHECK(keys.KeyNames(app::Command::kFullBrake) == "B / Return");
  CHECK(keys.KeyNames(app::Command::kSteerLeft) == "Left / A");
  CHECK_THROWS_WITH_AS(keys.Apply(R"({"fly": ["F"]})", "settings"), doctest::Contains("unknown command 'fly'"),
                       core::Error);
  CHECK_THROWS_WITH_AS(keys.Apply(R"({"pause": ["NoSuchKey"]})", "settings"),
                       doctest::Contains("unknown key name 'NoSuchKey'"), core::Error);
}
