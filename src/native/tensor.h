// The JavaScript Tensor object: owns one at::Tensor. dispose() frees the tensor and this wrapper at
// once and unhooks the object from it, so that the collector has no finalizer to queue for a
// disposed tensor (Node runs those finalizers only when the event loop turns: a synchronous
// training loop would pile them up). A tensor never disposed is freed when its object is
// collected; its storage size is reported to V8 as external memory so that forgotten tensors
// still push the collector to run.
#pragma once

#include <napi.h>
#include <ATen/ATen.h>

#include <string>

namespace inpaint {

class TensorWrap : public Napi::ObjectWrap<TensorWrap> {
 public:
  static void Define(Napi::Env env, Napi::Object exports);
  static Napi::Object Wrap(Napi::Env env, at::Tensor tensor);
  // The wrapper inside value, or nullptr when value is not a Tensor object; throws, naming the
  // argument, when it is a disposed one.
  static TensorWrap* From(Napi::Env env, Napi::Value value, const std::string& name);

  explicit TensorWrap(const Napi::CallbackInfo& info);
  ~TensorWrap() override;

  const at::Tensor& tensor() const { return tensor_; }

 private:
  void Hold(at::Tensor tensor);
  void Release();

  Napi::Value Shape(const Napi::CallbackInfo& info);
  Napi::Value Dtype(const Napi::CallbackInfo& info);
  Napi::Value Device(const Napi::CallbackInfo& info);
  Napi::Value Numel(const Napi::CallbackInfo& info);
  Napi::Value ToArray(const Napi::CallbackInfo& info);
  Napi::Value Item(const Napi::CallbackInfo& info);
  Napi::Value GetRequiresGrad(const Napi::CallbackInfo& info);
  void SetRequiresGrad(const Napi::CallbackInfo& info, const Napi::Value& value);
  Napi::Value Grad(const Napi::CallbackInfo& info);
  Napi::Value Backward(const Napi::CallbackInfo& info);
  Napi::Value ClearGrad(const Napi::CallbackInfo& info);
  Napi::Value Dispose(const Napi::CallbackInfo& info);

  at::Tensor tensor_;
  int64_t reportedBytes_ = 0;
};

}  // namespace inpaint
