#pragma once
// Reads the bounding box out of a GeoPackage geometry blob (GeoPackage 1.3 §2.1.3): from
// the header's envelope when there is one, otherwise by walking the WKB that follows.

#include <cstddef>
#include <optional>
#include <span>

namespace kvo::io {

/// An axis-aligned bounding box in the layer's CRS.
struct Envelope {
  double minx = 0, maxx = 0, miny = 0, maxy = 0;
};

/// The envelope of a GeoPackage geometry blob; nullopt for an empty geometry.
/// Throws IoError for a blob that is not a GeoPackage geometry.
std::optional<Envelope> gpkg_blob_envelope(std::span<const unsigned char> blob);

}  // namespace kvo::io
