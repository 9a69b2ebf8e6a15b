// Entry point of the libtorch addon (build/Release/inpaint_torch.node). Thin by design: tensors,
// ops, autograd and the optimizer; every model lives in TypeScript.
#include <napi.h>

#include "adam.h"
#include "async_ops.h"
#include "autograd.h"
#include "grid_laplacian_solve.h"
#include "ops.h"
#include "resample2d.h"
#include "tensor.h"

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) {
  inpaint::TensorWrap::Define(env, exports);
  inpaint::DefineOps(env, exports);
  inpaint::DefineAsyncOps(env, exports);
  inpaint::DefineAutograd(env, exports);
  inpaint::AdamWrap::Define(env, exports);
  inpaint::DefineResample2d(env, exports);
  inpaint::DefineGridLaplacianSolve(env, exports);
  return exports;
}

NODE_API_MODULE(inpaint_torch, InitAddon)
