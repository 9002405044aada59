// libFuzzer target: bytes → a file → the dataset loader (`ildrive train --data`) and the generic HDF5 overview
// (`ildrive info` on files that are not datasets).
#include "learning/data/dataset_file.h"
#include "learning/data/hdf5_overview.h"
#include "tests/fuzz/fuzz_input_file.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::QuietHdf5();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    const fuzz::InputFile file(data, size);
    fuzz::ExpectLoadsOrRefuses([&] { learning::data::LoadDataset(file.Path()); });
    fuzz::ExpectLoadsOrRefuses([&] { learning::data::DescribeHdf5File(file.Path()); });
  }
  fuzz::CheckNothingLeftOpen();
  return 0;
}
