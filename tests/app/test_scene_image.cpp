// The rendering library draws offscreen: no window, no video driver (this executable sets none).
#include "app/render/scene_image.h"

#include <doctest/doctest.h>

#include "app/render/offscreen_canvas.h"
#include "core/error.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

TEST_CASE("A scene draws offscreen into an image of the asked size with road, ego and background pixels") {
  sim::Env env(sim::MakeScenario("highway"));
  env.Reset(3);
  app::SceneImageOptions options;
  options.width = 320;
  options.height = 200;
  app::Image image = app::DrawSceneImage(env.View(), options);
  REQUIRE(image.width == 320);
  REQUIRE(image.height == 200);
  REQUIRE(image.rgba.size() == 320u * 200u * 4u);
  const app::Palette& p = options.palette;
  CHECK(image.CountColor(p.road, 0, 0, 320, 200) > 1000);
  CHECK(image.CountColor(p.background, 0, 0, 320, 200) > 100);
  // The ego sits at the centre by default.
  CHECK(image.CountColor(p.ego, 150, 90, 170, 110) > 10);
}

TEST_CASE("An offscreen canvas refuses a size that is not positive") {
  CHECK_THROWS_AS(app::OffscreenCanvas(0, 10), core::Error);
  CHECK_THROWS_AS(app::OffscreenCanvas(10, -1), core::Error);
}
