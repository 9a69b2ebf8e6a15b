// autograd.grad: gradients of outputs with respect to chosen inputs, returned rather than
// accumulated, optionally as a differentiable graph (create_graph) for double backward.
#pragma once

#include <napi.h>

namespace inpaint {

void DefineAutograd(Napi::Env env, Napi::Object exports);

}  // namespace inpaint
