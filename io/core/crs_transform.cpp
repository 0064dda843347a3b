#include "io/core/crs_transform.hpp"

#include <proj.h>

#include <cmath>
#include <limits>

#include "io/core/errors.hpp"

namespace kvo::io {

namespace {
struct ContextDeleter {
  void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
  void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

std::string last_error(PJ_CONTEXT* ctx) {
  const char* msg = proj_context_errno_string(ctx, proj_context_errno(ctx));
  return msg ? msg : "unknown PROJ error";
}
}  // namespace

struct CrsTransform::Impl {
  ContextPtr ctx;  // declared first: the context outlives its objects
  PjPtr pj;
  bool identity = false;
};

CrsTransform::CrsTransform(const std::string& from, const std::string& to) : impl_(std::make_unique<Impl>()) {
  impl_->ctx.reset(proj_context_create());
  PJ_CONTEXT* ctx = impl_->ctx.get();
  proj_log_level(ctx, PJ_LOG_NONE);  // failures are reported through exceptions
  PjPtr src(proj_create(ctx, from.c_str()));
  if (!src) throw InputError("unknown CRS '" + from.substr(0, 80) + "': " + last_error(ctx));
  PjPtr dst(proj_create(ctx, to.c_str()));
  if (!dst) throw InputError("unknown CRS '" + to.substr(0, 80) + "': " + last_error(ctx));
  impl_->identity = from == to || proj_is_equivalent_to(src.get(), dst.get(), PJ_COMP_EQUIVALENT);
  if (impl_->identity) return;
  PjPtr raw(proj_create_crs_to_crs_from_pj(ctx, src.get(), dst.get(), nullptr, nullptr));
  if (!raw) throw InputError("no transformation from '" + from.substr(0, 80) + "' to '" + to + "': " + last_error(ctx));
  impl_->pj.reset(proj_normalize_for_visualization(ctx, raw.get()));
  if (!impl_->pj) throw InputError("cannot normalise axis order: " + last_error(ctx));
}

CrsTransform::~CrsTransform() = default;
CrsTransform::CrsTransform(CrsTransform&&) noexcept = default;
CrsTransform& CrsTransform::operator=(CrsTransform&&) noexcept = default;

bool CrsTransform::is_identity() const {
  return impl_->identity;
}

void CrsTransform::transform(double* x, double* y, std::size_t n) const {
  if (impl_->identity || n == 0) return;
  proj_trans_generic(impl_->pj.get(), PJ_FWD, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL) {
      x[i] = std::numeric_limits<double>::infinity();
      y[i] = std::numeric_limits<double>::infinity();
    }
  }
}

bool is_geographic_crs(const std::string& crs) {
  ContextPtr ctx(proj_context_create());
  proj_log_level(ctx.get(), PJ_LOG_NONE);
  PjPtr pj(proj_create(ctx.get(), crs.c_str()));
  if (!pj) throw InputError("unknown CRS '" + crs.substr(0, 80) + "': " + last_error(ctx.get()));
  const auto type = proj_get_type(pj.get());
  return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS || type == PJ_TYPE_GEOGRAPHIC_CRS;
}

std::string analysis_crs_problem(const std::string& crs) {
  ContextPtr ctx(proj_context_create());
  proj_log_level(ctx.get(), PJ_LOG_NONE);
  PjPtr pj(proj_create(ctx.get(), crs.c_str()));
  if (!pj) return "is not a CRS PROJ knows (write it as e.g. \"EPSG:28992\")";
  PjPtr horizontal;
  const PJ* crs_pj = pj.get();
  if (proj_get_type(crs_pj) == PJ_TYPE_COMPOUND_CRS) {
    horizontal.reset(proj_crs_get_sub_crs(ctx.get(), crs_pj, 0));
    crs_pj = horizontal.get();
  }
  if (!crs_pj || proj_get_type(crs_pj) != PJ_TYPE_PROJECTED_CRS)
    return "must be a projected CRS in metres (e.g. \"EPSG:28992\", RD New), not geographic degrees or another kind";
  PjPtr cs(proj_crs_get_coordinate_system(ctx.get(), crs_pj));
  if (!cs) return "has no coordinate system";
  for (int axis = 0; axis < proj_cs_get_axis_count(ctx.get(), cs.get()); ++axis) {
    double to_metre = 0;
    if (!proj_cs_get_axis_info(ctx.get(), cs.get(), axis, nullptr, nullptr, nullptr, &to_metre, nullptr, nullptr,
                               nullptr) ||
        std::abs(to_metre - 1.0) > 1e-12)
      return "must have its axes in metres (this CRS uses another unit)";
  }
  return {};
}

}  // namespace kvo::io
