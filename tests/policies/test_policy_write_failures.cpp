// Saving a policy when the disk fills (a file-size limit in a forked child), into a read-only folder, and under a
// path with spaces and non-ASCII characters: one core::Error naming the file, the previous checkpoint as it was,
// and a clean exit (HDF5 1.10.8 crashed at exit after a failed write before learning/data/hdf5_write.h).
#include <doctest/doctest.h>

#include <filesystem>

#include "learning/policies/policy.h"
#include "learning/policies/policy_registry.h"
#include "tests/policies/policy_test_util.h"
#include "tests/reliability/write_failure.h"

using namespace learning::policies;
using namespace learning::policies::testing;
namespace fs = std::filesystem;
namespace wf = test_write_failure;

namespace {

Policy MakePolicy(int width, uint64_t seed) {
  PolicyConfig config = DefaultPolicyConfig("mse");
  config.width = width;
  config.seed = seed;
  return Policy(config, ToyDims(8));
}

// A fresh folder under the build tree.
std::string TestDir(const std::string& name) {
  return wf::FreshDir(fs::path(ILDRIVE_BINARY_DIR) / "tests" / "policies" / "tmp" / name);
}

}  // namespace

TEST_CASE("Policy save: at any file-size limit it lands whole or is refused naming the file, the old one intact") {
  const std::string dir = TestDir("save_limits");
  const std::string path = dir + "/policy.h5";
  MakePolicy(16, 1).Save(path);
  const std::string before = wf::FileBytes(path);
  const Policy bigger = MakePolicy(256, 2);  // ~0.6 MB of weights
  int landed = 0;
  int refused = 0;
  for (long long limit = 8'000; limit < 4'000'000; limit *= 2) {
    const wf::ChildOutcome outcome = wf::RunInChild([&] {
      wf::LimitFileSize(limit);
      bigger.Save(path);
    });
    INFO("limit ", limit, ": ", outcome.report);
    REQUIRE(outcome.exited);  // never a signal, at exit either
    if (outcome.status == 0) {
      ++landed;
      CHECK(Policy::Load(path).Config().width == 256);
      fs::remove(path);
      MakePolicy(16, 1).Save(path);  // back to the old one for the next limit
    } else {
      ++refused;
      CHECK(outcome.status == 3);
      CHECK(outcome.report.find("exception: " + path + ": ") == 0);
      CHECK(wf::FileBytes(path) == before);
    }
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary file left
  }
  CHECK(landed > 0);
  CHECK(refused > 0);
}

TEST_CASE("Policy save: a read-only folder is refused naming the file, and a non-ASCII path round trips") {
  const std::string dir = TestDir("read_only");
  const std::string path = dir + "/policy.h5";
  MakePolicy(16, 3).Save(path);
  const std::string before = wf::FileBytes(path);
  const wf::ChildOutcome outcome = wf::RunInChild([&] {
    if (wf::MakeReadOnly(dir).empty()) std::exit(4);
    MakePolicy(32, 4).Save(path);
  });
  if (outcome.exited && outcome.status == 4) {
    MESSAGE("read-only part skipped: this user cannot make a read-only folder (root without mount namespaces)");
  } else {
    INFO(outcome.report);
    CHECK(outcome.exited);
    CHECK(outcome.status == 3);
    CHECK(outcome.report.find("exception: " + path + ": ") == 0);
    CHECK(outcome.report.find("Read-only file system") != std::string::npos);
    CHECK(wf::FileBytes(path) == before);
  }
  const std::string unicode = TestDir("unicode ü") + "/politique d'été 日本 ✓.h5";
  MakePolicy(16, 5).Save(unicode);
  CHECK(Policy::Load(unicode).Config().seed == 5);
}
