#include "app/render/camera.h"

#include <doctest/doctest.h>

TEST_CASE("Camera maps world (y up) to screen (y down) about the followed point") {
  app::Camera camera;
  camera.SetViewport(800.f, 600.f);
  camera.SetZoom(10.f);
  camera.Follow({100.f, 5.f});
  app::Vec2 centre = camera.WorldToScreen({100.f, 5.f});
  CHECK(centre.x == doctest::Approx(400.f));
  CHECK(centre.y == doctest::Approx(300.f));
  app::Vec2 ahead = camera.WorldToScreen({102.f, 6.f});  // 2 m forward, 1 m left
  CHECK(ahead.x == doctest::Approx(420.f));
  CHECK(ahead.y == doctest::Approx(290.f));
  app::Vec2 back = camera.ScreenToWorld(ahead);
  CHECK(back.x == doctest::Approx(102.f));
  CHECK(back.y == doctest::Approx(6.f));
}

TEST_CASE("Zoom keeps the point under the pointer - dragging stops following until recentred") {
  app::Camera camera;
  camera.SetViewport(800.f, 600.f);
  camera.Follow({0.f, 0.f});
  app::Vec2 pointer{600.f, 100.f};
  app::Vec2 before = camera.ScreenToWorld(pointer);
  float zoom = camera.Zoom();
  camera.ZoomAt(2.f, pointer);
  CHECK(camera.Zoom() == doctest::Approx(2.f * zoom));
  app::Vec2 after = camera.ScreenToWorld(pointer);
  CHECK(after.x == doctest::Approx(before.x));
  CHECK(after.y == doctest::Approx(before.y));
  camera.ZoomAt(1000.f, pointer);
  CHECK(camera.Zoom() == doctest::Approx(app::Camera::kMaxZoom));

  camera.Pan(40.f, 0.f);  // drag right: the world moves right, so the centre moves left
  CHECK_FALSE(camera.Following());
  app::Vec2 panned = camera.Centre();
  camera.Follow({50.f, 0.f});
  CHECK(camera.Centre().x == doctest::Approx(panned.x));
  camera.Recentre();
  camera.Follow({50.f, 0.f});
  CHECK(camera.Centre().x == doctest::Approx(50.f));
}
