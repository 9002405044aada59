// libFuzzer target: the JSON configuration parsers users reach — scenario definitions (`--scenario-file`),
// policy configurations (`--policy-file`, checkpoint "config") and dataset env_args. The first byte picks the
// parser, the rest is the text. The app's settings JSON and input scripts live in the SDL app and are not fuzzed.
#include <string>

#include "core/error.h"
#include "learning/data/env_args.h"
#include "learning/policies/policy_config.h"
#include "sim/scenario_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: sim::MakeScenarioFromJson(text, "fuzz"); break;
      case 1: learning::policies::PolicyConfigFromJson(text, "fuzz"); break;
      default: learning::data::EnvArgsFromJson(text, "fuzz"); break;
    }
  } catch (const core::Error&) {
  }
  return 0;
}
