#pragma once

#include <napi.h>

namespace inpaint {

void DefineAsyncOps(Napi::Env env, Napi::Object exports);

}  // namespace inpaint
