#include "report/report_raster.hpp"

#include <algorithm>
#include <cmath>

#include "io/gdal/gdal_internal.hpp"

namespace kvo::io {

std::string encode_png(const std::vector<std::uint8_t>& rgba, int width, int height) {
  if (width <= 0 || height <= 0 ||
      rgba.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4)
    return {};
  detail::ensure_gdal_registered();
  detail::GdalErrorCollector quiet;
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* png = GetGDALDriverManager()->GetDriverByName("PNG");
  if (!mem || !png) return {};
  GDALDatasetUniquePtr image(mem->Create("", width, height, 4, GDT_Byte, nullptr));
  if (!image) return {};
  // Interleaved RGBA: each band reads every fourth byte.
  for (int b = 0; b < 4; ++b)
    if (image->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, width, height, const_cast<std::uint8_t*>(rgba.data()) + b,
                                              width, height, GDT_Byte, 4, static_cast<GSpacing>(width) * 4) != CE_None)
      return {};
  const std::string path = "/vsimem/kvo_report_" + std::to_string(reinterpret_cast<std::uintptr_t>(&rgba)) + ".png";
  GDALDatasetUniquePtr written(png->CreateCopy(path.c_str(), image.get(), FALSE, nullptr, nullptr, nullptr));
  written.reset();
  std::string out;
  vsi_l_offset size = 0;
  if (GByte* bytes = VSIGetMemFileBuffer(path.c_str(), &size, FALSE))
    out.assign(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  VSIUnlink(path.c_str());
  VSIUnlink((path + ".aux.xml").c_str());
  return out;
}

ReportRaster raster_window(const ReportRaster& r, const engine::Envelope& view) {
  ReportRaster out = r;
  out.rgba.clear();
  out.png.clear();
  out.width = out.height = 0;
  if (r.width <= 0 || r.height <= 0 || r.extent.empty() || view.empty() ||
      r.rgba.size() != static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height) * 4)
    return out;
  const double px = r.extent.width() / r.width, py = r.extent.height() / r.height;
  // Whole pixels only, so the window lines up with the full image drawn on other maps.
  const int c0 = std::clamp(static_cast<int>(std::floor((view.min_x - r.extent.min_x) / px)), 0, r.width);
  const int c1 = std::clamp(static_cast<int>(std::ceil((view.max_x - r.extent.min_x) / px)), 0, r.width);
  const int r0 = std::clamp(static_cast<int>(std::floor((r.extent.max_y - view.max_y) / py)), 0, r.height);
  const int r1 = std::clamp(static_cast<int>(std::ceil((r.extent.max_y - view.min_y) / py)), 0, r.height);
  if (c1 <= c0 || r1 <= r0) return out;
  out.width = c1 - c0;
  out.height = r1 - r0;
  out.extent = {r.extent.min_x + c0 * px, r.extent.max_y - r1 * py, r.extent.min_x + c1 * px, r.extent.max_y - r0 * py};
  out.rgba.reserve(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height) * 4);
  for (int row = r0; row < r1; ++row) {
    const auto from = r.rgba.begin() + (static_cast<std::ptrdiff_t>(row) * r.width + c0) * 4;
    out.rgba.insert(out.rgba.end(), from, from + static_cast<std::ptrdiff_t>(out.width) * 4);
  }
  out.png = encode_png(out.rgba, out.width, out.height);
  return out;
}

}  // namespace kvo::io
