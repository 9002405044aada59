#include "learning/policies/cvae_head.h"

#include "learning/nn/mlp.h"
#include "learning/nn/ops.h"
#include "learning/policies/sampling.h"

namespace learning::policies {

namespace {

// log σ of the posterior = kLogStdLow + (kLogStdHigh − kLogStdLow)·sigmoid(raw).
constexpr double kLogStdLow = -6.0;
constexpr double kLogStdHigh = 2.0;

template <class T>
class CvaeHead final : public Head<T> {
 public:
  CvaeHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config, core::Rng& rng)
      : dim_(shape.actionDim),
        latent_(config.latentDim),
        klWeight_(config.klWeight),
        posterior_(params, "head.posterior",
                   nn::MlpDef{shape.featureWidth + shape.actionDim, {config.width}, 2 * config.latentDim}, rng),
        decoder_(params, "head.decoder",
                 nn::MlpDef{shape.featureWidth + config.latentDim, {config.width}, shape.actionDim}, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng& rng) const override {
    nn::Tape<T>& tape = *features.tape;
    const int batch = features.Cols();
    nn::Var<T> a = tape.Input(actions);
    nn::Var<T> q = posterior_.Forward(nn::ConcatRows<T>({features, a}));  // (2Z, B)
    nn::Var<T> mu = nn::SliceRows(q, 0, latent_);
    nn::Var<T> logStd = nn::Sigmoid(nn::SliceRows(q, latent_, latent_)) * T(kLogStdHigh - kLogStdLow) + T(kLogStdLow);
    nn::Var<T> z = mu + nn::Exp(logStd) * tape.Input(NormalMatrix<T>(latent_, batch, rng));
    nn::Var<T> reconstruction = decoder_.Forward(nn::ConcatRows<T>({features, z}));
    nn::Var<T> zero = tape.Fill(latent_, batch, T(0));
    nn::Var<T> kl = nn::KlDiagonalGaussians(mu, logStd, zero, zero);  // (1, B)
    return (nn::SumAll(nn::Square(reconstruction - a)) + nn::SumAll(kl) * T(klWeight_)) * T(1.0 / batch);
  }

  nn::Mat<T> Sample(nn::Var<T> features, core::Rng& rng, double temperature, bool mean) const override {
    const int batch = features.Cols();
    const nn::Mat<T> z = mean ? nn::Mat<T>::Zero(latent_, batch) : NormalMatrix<T>(latent_, batch, rng, temperature);
    return decoder_.Forward(nn::ConcatRows<T>({features, features.tape->Input(z)})).Value();
  }

 private:
  int dim_;
  int latent_;
  double klWeight_;
  nn::Mlp<T> posterior_;
  nn::Mlp<T> decoder_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeCvaeHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig& config,
                                      core::Rng& rng) {
  return std::make_unique<CvaeHead<T>>(params, shape, config, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeCvaeHead)

}  // namespace learning::policies
