// The kernels' spec names, apart from the KDE itself so the spec parser (and its fuzz
// target) can name kernels without linking the estimator.
#include <array>

#include "engine/kde.hpp"

namespace kvo::engine {

namespace {
constexpr std::array<std::string_view, 5> kKernelNames = {"quartic", "triangular", "epanechnikov", "uniform",
                                                          "gaussian"};
}  // namespace

std::string_view kernel_name(Kernel kernel) {
  return kKernelNames[static_cast<std::size_t>(kernel)];
}

std::optional<Kernel> kernel_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kKernelNames.size(); ++i)
    if (kKernelNames[i] == name) return static_cast<Kernel>(i);
  return std::nullopt;
}

}  // namespace kvo::engine
