#pragma once
// What a policy believes at one state, for looking at it (the app's action-distribution view): N sampled actions
// for every head, and what each head can show beyond samples. Read-only: explaining never changes the policy or
// the driver's random stream. Only the first action of a chunk (steer, accel) is described.
//
// A head adds its picture by overriding Head::Explain (head.h) and filling the fields that fit it:
//   per-dimension probabilities (bins; ar_bins: accel conditioned on the most likely steer bin),
//   a density on a grid over the action plane (gaussian, gmm),
//   paths from noise to action (flow matching's Euler steps; a denoising head's iterates).
#include <Eigen/Core>
#include <string>
#include <vector>

namespace learning::policies {

// One dimension's categorical distribution: probability per bin, at the bins' centres in [-1, 1].
struct BeliefMarginal {
  std::string dimension;  // "steer" or "accel"
  std::string condition;  // empty, or what it is conditioned on ("steer = +0.27")
  std::vector<float> centres;
  std::vector<float> probabilities;  // sums to 1
};

// p(steer, accel) of the first action on a size × size grid of cell centres spanning [-1, 1]²; row r holds
// accel = -1 + (r + 0.5)·2/size (bottom row first), column c steer likewise. Densities per unit area.
struct BeliefDensity {
  int size = 0;
  std::vector<float> values;  // size·size, row-major
  float At(int row, int column) const { return values[static_cast<size_t>(row * size + column)]; }
};

// The state of one sample along its generation, from the start (t = 0, noise) to the action (t = 1).
struct BeliefPath {
  std::vector<float> steer, accel;
};

struct ActionBelief {
  std::string head;          // the policy's head name
  Eigen::MatrixXf samples;   // (2, N) first actions of N samples at the policy's temperature, clamped to [-1, 1]
  std::vector<BeliefMarginal> marginals;
  BeliefDensity density;     // size 0: the head has no closed-form density
  std::vector<BeliefPath> paths;
  std::string pathsLabel;    // what the paths are ("Euler steps from noise (t = 0) to action (t = 1)")
};

// Helpers for heads filling a belief.
constexpr int kBeliefGrid = 48;  // density cells per axis
// softmax(logits / temperature) as probabilities.
std::vector<float> SoftmaxProbabilities(const Eigen::Ref<const Eigen::VectorXd>& logits, double temperature);
// One axis-aligned Gaussian of a mixture over (steer, accel).
struct BeliefComponent {
  double weight = 1.0;
  double mean[2] = {0.0, 0.0};
  double sigma[2] = {1.0, 1.0};
};
// The mixture's density on a size × size grid (BeliefDensity's layout).
BeliefDensity MixtureDensity(const std::vector<BeliefComponent>& components, int size);

}  // namespace learning::policies
