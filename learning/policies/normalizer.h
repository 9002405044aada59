#pragma once
// Per-key standardisation of observations: every entry of every observation key is mapped to
// (x − mean) / std with statistics fitted on the training split. One set of statistics per frame entry
// (FrameDim values) is shared by all history frames. Entries that never vary (std below kMinStd, e.g. a lamp
// that is always off) keep std = 1 so they pass through centred instead of blowing up. Saved in the checkpoint.
#include <Eigen/Core>

namespace learning::policies {

class Normalizer {
 public:
  static constexpr float kMinStd = 1e-6f;

  Normalizer() = default;
  // Identity statistics (mean 0, std 1) for `frameDim` entries.
  explicit Normalizer(int frameDim);

  // features (history · FrameDim, N) raw; every frame of every column counts. Throws core::Error on a shape
  // mismatch, no columns, or non-finite values.
  void Fit(const Eigen::MatrixXf& features);
  // (history · FrameDim, B) raw → standardised; core::Error when the rows are not a multiple of FrameDim.
  Eigen::MatrixXf Apply(const Eigen::MatrixXf& features) const;
  // The same in place (no second copy of a big training set).
  void ApplyInPlace(Eigen::MatrixXf& features) const;
  // Replaces the statistics (checkpoint load): sizes must equal FrameDim, std > 0 and finite.
  void SetStatistics(const Eigen::VectorXf& mean, const Eigen::VectorXf& std);

  int FrameDim() const { return static_cast<int>(mean_.size()); }
  const Eigen::VectorXf& Mean() const { return mean_; }
  const Eigen::VectorXf& Std() const { return std_; }

 private:
  Eigen::VectorXf mean_;
  Eigen::VectorXf std_;
};

}  // namespace learning::policies
