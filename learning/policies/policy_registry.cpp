#include "learning/policies/policy_registry.h"

#include "core/error.h"
#include "core/named_table.h"
#include "learning/policies/ar_bins_head.h"
#include "learning/policies/bins_head.h"
#include "learning/policies/cvae_head.h"
#include "learning/policies/diffusion_head.h"
#include "learning/policies/flow_head.h"
#include "learning/policies/flow_matching_head.h"
#include "learning/policies/gaussian_head.h"
#include "learning/policies/gmm_head.h"
#include "learning/policies/mse_head.h"

namespace learning::policies {

namespace {

template <HeadFactory<float> F, HeadFactory<double> D>
PolicyEntry Entry(const std::string& name, const std::string& description) {
  PolicyEntry entry;
  entry.name = name;
  entry.description = description;
  entry.defaults.policy = name;
  entry.makeHead = F;
  entry.makeHeadDouble = D;
  return entry;
}

}  // namespace

std::vector<PolicyEntry> PolicyRegistry() {
  std::vector<PolicyEntry> table;
  table.push_back(Entry<MakeMseHead<float>, MakeMseHead<double>>(
      "mse", "regression of the action, mean squared error (averages modes)"));
  table.push_back(Entry<MakeGaussianHead<float>, MakeGaussianHead<double>>(
      "gaussian", "diagonal Gaussian, negative log-likelihood (unimodal)"));
  table.push_back(Entry<MakeGmmHead<float>, MakeGmmHead<double>>(
      "gmm", "mixture of K diagonal Gaussians, log-likelihood through logsumexp"));
  table.push_back(Entry<MakeBinsHead<float>, MakeBinsHead<double>>(
      "bins", "independent softmax over bins per action dimension"));
  table.push_back(Entry<MakeArBinsHead<float>, MakeArBinsHead<double>>(
      "ar_bins", "autoregressive bins: each dimension conditioned on the bins already sampled"));
  table.push_back(Entry<MakeCvaeHead<float>, MakeCvaeHead<double>>(
      "cvae", "conditional VAE: posterior q(z|obs,a), prior N(0,I), decoder; acts from prior samples"));
  table.push_back(Entry<MakeFlowHead<float>, MakeFlowHead<double>>(
      "flow", "conditional RealNVP affine couplings, exact log-likelihood"));
  table.push_back(Entry<MakeFlowMatchingHead<float>, MakeFlowMatchingHead<double>>(
      "flow_matching", "velocity field on straight noise-to-action paths, K Euler steps at inference"));
  table.back().samplingSteps = &PolicyConfig::flowSteps;
  table.push_back(Entry<MakeDiffusionHead<float>, MakeDiffusionHead<double>>(
      "diffusion", "DDPM noise prediction on a cosine schedule (T levels), K DDIM steps (or DDPM) at inference"));
  table.back().samplingSteps = &PolicyConfig::ddimSteps;
  table.back().choosesSampler = true;
  return table;
}

PolicyEntry FindPolicy(const std::string& name) {
  const std::vector<PolicyEntry> table = PolicyRegistry();
  if (const PolicyEntry* entry = core::FindByName(table, name)) return *entry;
  throw core::Error("unknown policy \"" + name + "\" (registered: " + core::JoinNames(table) + ")");
}

PolicyConfig DefaultPolicyConfig(const std::string& name) { return FindPolicy(name).defaults; }

std::string SamplingHeadNames(bool choosesSampler) {
  std::vector<std::string> names;
  for (const PolicyEntry& entry : PolicyRegistry())
    if (entry.samplingSteps != nullptr && (!choosesSampler || entry.choosesSampler)) names.push_back(entry.name);
  std::string text;
  for (size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return text;
}

}  // namespace learning::policies
