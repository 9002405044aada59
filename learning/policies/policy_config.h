#pragma once
// The typed configuration of a policy: which registry entry (head), which encoder, which observation keys and
// how much history, chunking, network sizes, head options and the decoding used when acting. JSON at the edges
// only (checkpoints, --policy-file): ToJson writes every field, FromJson validates (unknown keys, wrong types and
// out-of-range values are core::Error naming the field). Defaults per head live in the registry (policy_registry.h).
#include <cstdint>
#include <string>
#include <vector>

namespace learning::policies {

// How the observation history reaches the head.
enum class EncoderKind {
  kMlp,          // "mlp": an MLP on the newest frame only
  kStack,        // "stack": an MLP on the n frames concatenated
  kTransformer,  // "transformer": causal self-attention over the n frames
};
// How a policy acts.
enum class DecodeKind {
  kSample,  // "sample": draw from the head's distribution at the configured temperature
  kMean,    // "mean": the deterministic decode (mean, argmax bin, top component, noise-free flow): an ablation
};
// Names as in JSON and on the command line; Parse throws core::Error naming the valid ones.
const char* EncoderKindName(EncoderKind kind);
EncoderKind ParseEncoderKind(const std::string& name);
const char* DecodeKindName(DecodeKind kind);
DecodeKind ParseDecodeKind(const std::string& name);

struct PolicyConfig {
  std::string policy = "mse";         // registry name; selects the head (policy_registry.h)
  EncoderKind encoder = EncoderKind::kMlp;
  std::vector<std::string> obsKeys;   // observation components in this order; empty = DefaultObsKeys (obs_layout.h)
  int history = 1;                    // n: frames seen per decision (mlp uses only the newest)
  int chunk = 1;                      // H: future actions predicted per decision
  int execute = 1;                    // h ≤ H: actions executed before predicting again
  bool temporalEnsemble = false;      // predict every step and average the overlapping chunks (ACT)
  double ensembleDecay = 0.01;        // ACT's m: weight exp(−m·i), i = 0 for the oldest prediction
  int width = 128;                    // hidden width of encoder and head networks
  int depth = 2;                      // hidden layers of the encoder (transformer: blocks)
  int attentionHeads = 4;             // transformer only; divides width
  // Head options (each head reads its own).
  int bins = 31;                      // bins, ar_bins: per action dimension; odd keeps a bin at exactly 0
  double binWarp = 1.5;               // bins, ar_bins: centres sign(u)·|u|^warp, u uniform: finer near 0 (1 = uniform)
  int binEmbedding = 16;              // ar_bins: embedding width of each sampled bin (late-fused with the trunk)
  int mixtures = 5;                   // gmm: components K
  double logStdFloor = -4.0;          // gaussian, gmm: lower bound of the log standard deviation
  int flowLayers = 6;                 // flow: affine coupling layers
  double flowNoise = 0.03;            // flow: std of noise added to training actions (dequantisation)
  int flowSteps = 10;                 // flow_matching: Euler steps at inference
  int diffusionSteps = 100;           // diffusion: T, the noise levels of training (and of DDPM sampling)
  std::string diffusionSampler = "ddim";  // diffusion: "ddim" (K deterministic steps) | "ddpm" (T ancestral steps)
  int ddimSteps = 10;                 // diffusion: K ≤ T, DDIM steps at inference
  int latentDim = 4;                  // cvae: z dimensions
  double klWeight = 0.1;              // cvae: β on KL(q(z|obs,a) ‖ N(0, I))
  double temperature = 1.0;           // sampling temperature when acting (scales noise / divides logits)
  DecodeKind decode = DecodeKind::kSample;
  uint64_t seed = 0;                  // initialisation seed

  bool operator==(const PolicyConfig&) const = default;
};

// Every field, as a JSON object text.
std::string PolicyConfigToJson(const PolicyConfig& config);
// Starts from `base` (usually the registry defaults of the named policy) and overrides the fields present.
// Messages start with `where`.
PolicyConfig PolicyConfigFromJson(const std::string& json, const std::string& where, const PolicyConfig& base = {});
// The one rule for history without an encoder choice (the app's Train panel, `ildrive train --history n`): with
// n > 1 frames, the mlp encoder, which would read only the newest frame, becomes the stack encoder.
void LetHistoryBeSeen(PolicyConfig& config);

// Range and consistency checks (h ≤ H, width divisible by heads, known encoder and decode, …): core::Error
// starting with `where`.
void ValidatePolicyConfig(const PolicyConfig& config, const std::string& where);

}  // namespace learning::policies
