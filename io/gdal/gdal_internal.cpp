#include "io/gdal/gdal_internal.hpp"

#include <cctype>
#include <mutex>

#include <cpl_minixml.h>

#include "io/core/errors.hpp"
#include "io/core/input_path.hpp"
#include "io/core/text.hpp"

namespace kvo::io::detail {

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCollector::GdalErrorCollector() {
  CPLPushErrorHandlerEx(&GdalErrorCollector::handler, this);
}
GdalErrorCollector::~GdalErrorCollector() {
  CPLPopErrorHandler();
}

void CPL_STDCALL GdalErrorCollector::handler(CPLErr level, CPLErrorNum, const char* msg) {
  if (level < CE_Failure) return;  // warnings are noise here; the caller checks results
  auto* self = static_cast<GdalErrorCollector*>(CPLGetErrorHandlerUserData());
  if (self && msg) self->messages_.emplace_back(msg);
}

std::string GdalErrorCollector::messages() const {
  std::string s;
  for (const auto& m : messages_) s += (s.empty() ? "" : "; ") + m;
  return s;
}

GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, const std::vector<std::string>& options,
                                 const std::string& driver) {
  ensure_gdal_registered();
  const std::string p = path.string();
  if (p.rfind("PG:", 0) != 0 && p.rfind("/vsi", 0) != 0) require_input_file(path, /*allow_directory=*/true);
  std::vector<const char*> opts;
  for (const auto& o : options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  const std::string name = driver == "CSV" ? "CSV:" + p : p;
  const char* allowed[] = {driver.c_str(), nullptr};
  GdalErrorCollector errors;
  GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                            driver.empty() ? nullptr : allowed, opts.data(), nullptr));
  if (!ds) {
    const std::string why = errors.messages();
    throw InputError("cannot open as a vector dataset" + (why.empty() ? std::string() : ": " + why), at(p));
  }
  return ds;
}

std::vector<std::string> driver_open_options(GDALDriver& driver) {
  std::vector<std::string> names;
  const char* list = driver.GetMetadataItem(GDAL_DMD_OPENOPTIONLIST);
  if (!list) return names;
  CPLXMLNode* root = CPLParseXMLString(list);
  if (!root) return names;
  for (const CPLXMLNode* top = root; top; top = top->psNext) {
    if (top->eType != CXT_Element || !EQUAL(top->pszValue, "OpenOptionList")) continue;
    for (const CPLXMLNode* o = top->psChild; o; o = o->psNext)
      if (o->eType == CXT_Element && EQUAL(o->pszValue, "Option"))
        if (const char* n = CPLGetXMLValue(o, "name", nullptr)) names.emplace_back(n);
  }
  CPLDestroyXMLNode(root);
  return names;
}

OGRLayer* pick_layer(GDALDataset& ds, const std::string& layer, const std::filesystem::path& path) {
  if (layer.empty()) {
    if (ds.GetLayerCount() == 0) throw InputError("the dataset has no layers", at(path.string()));
    return ds.GetLayer(0);
  }
  if (OGRLayer* l = ds.GetLayerByName(layer.c_str())) return l;
  std::string names;
  for (int i = 0; i < ds.GetLayerCount(); ++i) names += (i ? ", " : "") + std::string(ds.GetLayer(i)->GetName());
  throw InputError("no layer '" + layer + "' (layers: " + names + ")", at(path.string(), 0, "layer"));
}

int field_index(OGRFeatureDefn& defn, const std::string& name, const std::filesystem::path& path,
                const std::string& key, Encoding encoding) {
  // Header names are bytes in the file's encoding: a Windows-1252 "X-coördinaat" must
  // match the spec's UTF-8 name, and be shown readable when a field is missing.
  std::vector<std::string> names;
  for (int i = 0; i < defn.GetFieldCount(); ++i) names.push_back(to_utf8(defn.GetFieldDefn(i)->GetNameRef(), encoding));
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string wanted = lower(name);  // OGR's fallback: ASCII case does not matter
  for (std::size_t i = 0; i < names.size(); ++i)
    if (lower(names[i]) == wanted) return static_cast<int>(i);
  std::string list;
  bool invalid = false;
  for (const auto& n : names) {
    invalid = invalid || !is_valid_utf8(n);
    list += (list.empty() ? "" : ", ") + show_invalid_utf8(n);
  }
  std::string hint;
  if (invalid)  // only with encoding = "utf-8": auto and windows-1252 convert the names
    hint = "; the header is not valid UTF-8: is the file windows-1252? set encoding = \"windows-1252\" or \"auto\"";
  throw InputError("no field '" + name + "' (fields: " + list + ")" + hint, at(path.string(), 0, key));
}

std::string layer_crs_wkt(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (!srs) return {};
  char* wkt = nullptr;
  const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
  if (srs->exportToWkt(&wkt, opts) != OGRERR_NONE) {
    CPLFree(wkt);
    return {};
  }
  std::string out(wkt ? wkt : "");
  CPLFree(wkt);
  return out;
}

}  // namespace kvo::io::detail
