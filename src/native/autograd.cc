#include "autograd.h"

#include <torch/csrc/autograd/autograd.h>

#include "args.h"

namespace inpaint {

namespace {

// grad(outputs, inputs, gradOutputs?, retainGraph, createGraph, allowUnused): torch.autograd.grad.
// gradOutputs null means ones for scalar outputs (libtorch's default). An input the outputs do not
// depend on gives undefined when allowUnused, else libtorch's error.
Napi::Value Grad(const Napi::CallbackInfo& info) {
  std::vector<at::Tensor> outputs = TensorListArg(info, 0, "outputs");
  std::vector<at::Tensor> inputs = TensorListArg(info, 1, "inputs");
  std::vector<at::Tensor> gradOutputs;
  if (!info[2].IsNull() && !info[2].IsUndefined()) gradOutputs = TensorListArg(info, 2, "gradOutputs");
  bool retainGraph = BoolArg(info, 3, "retainGraph");
  bool createGraph = BoolArg(info, 4, "createGraph");
  bool allowUnused = BoolArg(info, 5, "allowUnused");
  std::vector<at::Tensor> grads =
      torch::autograd::grad(outputs, inputs, gradOutputs, retainGraph, createGraph, allowUnused);
  Napi::Array out = Napi::Array::New(info.Env(), grads.size());
  for (size_t i = 0; i < grads.size(); i++) {
    out.Set(i, grads[i].defined() ? Result(info, grads[i]) : info.Env().Undefined());
  }
  return out;
}

}  // namespace

void DefineAutograd(Napi::Env env, Napi::Object exports) { Export(env, exports, "grad", Grad); }

}  // namespace inpaint
