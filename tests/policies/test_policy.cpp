// The Policy over the whole registry: fitting a small dataset, save → load, layouts and bad input.
#include <doctest/doctest.h>

#include <H5Cpp.h>

#include "core/error.h"
#include "learning/policies/policy_registry.h"
#include "tests/policies/policy_test_util.h"

using namespace learning::policies;
using namespace learning::policies::testing;
namespace nn = learning::nn;

namespace {

// obs (4, N) ~ N(3, 2²) raw (so normalisation matters); actions (2, N) = tanh of a fixed linear map.
struct Toy {
  Eigen::MatrixXf obs;
  Eigen::MatrixXf actions;
};

Toy MakeToy(int n, uint64_t seed) {
  core::Rng rng(seed);
  Eigen::MatrixXf a(2, 4);
  a << 0.6f, -0.4f, 0.3f, 0.0f, 0.1f, 0.5f, -0.2f, 0.4f;
  Toy toy{Eigen::MatrixXf(4, n), Eigen::MatrixXf(2, n)};
  for (Eigen::Index i = 0; i < toy.obs.size(); ++i) toy.obs.data()[i] = static_cast<float>(rng.Normal(3.0, 2.0));
  toy.actions = (a * ((toy.obs.array() - 3.f) / 2.f).matrix()).array().tanh();
  return toy;
}

PolicyConfig SmallConfig(const std::string& name) {
  PolicyConfig c = DefaultPolicyConfig(name);
  c.width = 64;
  c.seed = 4;
  return c;
}

double DecodeError(const Policy& policy, const Toy& toy) {
  core::Rng rng(1);
  const Eigen::MatrixXf predicted = policy.Sample(toy.obs, rng, 1.0, /*mean=*/true);
  return (predicted - toy.actions).squaredNorm() / static_cast<double>(toy.actions.size());
}

}  // namespace

TEST_CASE("Policy: every registered policy fits a small dataset") {
  const Toy toy = MakeToy(256, 8);
  for (const PolicyEntry& entry : PolicyRegistry()) {
    CAPTURE(entry.name);
    Policy policy(SmallConfig(entry.name), ToyDims(4));
    policy.FitNormalizer(toy.obs);
    const Eigen::MatrixXf obs = policy.Normalize(toy.obs);
    const double before = DecodeError(policy, toy);
    core::Rng rng(2);
    nn::Tape<float> tape;
    const double lossBefore = policy.Loss(tape, obs, toy.actions, rng).Item();
    const double lossAfter = Train(policy, obs, toy.actions, 500, 64, 3e-3, 3);
    const double after = DecodeError(policy, toy);
    MESSAGE(entry.name << ": decode MSE " << before << " -> " << after << ", loss " << lossBefore << " -> "
                       << lossAfter);
    CHECK(after < before / 20.0);
    CHECK(after < 0.02);
    CHECK(lossAfter < lossBefore);
  }
}

TEST_CASE("Policy: stack and transformer encoders read the history, chunking predicts H actions") {
  // The action is a function of the OLDEST of 3 frames: only encoders that see the history can fit it.
  core::Rng rng(10);
  const int n = 256;
  Eigen::MatrixXf obs(3 * 2, n);
  for (Eigen::Index i = 0; i < obs.size(); ++i) obs.data()[i] = static_cast<float>(rng.Normal());
  Eigen::MatrixXf actions(2 * 2, n);  // chunk H = 2: the same target twice
  for (int j = 0; j < n; ++j) {
    const float s = std::tanh(0.8f * obs(0, j) - 0.5f * obs(1, j));
    actions.col(j) << s, -s, s, -s;
  }
  for (const std::string encoder : {"mlp", "stack", "transformer"}) {
    CAPTURE(encoder);
    PolicyConfig c = SmallConfig("mse");
    c.encoder = ParseEncoderKind(encoder);
    c.history = 3;
    c.chunk = 2;
    c.width = 32;
    Policy policy(c, ToyDims(2));
    CHECK(policy.InputDim() == 6);
    CHECK(policy.ActionDim() == 4);
    policy.FitNormalizer(obs);
    Train(policy, policy.Normalize(obs), actions, 400, 64, 3e-3, 5);
    core::Rng act(1);
    const double error = (policy.Sample(obs, act, 1.0, true) - actions).squaredNorm() / actions.size();
    MESSAGE(encoder << ": error " << error);
    if (encoder == "mlp")
      CHECK(error > 0.1);  // the newest frame carries nothing about the target
    else
      CHECK(error < 0.02);
  }
}

TEST_CASE("Policy: save -> load gives identical actions for the same seed, over the whole registry") {
  const Toy toy = MakeToy(64, 9);
  for (const PolicyEntry& entry : PolicyRegistry()) {
    for (const std::string encoder : {"mlp", "transformer"}) {
      CAPTURE(entry.name);
      CAPTURE(encoder);
      PolicyConfig c = SmallConfig(entry.name);
      c.width = 16;
      c.encoder = ParseEncoderKind(encoder);
      c.history = encoder == "mlp" ? 1 : 2;
      Eigen::MatrixXf obs = c.history == 1 ? toy.obs : Eigen::MatrixXf(toy.obs.replicate(2, 1));
      Policy policy(c, ToyDims(4));
      policy.FitNormalizer(obs);
      Train(policy, policy.Normalize(obs), toy.actions, 20, 16, 1e-2, 1);
      const std::string path = TempPath("save_load_" + entry.name + "_" + encoder + ".h5");
      policy.Save(path);
      const Policy loaded = Policy::Load(path);
      CHECK(loaded.Config() == policy.Config());
      CHECK(loaded.Layout() == policy.Layout());
      CHECK(loaded.GetNormalizer().Mean() == policy.GetNormalizer().Mean());
      const Eigen::MatrixXf probe = obs.leftCols(5);
      core::Rng r1(9), r2(9);
      const Eigen::MatrixXf a = policy.Act(probe, r1);
      const Eigen::MatrixXf b = loaded.Act(probe, r2);
      CHECK(a == b);
      // And it is not the untrained network.
      Policy fresh(c, ToyDims(4));
      fresh.FitNormalizer(obs);
      core::Rng r3(9);
      CHECK_FALSE(fresh.Act(probe, r3) == a);
    }
  }
}

TEST_CASE("Policy: a copy acts identically and trains independently, and can execute its chunks another way") {
  const Toy toy = MakeToy(64, 9);
  PolicyConfig c = SmallConfig("mse");
  c.width = 16;
  c.chunk = 4;
  c.execute = 2;
  Policy policy(c, ToyDims(4));
  policy.FitNormalizer(toy.obs);
  Train(policy, policy.Normalize(toy.obs), toy.actions.replicate(4, 1), 20, 16, 1e-2, 1);
  const Eigen::MatrixXf probe = toy.obs.leftCols(5);
  core::Rng r1(3), r2(3);
  const Eigen::MatrixXf before = policy.Act(probe, r1);

  Policy copy = policy.Copy();
  CHECK(copy.Config() == policy.Config());
  CHECK(copy.GetNormalizer().Std() == policy.GetNormalizer().Std());
  CHECK(copy.Act(probe, r2) == before);
  Train(copy, copy.Normalize(toy.obs), toy.actions.replicate(4, 1), 20, 16, 1e-2, 2);  // fine-tune the copy only
  core::Rng r3(3), r4(3);
  CHECK(policy.Act(probe, r3) == before);
  CHECK_FALSE(copy.Act(probe, r4) == before);

  const Policy ensembled = policy.CopyExecutedAs(1, true);
  CHECK(ensembled.Config().execute == 1);
  CHECK(ensembled.Config().temporalEnsemble);
  core::Rng r5(3);
  CHECK(ensembled.Act(probe, r5) == before);  // the same network: only the executor differs
  CHECK_THROWS_AS(policy.CopyExecutedAs(5, false), core::Error);  // execute > chunk
}

TEST_CASE("Policy: the previous action is consumed only when named") {
  const ObsDims dims{{"controls", 2}, {"ego", 5}, {"lane", 4}};
  CHECK(DefaultObsKeys(dims) == std::vector<std::string>{"ego", "lane"});
  PolicyConfig c = SmallConfig("mse");
  c.obsKeys = {"controls", "ego"};
  CHECK(Policy(c, dims).Layout().ToText() == "controls[2], ego[5]");
}

TEST_CASE("Policy: a layout it was not trained on is refused with a message") {
  Policy policy(SmallConfig("mse"), ObsDims{{"controls", 2}, {"ego", 5}, {"lane", 4}, {"lidar", 8}});
  // Empty obsKeys: every key but the previous action, sorted.
  CHECK(policy.Layout().ToText() == "ego[5], lane[4], lidar[8]");
  CHECK_NOTHROW(policy.CheckLayout(ObsDims{{"ego", 5}, {"lane", 4}, {"lidar", 8}, {"goal", 3}}));
  CHECK_THROWS_WITH_AS(policy.CheckLayout(ObsDims{{"ego", 5}, {"lidar", 8}}), doctest::Contains("\"lane\""),
                       core::Error);
  CHECK_THROWS_WITH_AS(policy.CheckLayout(ObsDims{{"ego", 5}, {"lane", 4}, {"lidar", 16}}),
                       doctest::Contains("8 entries"), core::Error);
  PolicyConfig c = SmallConfig("mse");
  c.obsKeys = {"ego", "brake_indicator"};
  CHECK_THROWS_WITH_AS(Policy(c, ObsDims{{"ego", 5}}), doctest::Contains("brake_indicator"), core::Error);
  c.policy = "no_such_head";
  c.obsKeys = {"ego"};
  CHECK_THROWS_WITH_AS(Policy(c, ObsDims{{"ego", 5}}), doctest::Contains("mse"), core::Error);
}

TEST_CASE("Policy: wrong shapes and non-finite values are errors") {
  Policy policy(SmallConfig("mse"), ToyDims(4));
  nn::Tape<float> tape;
  core::Rng rng(1);
  CHECK_THROWS_WITH_AS(policy.Loss(tape, Eigen::MatrixXf::Zero(3, 8), Eigen::MatrixXf::Zero(2, 8), rng),
                       doctest::Contains("expected 4 rows"), core::Error);
  CHECK_THROWS_AS(policy.Loss(tape, Eigen::MatrixXf::Zero(4, 8), Eigen::MatrixXf::Zero(2, 7), rng), core::Error);
  CHECK_THROWS_AS(policy.Loss(tape, Eigen::MatrixXf::Zero(4, 8), Eigen::MatrixXf::Zero(4, 8), rng), core::Error);
  Eigen::MatrixXf bad = Eigen::MatrixXf::Zero(2, 8);
  bad(0, 3) = NAN;
  tape.Clear();
  CHECK_THROWS_WITH_AS(policy.Loss(tape, Eigen::MatrixXf::Zero(4, 8), bad, rng), doctest::Contains("not finite"),
                       core::Error);
  CHECK_THROWS_AS(policy.Act(Eigen::MatrixXf::Zero(5, 1), rng), core::Error);
  Eigen::MatrixXf nanObs = Eigen::MatrixXf::Zero(4, 1);
  nanObs(2, 0) = INFINITY;
  CHECK_THROWS_AS(policy.Act(nanObs, rng), core::Error);
  CHECK_THROWS_AS(policy.SampleMany(Eigen::MatrixXf::Zero(4, 2), 10, rng), core::Error);
  CHECK_THROWS_AS(policy.FitNormalizer(Eigen::MatrixXf::Zero(3, 10)), core::Error);
  const Eigen::MatrixXf acted = policy.Act(Eigen::MatrixXf::Constant(4, 3, 100.f), rng);
  CHECK(acted.rows() == 2);
  CHECK(acted.cwiseAbs().maxCoeff() <= 1.f);
}

TEST_CASE("Policy: loading a file of the wrong kind, version or shape names the first mismatch") {
  Policy policy(SmallConfig("mse"), ToyDims(4));
  const std::string path = TempPath("checkpoint_errors.h5");
  policy.Save(path);
  CHECK_NOTHROW(Policy::Load(path));

  CHECK_THROWS_WITH_AS(Policy::Load(TempPath("missing.h5")), doctest::Contains("missing.h5"), core::Error);
  {
    H5::H5File file(path, H5F_ACC_RDWR);
    file.removeAttr("format_version");
    const int64_t version = 99;
    file.createAttribute("format_version", H5::PredType::NATIVE_INT64, H5::DataSpace())
        .write(H5::PredType::NATIVE_INT64, &version);
  }
  CHECK_THROWS_WITH_AS(Policy::Load(path), doctest::Contains("format_version 99"), core::Error);

  policy.Save(path);
  {
    H5::H5File file(path, H5F_ACC_RDWR);
    file.unlink("weights/head.out.weight");
    const hsize_t dims[2] = {3, 3};
    file.openGroup("weights").createDataSet("head.out.weight", H5::PredType::IEEE_F32LE, H5::DataSpace(2, dims));
  }
  CHECK_THROWS_WITH_AS(Policy::Load(path), doctest::Contains("\"head.out.weight\" has shape (3, 3)"), core::Error);

  {
    H5::H5File file(path, H5F_ACC_TRUNC);
    file.createGroup("data");
  }
  CHECK_THROWS_WITH_AS(Policy::Load(path), doctest::Contains("not a policy checkpoint"), core::Error);
}
