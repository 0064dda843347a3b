#pragma once
// Portable random draws. std::mt19937_64 itself is fully specified by the standard, but the
// std::*_distribution classes are not (libstdc++ and libc++ give different numbers), so every
// draw below is built from raw 64-bit outputs with plain integer and IEEE arithmetic: the
// same seed gives the same data with any compiler, library and platform.

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace kvo::gen {

/// Seeded random source with portable draws.
class Rng {
 public:
  /// A generator seeded with `seed`.
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  /// The next raw 64-bit output.
  std::uint64_t next() { return engine_(); }

  /// Uniform double in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// Uniform double in [a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

  /// Unbiased uniform integer in [0, n) for n > 0 (rejection of the short last bucket).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = engine_();
      if (r >= threshold) return r % n;
    }
  }

  /// Uniform integer in [lo, hi], both included.
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  /// True with probability p.
  bool chance(double p) { return uniform() < p; }

  /// Approximately standard normal: Irwin–Hall sum of 12 uniforms minus 6 (mean 0, SD 1,
  /// tails cut at ±6). Pure arithmetic, so it does not depend on the platform's libm.
  double normal() {
    double s = 0;
    for (int i = 0; i < 12; ++i) s += uniform();
    return s - 6.0;
  }

  /// Index drawn with probability proportional to `weights` (non-negative, not all zero).
  std::size_t pick(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (u < weights[i]) return i;
      u -= weights[i];
    }
    return weights.size() - 1;  // rounding at the top end
  }

  /// Index drawn with integer weights (exact, no floating point).
  std::size_t pick(std::span<const int> weights) {
    std::uint64_t total = 0;
    for (int w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t u = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = static_cast<std::uint64_t>(weights[i]);
      if (u < w) return i;
      u -= w;
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace kvo::gen
