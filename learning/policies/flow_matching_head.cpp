#include "learning/policies/flow_matching_head.h"

#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"
#include "learning/policies/time_conditioned_mlp.h"

namespace learning::policies {

namespace {

// t ∈ [0, 1] enters the network as 100·t (time_conditioned_mlp.h).
constexpr double kTimeScale = 100.0;

template <class T>
class FlowMatchingHead final : public Head<T> {
 public:
  FlowMatchingHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        steps_(config.flowSteps),
        velocity_(params, "head.velocity", shape, config.width, kTimeScale, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng& rng) const override {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    const nn::Mat<T> x0 = NormalMatrix<T>(dim_, batch, rng);
    const nn::Mat<T> t = UniformMatrix<T>(1, batch, rng);
    nn::Mat<T> xt = x0;
    for (int b = 0; b < batch; ++b) xt.col(b) = (T(1) - t(0, b)) * x0.col(b) + t(0, b) * actions.col(b);
    nn::Var<T> v = velocity_.Forward(tape.Input(xt), tape.Input(t), features);
    return nn::Mse(v, tape.Input(nn::Mat<T>(actions - x0)));
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const int batch = features.Cols();
    nn::Mat<T> x0 = mean ? nn::Mat<T>::Zero(dim_, batch) : NormalMatrix<T>(dim_, batch, rng, temperature);
    return Integrate(features, std::move(x0), [](const nn::Mat<T>&) {});
  }

  // Euler integration of `count` samples, every intermediate state kept.
  void Explain(nn::Var<T> features, core::Rng& rng, double temperature, int count, ActionBelief& belief) const override {
    nn::Var<T> f = features.tape->Input(nn::Mat<T>(features.Value().replicate(1, count)));
    belief.paths.assign(static_cast<size_t>(count), BeliefPath{});
    Integrate(f, NormalMatrix<T>(dim_, count, rng, temperature), [&](const nn::Mat<T>& x) {
      for (int b = 0; b < count; ++b) {
        belief.paths[static_cast<size_t>(b)].steer.push_back(static_cast<float>(x(0, b)));
        belief.paths[static_cast<size_t>(b)].accel.push_back(static_cast<float>(x(1, b)));
      }
    });
    belief.pathsLabel = "Euler steps from noise (t = 0) to action (t = 1)";
  }

 private:
  // dx/dt = v(x, t, features) from t = 0 to 1 in steps_ Euler steps, from x (D, B); onState sees x at t = 0 and
  // after every step. Sample and Explain share it, so the paths Explain draws are exactly what Sample returns.
  template <class OnState>
  nn::Mat<T> Integrate(nn::Var<T> features, nn::Mat<T> x, OnState&& onState) const {
    nn::Tape<T>& tape = *features.tape;
    const T dt = T(1) / T(steps_);
    onState(x);
    for (int k = 0; k < steps_; ++k) {
      nn::Var<T> t = tape.Fill(1, static_cast<int>(x.cols()), T(k) * dt);
      x += dt * nn::Mat<T>(velocity_.Forward(tape.Input(x), t, features).Value());
      onState(x);
    }
    return x;
  }

  int dim_;
  int steps_;
  TimeConditionedMlp<T> velocity_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeFlowMatchingHead(nn::Parameters<T>& params, const HeadShape& shape,
                                              const PolicyConfig& config, core::Rng& rng) {
  return std::make_unique<FlowMatchingHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeFlowMatchingHead)

}  // namespace learning::policies
