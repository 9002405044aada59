#pragma once
// A small random number generator passed by value, never global (docs/design.md, "Habits the code keeps").
// SplitMix64: 64-bit state, passes BigCrush, and trivially splittable into child streams
// (Derive) so traffic, spawn, sampling and shuffling each get their own seed from the episode seed.
// Uniform and normal draws are written here because std:: distributions differ between implementations.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace core {

class Rng {
 public:
  explicit Rng(uint64_t seed = 0) : state_(seed) {}

  uint64_t NextU64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  // Uniform integer in [0, n) without modulo bias worth worrying about for n << 2^64.
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : static_cast<uint64_t>(Uniform() * static_cast<double>(n)); }

  bool Bernoulli(double p) { return Uniform() < p; }

  // Standard normal via Box-Muller; one draw per call keeps the stream position obvious.
  double Normal() {
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double Normal(double mean, double stddev) { return mean + stddev * Normal(); }

  // An independent child stream for a named use (e.g. Derive(kTraffic)); does not advance this one.
  Rng Derive(uint64_t salt) const {
    Rng child(state_ ^ (salt * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull));
    child.NextU64();
    return child;
  }

  uint64_t State() const { return state_; }

 private:
  uint64_t state_;
};

}  // namespace core
