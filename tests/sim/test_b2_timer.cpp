#include <doctest/doctest.h>

#include <box2d/box2d.h>

#include <chrono>
#include <thread>

// The no-op b2Timer (sim/b2_timer_override.cpp) must be the one Box2D calls: b2World's profile then stays zero,
// while the library's own timer would report the time of each step.
TEST_CASE("b2Timer override is in effect in executables linking ildrive_sim") {
  b2Timer timer;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(timer.GetMilliseconds() == 0.f);

  b2World world(b2Vec2(0.f, -10.f));
  for (int i = 0; i < 50; ++i) {
    b2BodyDef bd;
    bd.type = b2_dynamicBody;
    bd.position.Set(static_cast<float>(i % 10), static_cast<float>(i / 10));
    b2PolygonShape box;
    box.SetAsBox(0.4f, 0.4f);
    world.CreateBody(&bd)->CreateFixture(&box, 1.f);
  }
  for (int i = 0; i < 20; ++i) world.Step(1.f / 60.f, 8, 3);
  const b2Profile& profile = world.GetProfile();
  CHECK(profile.step == 0.f);
  CHECK(profile.solve == 0.f);
  CHECK(profile.collide == 0.f);
}
