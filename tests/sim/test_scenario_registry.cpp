#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/atomic_file.h"
#include "core/error.h"
#include "sim/env.h"
#include "sim/scenario_registry.h"

using namespace sim;

namespace {
std::string ErrorOf(const std::string& json) {
  try {
    MakeScenarioFromJson(json, "test.json");
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("scenario registry: each asset file parses to exactly the code defaults") {
  for (const ScenarioInfo& info : Scenarios()) {
    CAPTURE(info.name);
    const std::string path = AssetsDir() + "/" + info.assetFile;
    const auto fromFile = MakeScenarioFromFile(path);
    const auto fromCode = MakeScenario(info.name);
    CHECK(fromFile->Name() == info.name);
    CHECK(fromFile->DefJson() == fromCode->DefJson());
    // And the file lists every field (so a user sees what can be changed).
    CHECK(core::ReadFile(path) == DefaultScenarioJson(info.name));
  }
}

TEST_CASE("scenario registry: bad names and bad JSON are errors naming the problem") {
  try {
    MakeScenario("nope");
    FAIL("expected an error");
  } catch (const core::Error& e) {
    const std::string msg = e.what();
    CHECK(msg.find("nope") != std::string::npos);
    for (const ScenarioInfo& info : Scenarios()) CHECK(msg.find(info.name) != std::string::npos);
  }
  CHECK(ErrorOf(R"({"scenario": "highway", "lanes": 3})").empty());
  CHECK(ErrorOf(R"({"scenario": "highway", "lanez": 3})").find("unknown key 'lanez'") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway", "lanes": 0})").find("'lanes'") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway", "lanes": 2.5})").find("integer") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway", "laneWidth": "wide"})").find("number") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway", "common": {"vehicle": {"mass": -1}}})").find("mass") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway", "common": {"actionMode": "fly"}})").find("fly") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "nope"})").find("unknown scenario 'nope'") != std::string::npos);
  CHECK(ErrorOf(R"({"lanes": 3})").find("scenario") != std::string::npos);
  CHECK(ErrorOf(R"({"scenario": "highway",)").find("not valid JSON") != std::string::npos);
  CHECK(ErrorOf(R"([1, 2])").find("object") != std::string::npos);
  // Fuzz finding: a number beyond double made nlohmann throw out_of_range past the JSON error handling.
  CHECK(ErrorOf(R"({"scenario": "highway", "laneCount": 1e99999})").find("not valid JSON") != std::string::npos);
  CHECK_THROWS_AS(MakeScenarioFromFile("/nonexistent/scenario.json"), core::Error);
}

TEST_CASE("scenario registry: a changed parameter takes effect") {
  const auto s = MakeScenarioFromJson(R"({"scenario": "highway", "common": {"ticksPerControl": 6}})", "t");
  CHECK(s->Common().ticksPerControl == 6);
}

TEST_CASE("scenario registry: in-range but absurd values are refused with a message or run (found by probing)") {
  // nearestVehicles 0 gave highway, fast_slow and lane_choice a zero-width "vehicles" key, and recording divided by
  // it (SIGFPE); brake_light with cruiseMax at or above expertSpeed put its lead at NaN (Box2D assertion, SIGABRT).
  for (const ScenarioInfo& info : Scenarios()) {
    nlohmann::json json = nlohmann::json::parse(DefaultScenarioJson(info.name));
    json["common"]["nearestVehicles"] = 0;
    std::unique_ptr<Scenario> scenario;
    try {
      scenario = MakeScenarioFromJson(json.dump(), "test.json");
    } catch (const core::Error& e) {
      CHECK_MESSAGE(std::string(e.what()).find("nearestVehicles") != std::string::npos, e.what());
      continue;
    }
    Env env(std::move(scenario));
    for (const auto& [key, names] : env.ObservationLayout()) CHECK_MESSAGE(!names.empty(), info.name, ": ", key);
    for (int step = 0; step < 20 && !env.Done(); ++step) env.Step(env.ExpertAction());
  }
  nlohmann::json brake = nlohmann::json::parse(DefaultScenarioJson("brake_light"));
  brake["cruiseMax"] = brake["expertSpeed"];
  CHECK(ErrorOf(brake.dump()).find("cruiseMax must be below expertSpeed") != std::string::npos);
}
