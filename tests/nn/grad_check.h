#pragma once
// Central-difference gradient check in double precision, shared by the nn tests.
//
// The function under test maps leaf inputs (and optionally a Parameters store) to an output Var of any shape.
// It is reduced to a scalar with fixed random weights, loss = Σ out ⊙ R, so every output element's gradient is
// exercised with a different seed gradient. The analytic gradient of every input element and every parameter
// is compared with (f(x + h) − f(x − h)) / 2h; the result is the relative error ‖analytic − numeric‖ /
// max(‖analytic‖, ‖numeric‖) over everything at once, plus the smallest numeric gradient norm of any single
// input or tensor (to show that each one is actually exercised). A failing check says where, as llm.c's
// check_tensor does: CHECK_MESSAGE(r.relativeError < kGradTolerance, r.worst) names the tensor with the largest
// error (an input by index, a parameter by name), its element and both gradients; r.quietest the tensor whose
// gradient is smallest.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "core/rng.h"
#include "learning/nn/ops.h"
#include "learning/nn/parameters.h"

namespace learning::nn::testing {

using MatD = Mat<double>;
using BuildFn = std::function<Var<double>(Tape<double>&, const std::vector<Var<double>>&)>;

struct GradCheckResult {
  double relativeError = 0.0;
  double smallestGradNorm = 0.0;  // min over inputs/tensors of ‖numeric gradient‖
  // For failure messages: "worst: 'head.out.weight' (5x3), relative error 2.1e-04; element (2, 1): analytic
  // 0.1234, numeric 0.1236" and "quietest: 'input 1' (4x1), |numeric gradient| 0".
  std::string worst;
  std::string quietest;
};

inline MatD RandomMatrix(int rows, int cols, core::Rng& rng, double scale = 1.0) {
  MatD m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.Normal(0.0, scale);
  return m;
}

inline GradCheckResult GradCheck(std::vector<MatD> inputs, const BuildFn& build, Parameters<double>* params = nullptr,
                                 double h = 1e-5) {
  Tape<double> tape;
  MatD weights;
  auto evaluate = [&](bool withGrad) -> double {
    tape.Clear();
    tape.SetGradEnabled(withGrad);
    std::vector<Var<double>> leaves;
    for (const MatD& m : inputs) leaves.push_back(tape.Variable(m));
    Var<double> out = build(tape, leaves);
    if (weights.size() == 0) {
      core::Rng rng(12345);
      weights = RandomMatrix(out.Rows(), out.Cols(), rng);
    }
    Var<double> loss = SumAll(out * tape.Input(weights));
    if (withGrad) tape.Backward(loss);
    return loss.Item();
  };

  // Analytic gradients.
  if (params != nullptr) params->ZeroGrad();
  evaluate(true);
  std::vector<MatD> analytic;
  for (size_t i = 0; i < inputs.size(); ++i) analytic.push_back(tape.Grad(static_cast<int>(i)));
  std::vector<MatD> analyticParams;
  if (params != nullptr)
    for (int i = 0; i < params->Count(); ++i) analyticParams.push_back(params->Grad(i));

  double diff2 = 0.0, analytic2 = 0.0, numeric2 = 0.0;
  double smallest = INFINITY, worstError = -1.0;
  GradCheckResult result;
  auto compare = [&](MatMap<double> values, const MatD& grad, const std::string& name) {
    double tensorNumeric2 = 0.0, tensorDiff2 = 0.0, tensorAnalytic2 = 0.0, worstDiff = -1.0;
    Eigen::Index worstK = 0;
    double worstNumeric = 0.0;
    for (Eigen::Index k = 0; k < values.size(); ++k) {
      const double saved = values.data()[k];
      values.data()[k] = saved + h;
      const double plus = evaluate(false);
      values.data()[k] = saved - h;
      const double minus = evaluate(false);
      values.data()[k] = saved;
      const double numeric = (plus - minus) / (2.0 * h);
      diff2 += (numeric - grad.data()[k]) * (numeric - grad.data()[k]);
      analytic2 += grad.data()[k] * grad.data()[k];
      numeric2 += numeric * numeric;
      tensorNumeric2 += numeric * numeric;
      tensorDiff2 += (numeric - grad.data()[k]) * (numeric - grad.data()[k]);
      tensorAnalytic2 += grad.data()[k] * grad.data()[k];
      if (std::abs(numeric - grad.data()[k]) > worstDiff) {
        worstDiff = std::abs(numeric - grad.data()[k]);
        worstK = k;
        worstNumeric = numeric;
      }
    }
    char text[320];
    const std::string tensor =
        "'" + name + "' (" + std::to_string(values.rows()) + "x" + std::to_string(values.cols()) + ")";
    const double tensorError =
        std::sqrt(tensorDiff2) / std::max({std::sqrt(tensorAnalytic2), std::sqrt(tensorNumeric2), 1e-300});
    if (tensorError > worstError) {
      worstError = tensorError;
      std::snprintf(text, sizeof text, ", relative error %.3g; element (%ld, %ld): analytic %.10g, numeric %.10g",
                    tensorError, static_cast<long>(worstK % values.rows()), static_cast<long>(worstK / values.rows()),
                    grad.data()[worstK], worstNumeric);
      result.worst = "worst: " + tensor + text;
    }
    if (std::sqrt(tensorNumeric2) < smallest) {
      smallest = std::sqrt(tensorNumeric2);
      std::snprintf(text, sizeof text, ", |numeric gradient| %.3g", smallest);
      result.quietest = "quietest: " + tensor + text;
    }
  };
  for (size_t i = 0; i < inputs.size(); ++i)
    compare(MatMap<double>(inputs[i].data(), inputs[i].rows(), inputs[i].cols()), analytic[i],
            "input " + std::to_string(i));
  if (params != nullptr)
    for (int i = 0; i < params->Count(); ++i)
      compare(params->Value(i), analyticParams[static_cast<size_t>(i)], params->Name(i));

  result.relativeError = std::sqrt(diff2) / std::max({std::sqrt(analytic2), std::sqrt(numeric2), 1e-300});
  result.smallestGradNorm = smallest;
  return result;
}

// The bound every op and module must meet in double precision (central differences with h = 1e-5 leave
// truncation and rounding errors around 1e-9 relative for smooth functions).
constexpr double kGradTolerance = 1e-6;

}  // namespace learning::nn::testing
