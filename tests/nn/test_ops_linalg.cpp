#include <doctest/doctest.h>

#include "learning/nn/ops.h"
#include "tests/nn/grad_check.h"

namespace learning::nn {
namespace {

using namespace testing;

TEST_CASE("matmul and affine pass the gradient check") {
  core::Rng rng(11);
  auto matmul = GradCheck({RandomMatrix(3, 4, rng), RandomMatrix(4, 5, rng)},
                          [](Tape<double>&, const std::vector<Var<double>>& in) { return Matmul(in[0], in[1]); });
  CHECK_MESSAGE(matmul.relativeError < kGradTolerance, matmul.worst);
  auto affine = GradCheck({RandomMatrix(3, 4, rng), RandomMatrix(4, 5, rng), RandomMatrix(3, 1, rng)},
                          [](Tape<double>&, const std::vector<Var<double>>& in) { return Affine(in[0], in[1], in[2]); });
  CHECK_MESSAGE(affine.relativeError < kGradTolerance, affine.worst);
  CHECK_MESSAGE(affine.smallestGradNorm > 1e-3, affine.quietest);
}

TEST_CASE("affine computes W x + b") {
  core::Rng rng(12);
  const MatD w = RandomMatrix(3, 4, rng), x = RandomMatrix(4, 5, rng), b = RandomMatrix(3, 1, rng);
  Tape<double> tape;
  const MatD y = Affine(tape.Input(w), tape.Input(x), tape.Input(b)).Value();
  const MatD expected = (w * x).colwise() + b.col(0);
  CHECK((y - expected).norm() < 1e-12);
  CHECK_THROWS_AS(Matmul(tape.Input(w), tape.Input(w)), core::Error);
}

TEST_CASE("shape ops pass the gradient check") {
  core::Rng rng(13);
  auto shapes = GradCheck({RandomMatrix(4, 6, rng), RandomMatrix(2, 6, rng), RandomMatrix(8, 3, rng)},
                          [](Tape<double>&, const std::vector<Var<double>>& in) {
                            Var<double> rows = ConcatRows<double>({in[0], in[1], SliceRows(in[0], 1, 2)});  // (8, 6)
                            Var<double> cols = ConcatCols<double>({SliceCols(rows, 0, 3), in[2] * 2.0});     // (8, 6)
                            return Reshape(Transpose(SliceRows(cols, 2, 4)), 3, 8);
                          });
  CHECK_MESSAGE(shapes.relativeError < kGradTolerance, shapes.worst);
  CHECK_MESSAGE(shapes.smallestGradNorm > 1e-3, shapes.quietest);
}

TEST_CASE("concat of more than four parts chains nodes") {
  core::Rng rng(14);
  std::vector<MatD> parts;
  for (int i = 0; i < 6; ++i) parts.push_back(RandomMatrix(i + 1, 2, rng));
  auto result = GradCheck(parts, [](Tape<double>&, const std::vector<Var<double>>& in) { return ConcatRows(in); });
  CHECK_MESSAGE(result.relativeError < kGradTolerance, result.worst);
  Tape<double> tape;
  std::vector<Var<double>> vars;
  for (const MatD& p : parts) vars.push_back(tape.Input(p));
  const MatD joined = ConcatRows(vars).Value();
  CHECK(joined.rows() == 21);
  CHECK(joined(20, 1) == parts[5](5, 1));
  CHECK(joined(1, 0) == parts[1](0, 0));
}

TEST_CASE("reshape is the column-major reinterpretation (frame stacking)") {
  Tape<double> tape;
  MatD frames(2, 6);  // 3 frames of a 2-dim observation for 2 samples, frames of a sample adjacent
  for (int j = 0; j < 6; ++j) frames.col(j) << j, 10 + j;
  const MatD stacked = Reshape(tape.Input(frames), 6, 2).Value();
  CHECK(stacked(0, 1) == 3.0);
  CHECK(stacked(5, 1) == 15.0);
  CHECK_THROWS_AS(Reshape(tape.Input(frames), 5, 2), core::Error);
  CHECK_THROWS_AS(SliceRows(tape.Input(frames), 1, 2), core::Error);
}

}  // namespace
}  // namespace learning::nn
