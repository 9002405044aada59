#include <doctest/doctest.h>

#include <set>

#include "core/error.h"
#include "learning/policies/policy_registry.h"

using namespace learning::policies;

TEST_CASE("PolicyRegistry: unique names, matching defaults, one-line descriptions, factories") {
  std::set<std::string> names;
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    CHECK(names.insert(entry.name).second);
    CHECK(entry.defaults.policy == entry.name);
    CHECK(entry.defaults.encoder == "mlp");
    CHECK_FALSE(entry.description.empty());
    CHECK(entry.description.find('\n') == std::string::npos);
    CHECK(bool(entry.makeHead));
    CHECK(bool(entry.makeHeadDouble));
    CHECK_NOTHROW(ValidatePolicyConfig(entry.defaults, entry.name));
  }
  CHECK(names.contains("mse"));
  CHECK_THROWS_WITH_AS(FindPolicy("nope"), doctest::Contains("mse"), core::Error);
}
