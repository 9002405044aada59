// libFuzzer target: bytes → a file → the policy checkpoint loader (`ildrive eval --policy`, `train --init`); a
// policy that loads must also act once on a zero observation (its layout and weights are then really usable).
#include "core/rng.h"
#include "learning/policies/policy.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::QuietHdf5();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    const fuzz::InputFile file(data, size);
    fuzz::ExpectLoadsOrRefuses([&] {
      const learning::policies::Policy policy = learning::policies::Policy::Load(file.Path());
      core::Rng rng(1);
      policy.Act(Eigen::MatrixXf::Zero(policy.InputDim(), 1), rng);
    });
  }
  fuzz::CheckNothingLeftOpen();
  return 0;
}
