#include "learning/policies/diffusion_head.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

#include "core/error.h"
#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"
#include "learning/policies/time_conditioned_mlp.h"

namespace learning::policies {

namespace {

// The timestep t ∈ {1 … T} enters the network as 100·t/T, flow matching's scale whatever T is
// (time_conditioned_mlp.h).
constexpr double kTimeRange = 100.0;
constexpr double kMaxBeta = 0.999;

template <class T>
class DiffusionHead final : public Head<T> {
 public:
  DiffusionHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        steps_(config.diffusionSteps),
        ddpm_(config.diffusionSampler == "ddpm"),
        ddimTimesteps_(DdimTimesteps(config.diffusionSteps, config.ddimSteps)),
        alphaBar_(CosineAlphaBars(config.diffusionSteps)),
        noise_(params, "head.noise", shape, config.width, kTimeRange / config.diffusionSteps, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng& rng) const override {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    const nn::Mat<T> eps = NormalMatrix<T>(dim_, batch, rng);
    nn::Mat<T> t(1, batch);
    nn::Mat<T> xt(dim_, batch);
    for (int b = 0; b < batch; ++b) {
      const int step = 1 + static_cast<int>(rng.Below(static_cast<uint64_t>(steps_)));
      t(0, b) = static_cast<T>(step);
      const double ab = alphaBar_[step];
      xt.col(b) = static_cast<T>(std::sqrt(ab)) * actions.col(b) + static_cast<T>(std::sqrt(1.0 - ab)) * eps.col(b);
    }
    return nn::Mse(PredictNoise(tape.Input(xt), tape.Input(t), features), tape.Input(eps));
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const int batch = features.Cols();
    nn::Mat<T> x = mean ? nn::Mat<T>::Zero(dim_, batch) : NormalMatrix<T>(dim_, batch, rng, temperature);
    return Denoise(features, x, rng, mean ? 0.0 : temperature, nullptr);
  }

  // `count` samples denoised from x_T, every iterate kept: the paths from noise to action.
  void Explain(nn::Var<T> features, core::Rng& rng, double temperature, int count, ActionBelief& belief) const override {
    nn::Tape<T>& tape = *features.tape;
    nn::Var<T> f = tape.Input(nn::Mat<T>(features.Value().replicate(1, count)));
    belief.paths.assign(static_cast<size_t>(count), BeliefPath{});
    const Observer keep = [&](const nn::Mat<T>& x) {
      for (int b = 0; b < count; ++b) {
        belief.paths[static_cast<size_t>(b)].steer.push_back(static_cast<float>(x(0, b)));
        belief.paths[static_cast<size_t>(b)].accel.push_back(static_cast<float>(x(1, b)));
      }
    };
    Denoise(f, NormalMatrix<T>(dim_, count, rng, temperature), rng, temperature, &keep);
    belief.pathsLabel = ddpm_ ? "DDPM steps from noise (x_T) to action (x_0)"
                              : "DDIM steps from noise (x_T) to action (x_0)";
  }

 private:
  using Observer = std::function<void(const nn::Mat<T>&)>;

  // x_T → x_0 with the configured sampler; `observe` (if any) sees x_T and every iterate after it.
  nn::Mat<T> Denoise(nn::Var<T> features, nn::Mat<T> x, core::Rng& rng, double temperature,
                     const Observer* observe) const {
    if (observe) (*observe)(x);
    return ddpm_ ? SampleDdpm(features, x, rng, temperature, observe) : SampleDdim(features, x, observe);
  }

  // x_t (D, B), t (1, B) as timestep numbers, features (W, B) → ε̂ (D, B).
  nn::Var<T> PredictNoise(nn::Var<T> x, nn::Var<T> t, nn::Var<T> features) const { return noise_.Forward(x, t, features); }

  // x0 predicted from x_t and ε̂, clipped to the action range; ε̂ is made consistent with the clipped x0.
  void PredictClippedX0(const nn::Mat<T>& x, int step, nn::Var<T> features, nn::Mat<T>& x0, nn::Mat<T>& eps) const {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    eps = PredictNoise(tape.Input(x), tape.Fill(1, batch, static_cast<T>(step)), features).Value();
    const T sa = static_cast<T>(std::sqrt(alphaBar_[step]));
    const T s1 = static_cast<T>(std::sqrt(1.0 - alphaBar_[step]));
    x0 = ((x - s1 * eps) / sa).cwiseMax(T(-1)).cwiseMin(T(1));
    eps = (x - sa * x0) / s1;
  }

  // DDIM, η = 0: x_{t'} = √ᾱ_{t'}·x̂0 + √(1 − ᾱ_{t'})·ε̂ along the K timesteps, ending at x̂0 (t' = 0).
  nn::Mat<T> SampleDdim(nn::Var<T> features, nn::Mat<T> x, const Observer* observe) const {
    nn::Mat<T> x0, eps;
    for (size_t i = 0; i < ddimTimesteps_.size(); ++i) {
      const int step = ddimTimesteps_[i];
      const int next = i + 1 < ddimTimesteps_.size() ? ddimTimesteps_[i + 1] : 0;
      PredictClippedX0(x, step, features, x0, eps);
      x = static_cast<T>(std::sqrt(alphaBar_[next])) * x0 + static_cast<T>(std::sqrt(1.0 - alphaBar_[next])) * eps;
      if (observe) (*observe)(x);
    }
    return x;
  }

  // Ancestral sampling through all T steps: x_{t−1} = μ̃_t(x_t, x̂0) + σ_t·z, σ_t² = β̃_t, no noise at t = 1.
  nn::Mat<T> SampleDdpm(nn::Var<T> features, nn::Mat<T> x, core::Rng& rng, double temperature,
                        const Observer* observe) const {
    const int batch = features.Cols();
    nn::Mat<T> x0, eps;
    for (int step = steps_; step >= 1; --step) {
      PredictClippedX0(x, step, features, x0, eps);
      const double ab = alphaBar_[step];
      const double abPrev = alphaBar_[step - 1];
      const double beta = 1.0 - ab / abPrev;
      const double c0 = beta * std::sqrt(abPrev) / (1.0 - ab);
      const double ct = (1.0 - abPrev) * std::sqrt(1.0 - beta) / (1.0 - ab);
      x = static_cast<T>(c0) * x0 + static_cast<T>(ct) * x;
      if (step > 1 && temperature > 0.0) {
        const double sigma = std::sqrt(beta * (1.0 - abPrev) / (1.0 - ab));
        x += NormalMatrix<T>(dim_, batch, rng, sigma * temperature);
      }
      if (observe) (*observe)(x);
    }
    return x;
  }

  int dim_;
  int steps_;
  bool ddpm_;
  std::vector<int> ddimTimesteps_;
  std::vector<double> alphaBar_;
  TimeConditionedMlp<T> noise_;
};

}  // namespace

std::vector<double> CosineAlphaBars(int diffusionSteps) {
  if (diffusionSteps < 1) throw core::Error("diffusion: T = " + std::to_string(diffusionSteps) + " must be >= 1");
  constexpr double s = 0.008;
  auto f = [&](int t) {
    const double c = std::cos((static_cast<double>(t) / diffusionSteps + s) / (1.0 + s) * std::numbers::pi / 2.0);
    return c * c;
  };
  std::vector<double> alphaBar(diffusionSteps + 1, 1.0);
  for (int t = 1; t <= diffusionSteps; ++t) {
    const double beta = std::min(1.0 - f(t) / f(t - 1), kMaxBeta);
    alphaBar[t] = alphaBar[t - 1] * (1.0 - beta);
  }
  return alphaBar;
}

std::vector<int> DdimTimesteps(int diffusionSteps, int samplingSteps) {
  if (samplingSteps < 1 || samplingSteps > diffusionSteps)
    throw core::Error("diffusion: sampling steps K = " + std::to_string(samplingSteps) + " must be in [1, T = " +
                      std::to_string(diffusionSteps) + "]");
  std::vector<int> steps;
  for (int i = samplingSteps; i >= 1; --i)
    steps.push_back(static_cast<int>(std::lround(static_cast<double>(i) * diffusionSteps / samplingSteps)));
  return steps;
}

template <class T>
std::unique_ptr<Head<T>> MakeDiffusionHead(nn::Parameters<T>& params, const HeadShape& shape,
                                           const PolicyConfig& config, core::Rng& rng) {
  return std::make_unique<DiffusionHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeDiffusionHead)

}  // namespace learning::policies
