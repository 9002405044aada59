#pragma once
// A trained (or trainable) policy: PolicyConfig + observation layout + Normalizer + encoder/head network +
// chunking. The imitation layer trains it through Loss and acts through Act / the ChunkExecutor.
//
// Conventions:
//  * Observations are `history` frames stacked oldest → newest, each frame the layout's keys in order:
//    (InputDim() = history · FrameDim(), B) — exactly data::GatherBatch's features.
//  * Loss takes NORMALISED observations (call Normalize once over the training set); Act / Sample / SampleMany
//    take RAW observations and normalise inside.
//  * Actions are (ActionDim() = 2 · chunk, B): the chunk's (steer, accel) pairs in time order (data::Batch
//    labels). Acting returns values clamped to [-1, 1].
//  * Act/Sample without a tape use one tape owned by the policy: one thread at a time. Worker threads acting with
//    a shared policy pass their own tape (the parameters are only read).
#include <Eigen/Core>
#include <memory>
#include <string>

#include "core/rng.h"
#include "learning/policies/chunk_executor.h"
#include "learning/policies/normalizer.h"
#include "learning/policies/obs_layout.h"
#include "learning/policies/policy_config.h"
#include "learning/policies/policy_net.h"

namespace learning::policies {

class Policy {
 public:
  static constexpr int kFormatVersion = 1;
  static constexpr const char* kFileKind = "ildrive.policy";

  // Validates the config, resolves config.obsKeys within `available` (empty = DefaultObsKeys) and builds
  // the network initialised from config.seed. core::Error for a bad config, unknown policy or missing key.
  Policy(const PolicyConfig& config, const ObsDims& available);
  Policy(Policy&&) noexcept;
  Policy& operator=(Policy&&) noexcept;
  ~Policy();

  const PolicyConfig& Config() const { return config_; }  // obsKeys resolved
  const ObsLayout& Layout() const { return layout_; }
  int FrameDim() const { return layout_.FrameDim(); }
  int InputDim() const { return config_.history * FrameDim(); }
  int ActionDim() const { return 2 * config_.chunk; }

  // Fits the normaliser on raw training features (InputDim, N).
  void FitNormalizer(const Eigen::MatrixXf& rawFeatures);
  const Normalizer& GetNormalizer() const { return normalizer_; }
  // (InputDim, B) raw → normalised; core::Error on a wrong row count.
  Eigen::MatrixXf Normalize(const Eigen::MatrixXf& rawFeatures) const;
  // The same in place (training normalises its whole split once without a second copy).
  void NormalizeInPlace(Eigen::MatrixXf& features) const;

  // The trainable parameters (hand them to nn::Adam).
  nn::Parameters<float>& Params() { return net_->Params(); }
  const nn::Parameters<float>& Params() const { return net_->Params(); }

  // obs (InputDim, B) normalised, actions (ActionDim, B) → scalar loss on `tape`. `rng` draws the head's
  // training noise. core::Error for wrong shapes or a non-finite loss.
  nn::Var<float> Loss(nn::Tape<float>& tape, const Eigen::MatrixXf& normalizedObs, const Eigen::MatrixXf& actions,
                      core::Rng& rng) const;

  // obs (InputDim, B) raw → actions (ActionDim, B) in [-1, 1] with the configured temperature and decode.
  Eigen::MatrixXf Act(const Eigen::MatrixXf& rawObs, core::Rng& rng) const;
  // The same with an explicit temperature and decode (`mean` = deterministic decode).
  Eigen::MatrixXf Sample(const Eigen::MatrixXf& rawObs, core::Rng& rng, double temperature, bool mean) const;
  Eigen::MatrixXf Sample(nn::Tape<float>& tape, const Eigen::MatrixXf& rawObs, core::Rng& rng, double temperature,
                         bool mean) const;
  // `count` samples for one observation (InputDim, 1) → (ActionDim, count) at the configured temperature
  // (the GUI's fan of sampled actions).
  Eigen::MatrixXf SampleMany(const Eigen::MatrixXf& rawObs, int count, core::Rng& rng) const;
  // What the policy believes at one raw observation (InputDim, 1) (action_belief.h): `count` samples of the first
  // action at the configured temperature, and the head's own picture (density, per-dimension probabilities, or
  // the paths that end at those samples). Read-only, on its own tape: any thread. core::Error for a wrong shape.
  ActionBelief Explain(const Eigen::MatrixXf& rawObs, int count, core::Rng& rng) const;

  // An independent copy (configuration, weights, normaliser): several fine-tunings can start from one pre-training.
  Policy Copy() const { return CopyExecutedAs(config_.execute, config_.temporalEnsemble); }
  // The same network executed another way: `execute` actions of each planned chunk (1 … chunk) and temporal
  // ensembling on or off. core::Error for an invalid combination.
  Policy CopyExecutedAs(int execute, bool temporalEnsemble) const;
  // The same network sampled another way: `steps` > 0 sets flow_matching's Euler steps or diffusion's DDIM steps
  // K; a non-empty `sampler` sets diffusion's sampler ("ddim" | "ddpm"). core::Error naming the value for a head
  // without such options or a K outside [1, T].
  Policy CopyWithSampling(int steps, const std::string& sampler) const;

  // An executor for this policy's chunking (chunk, execute, temporal ensembling).
  ChunkExecutor MakeExecutor() const;

  // Refuses an environment/dataset whose layout differs from this policy's: core::Error naming the first missing
  // key or differing entry count, saying which side has what (`source` names the other side).
  void CheckLayout(const ObsDims& available, const std::string& source = "this environment") const;

  // HDF5 checkpoint, written atomically (policy_checkpoint.cpp; README.md lists the layout).
  void Save(const std::string& path) const;
  // core::Error naming the file and the first mismatch (kind, version, config, layout, normaliser, tensor shape).
  static Policy Load(const std::string& path);

 private:
  // A policy of `config` (which may differ from config_ only in how it acts) holding this one's weights.
  Policy CopyAs(const PolicyConfig& config) const;

  PolicyConfig config_;
  ObsLayout layout_;
  Normalizer normalizer_;
  std::unique_ptr<PolicyNet<float>> net_;
  std::unique_ptr<nn::Tape<float>> actTape_;  // the default acting tape (one thread)
};

}  // namespace learning::policies
