#pragma once
// Benjamini–Hochberg false discovery rate control.

#include <span>
#include <vector>

namespace kvo::engine {

/// Benjamini–Hochberg adjusted p-values (q-values), as R's p.adjust(p, "BH"): for the
/// p-values sorted ascending, q_(i) = min_{j>=i} min(1, m p_(j) / j). NaN inputs stay NaN
/// and do not count in m.
std::vector<double> bh_qvalues(std::span<const double> p);

/// The largest p-value p_(k) with p_(k) <= k alpha / m (the BH rejection threshold at FDR
/// level alpha), or 0 when nothing is rejected. A test is significant when p <= threshold.
/// NaN inputs are ignored.
double bh_threshold(std::span<const double> p, double alpha);

}  // namespace kvo::engine
