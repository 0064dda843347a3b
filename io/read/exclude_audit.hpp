#pragma once
// A source's exclude entries that excluded nothing (a typo: `exclude = ["Hulpverleningg"]`
// silently leaves the assistance calls in), with the closest code kvo knows.

#include <string>
#include <vector>

#include "io/core/spec.hpp"
#include "io/read/source_data.hpp"
#include "io/read/taxonomy.hpp"

namespace kvo::io {

/// The entries of `source.exclude`, and the `[sources.codes]` entries mapped to
/// "excluded", by which no value in `values` (the distinct category values that reached
/// the category check) was excluded; each with the closest code `taxonomy` or `values`
/// know (edit distance on the matching's normalised form, at most a quarter of the
/// entry's length, at least 1), or none.
std::vector<UnusedExclude> unused_excludes(const SourceSpec& source, const Taxonomy& taxonomy,
                                           const std::vector<std::string>& values);

/// The edit (Levenshtein) distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace kvo::io
