// resample2d: StructureFlow's Gaussian sampling as an autograd function (resample2d.cc).
#pragma once

#include <napi.h>

namespace inpaint {

void DefineResample2d(Napi::Env env, Napi::Object exports);

}  // namespace inpaint
