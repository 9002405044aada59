#pragma once
// A small mse policy cloned from a few expert episodes of the session's scenario, for the app's tests (a
// second or so of training).
#include <memory>

#include "app/gui/session.h"
#include "learning/imitation/trainer.h"
#include "learning/policies/policy_registry.h"

namespace app_test {

inline std::shared_ptr<learning::policies::Policy> TrainSmallPolicy(app::Session& session, int episodes, long steps) {
  session.AddExpertEpisodes(episodes, true);
  learning::policies::PolicyConfig config = learning::policies::DefaultPolicyConfig("mse");
  auto policy = std::make_shared<learning::policies::Policy>(config, learning::imitation::ObsDimsOf(session.Env()));
  learning::imitation::TrainOptions options;
  options.steps = steps;
  options.batchSize = 128;
  options.seed = 1;
  learning::imitation::TrainBehaviourCloning(*policy, session.Data(), options);
  return policy;
}

}  // namespace app_test
