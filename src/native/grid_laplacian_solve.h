// gridLaplacianSolve: exact solves of (I + λ L_w) x = b on a pixel grid (grid_laplacian_solve.cc).
#pragma once

#include <napi.h>

namespace inpaint {

void DefineGridLaplacianSolve(Napi::Env env, Napi::Object exports);

}  // namespace inpaint
