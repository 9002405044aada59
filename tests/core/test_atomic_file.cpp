#include "core/atomic_file.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "core/error.h"

namespace fs = std::filesystem;

TEST_CASE("WriteFileAtomically replaces contents and leaves no temp file") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_atomic";
  fs::create_directories(dir);
  std::string path = (dir / "a.txt").string();
  core::WriteFileAtomically(path, "first");
  core::WriteFileAtomically(path, "second");
  CHECK(core::ReadFile(path) == "second");
  CHECK_FALSE(fs::exists(core::TempPathFor(path)));
  fs::remove_all(dir);
}

TEST_CASE("A failed write keeps the previous file untouched") {
  fs::path dir = fs::temp_directory_path() / "ildrive_test_atomic_fail";
  fs::create_directories(dir);
  std::string path = (dir / "b.txt").string();
  core::WriteFileAtomically(path, "precious");
  CHECK_THROWS_AS(core::WriteAtomically(path,
                                        [](const std::string& temp) {
                                          core::WriteFileAtomically(temp, "half");
                                          throw std::runtime_error("disk full");
                                        }),
                  std::runtime_error);
  CHECK(core::ReadFile(path) == "precious");
  CHECK_FALSE(fs::exists(core::TempPathFor(path)));
  fs::remove_all(dir);
}

TEST_CASE("Writing into a missing directory is a clear error naming the file") {
  std::string path = "/nonexistent_ildrive_dir/x.txt";
  try {
    core::WriteFileAtomically(path, "x");
    FAIL("expected an error");
  } catch (const core::Error& e) {
    CHECK(std::string(e.what()).find(path) != std::string::npos);
  }
}

TEST_CASE("ReadFile of a missing file names it") {
  CHECK_THROWS_WITH_AS(core::ReadFile("/no/such/file"), doctest::Contains("/no/such/file"), core::Error);
}
