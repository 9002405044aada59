// "What the policy believes" on the offscreen window: for each head family the window shows the action plane with
// the samples and what the head adds (density, per-dimension bars, flow paths), found by colour in a screenshot.
#include "app/gui/belief_panel.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>

#include "app/gui/app_main.h"
#include "app/gui/session.h"
#include "app/render/image.h"
#include "core/atomic_file.h"
#include "core/rng.h"
#include "learning/imitation/policy_driver.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

namespace fs = std::filesystem;

namespace {

// A policy of `head` for highway briefly cloned from two expert episodes (its normaliser fitted to real
// observations, its actions inside the plane): enough for the window to have something to show.
std::string SavePolicy(const std::string& head, const fs::path& dir) {
  app::Session session(app::SessionDef{});
  session.AddExpertEpisodes(2, true);
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig(head);
  config.width = 32;
  learning::policies::Policy policy(config, learning::imitation::ObsDimsOf(session.Env()));
  learning::imitation::TrainOptions options;
  options.steps = 150;
  options.batchSize = 64;
  options.seed = 1;
  learning::imitation::TrainBehaviourCloning(policy, session.Data(), options);
  const std::string path = (dir / (head + ".h5")).string();
  policy.Save(path);
  return path;
}

app::Image Screenshot(const std::string& head) {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  const fs::path dir = fs::temp_directory_path() / "ildrive_test_belief";
  fs::create_directories(dir);
  const std::string settings = (dir / "settings.json").string();
  core::WriteFileAtomically(settings, R"({"show_belief": true, "show_data": false, "show_dashboard": false})");
  app::GuiOptions options;
  options.scenario = "highway";
  options.policyPath = SavePolicy(head, dir);
  options.drive = "policy";
  options.settingsPath = settings;
  options.frames = 12;
  options.screenshotPath = (dir / (head + ".png")).string();
  options.width = 1280;
  options.height = 720;
  REQUIRE(app::RunGui(options) == 0);
  return app::LoadPng(options.screenshotPath);
}

constexpr app::Rgba kPlane{32, 34, 40};

struct Box {
  int x0, y0, x1, y1;  // [x0, x1) x [y0, y1)
};

// The action plane's bounding box (its own colour), extended down by `below` pixels (the bars).
Box PlaneBox(const app::Image& image, int below = 0) {
  Box box{image.width, image.height, 0, 0};
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.At(x, y) == kPlane) {
        box.x0 = std::min(box.x0, x), box.y0 = std::min(box.y0, y);
        box.x1 = std::max(box.x1, x + 1), box.y1 = std::max(box.y1, y + 1);
      }
  box.y1 = std::min(box.y1 + below, image.height);
  return box;
}

long Count(const app::Image& image, const Box& box, const std::function<bool(int r, int g, int b)>& test) {
  long n = 0;
  for (int y = box.y0; y < box.y1; ++y)
    for (int x = box.x0; x < box.x1; ++x) {
      const app::Rgba c = image.At(x, y);
      n += test(c.r, c.g, c.b) ? 1 : 0;
    }
  return n;
}

// The action plane is drawn in its own colour, with the samples (light dots) on it; it sits in the window on the
// right, away from the car (whose orange, and the purple predicted paths, would otherwise count).
Box CheckPlane(const app::Image& image, long samplePixels) {
  const Box box = PlaneBox(image);
  CHECK(image.CountColor(kPlane, box.x0, box.y0, box.x1, box.y1) > 150 * 150);
  CHECK(box.x0 > image.width / 2 + 40);
  CHECK(Count(image, box, [](int r, int g, int b) { return r > 180 && g > 180 && b > 180; }) > samplePixels);
  return box;
}

bool Orange(int r, int g, int b) { return r > g + 12 && r > b + 25; }  // the density, blended over the plane
bool Purple(int r, int g, int b) { return b > g + 30 && b > r + 20 && b > 90; }

}  // namespace

TEST_CASE("Belief window: samples for mse, the density for gaussian and gmm") {
  for (const std::string head : {"mse", "gaussian", "gmm"}) {
    CAPTURE(head);
    const app::Image image = Screenshot(head);
    const Box box = CheckPlane(image, head == "mse" ? 4 : 30);  // mse: every sample is the same action
    if (head == "mse")
      CHECK(Count(image, box, Orange) == 0);  // no density to draw
    else
      CHECK(Count(image, box, Orange) > 20);  // a briefly trained gmm is sharp: a few cells around its samples
  }
}

TEST_CASE("Belief window: per-dimension bars for bins and ar_bins, Euler paths for flow matching") {
  for (const std::string head : {"bins", "ar_bins", "flow_matching"}) {
    CAPTURE(head);
    const app::Image image = Screenshot(head);
    const Box box = CheckPlane(image, 8);
    const Box withBars = PlaneBox(image, 260);
    const long bars = image.CountColor(app::Rgba{86, 180, 233}, withBars.x0, withBars.y0, withBars.x1, withBars.y1);
    if (head == "flow_matching") {
      CHECK(bars == 0);
      CHECK(Count(image, box, Purple) > 200);
    } else {
      CHECK(bars > 40);
    }
  }
}
