#pragma once
// One analysis from spec to GeoPackage, in four stages, each a function of the one before:
//   read_inputs → Inputs → resolve_method → MethodRecord → compute → Results → write_output
// (docs/architecture.md, "The pipeline").

#include "pipeline/inputs.hpp"
#include "pipeline/method_record.hpp"
#include "pipeline/outputs.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/results.hpp"
#include "pipeline/scope.hpp"
