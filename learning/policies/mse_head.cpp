#include "learning/policies/mse_head.h"

#include "learning/nn/linear.h"
#include "learning/nn/ops.h"

namespace learning::policies {

namespace {

template <class T>
class MseHead final : public Head<T> {
 public:
  MseHead(nn::Parameters<T>& params, const HeadShape& shape, core::Rng& rng)
      : out_(params, "head.out", nn::LinearDef{shape.featureWidth, shape.actionDim}, rng) {}

  nn::Var<T> Loss(nn::Var<T> features, const nn::Mat<T>& actions, core::Rng&) const override {
    return nn::Mse(out_.Forward(features), features.tape->Input(actions));
  }
  nn::Mat<T> Sample(nn::Var<T> features, core::Rng&, double, bool) const override {
    return out_.Forward(features).Value();
  }

 private:
  nn::Linear<T> out_;
};

}  // namespace

template <class T>
std::unique_ptr<Head<T>> MakeMseHead(nn::Parameters<T>& params, const HeadShape& shape, const PolicyConfig&,
                                     core::Rng& rng) {
  return std::make_unique<MseHead<T>>(params, shape, rng);
}
ILD_INSTANTIATE_HEAD_FACTORY(MakeMseHead)

}  // namespace learning::policies
