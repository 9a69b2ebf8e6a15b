// libtorch's Adam optimizer (torch::optim::Adam, the same update as PyTorch's), one parameter
// group. Runs synchronously.
#pragma once

#include <napi.h>
#include <torch/optim/adam.h>

#include <memory>

namespace inpaint {

class AdamWrap : public Napi::ObjectWrap<AdamWrap> {
 public:
  static void Define(Napi::Env env, Napi::Object exports);
  // new Adam(params: Tensor[], lr, beta1, beta2, eps, weightDecay, amsgrad)
  explicit AdamWrap(const Napi::CallbackInfo& info);

 private:
  Napi::Value Step(const Napi::CallbackInfo& info);
  Napi::Value ZeroGrad(const Napi::CallbackInfo& info);
  Napi::Value GetLr(const Napi::CallbackInfo& info);
  // getState(index): {step, expAvg, expAvgSq, maxExpAvgSq?} of parameter `index` (copies), or
  // undefined before its first step.
  Napi::Value GetState(const Napi::CallbackInfo& info);
  // setState(index, step, expAvg, expAvgSq, maxExpAvgSq?): the same, put back (copied).
  Napi::Value SetState(const Napi::CallbackInfo& info);
  void SetLr(const Napi::CallbackInfo& info, const Napi::Value& value);

  std::unique_ptr<torch::optim::Adam> optimizer_;
};

}  // namespace inpaint
