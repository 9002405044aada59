#include "app/render/palette.h"

#include <doctest/doctest.h>

#include "app/gui/assets.h"
#include "core/error.h"

TEST_CASE("colors.json holds exactly the code's default palette") {
  app::Palette fromFile = app::LoadPalette(app::AssetPath("app/colors.json"));
  app::Palette defaults;
  CHECK(app::PaletteToJson(fromFile) == app::PaletteToJson(defaults));
}

TEST_CASE("Hex colours parse, print back, and malformed ones name the place") {
  app::Rgba c = app::ParseHexColor("#0a1B2c", "here");
  CHECK(c == app::Rgba{10, 27, 44, 255});
  CHECK(app::ToHexColor(c) == "#0a1b2c");
  CHECK(app::ParseHexColor("#01020304", "here") == app::Rgba{1, 2, 3, 4});
  CHECK_THROWS_WITH_AS(app::ParseHexColor("0a1b2c", "colors.json: 'road'"),
                       doctest::Contains("colors.json: 'road'"), core::Error);
  CHECK_THROWS_AS(app::ParseHexColor("#0a1b2g", "x"), core::Error);
}
