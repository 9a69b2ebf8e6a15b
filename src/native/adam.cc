#include "adam.h"

#include "args.h"

namespace inpaint {

void AdamWrap::Define(Napi::Env env, Napi::Object exports) {
  exports.Set("Adam", DefineClass(env, "Adam",
                                  {
                                      InstanceMethod<&AdamWrap::Step>("step"),
                                      InstanceMethod<&AdamWrap::ZeroGrad>("zeroGrad"),
                                      InstanceAccessor<&AdamWrap::GetLr, &AdamWrap::SetLr>("lr"),
                                  }));
}

AdamWrap::AdamWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<AdamWrap>(info) {
  Guarded(info.Env(), [&] {
    auto options = torch::optim::AdamOptions(DoubleArg(info, 1, "lr"))
                       .betas({DoubleArg(info, 2, "beta1"), DoubleArg(info, 3, "beta2")})
                       .eps(DoubleArg(info, 4, "eps"))
                       .weight_decay(DoubleArg(info, 5, "weightDecay"))
                       .amsgrad(BoolArg(info, 6, "amsgrad"));
    optimizer_ = std::make_unique<torch::optim::Adam>(TensorListArg(info, 0, "params"), options);
  });
}

Napi::Value AdamWrap::Step(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    optimizer_->step();
    return info.Env().Undefined();
  });
}

Napi::Value AdamWrap::ZeroGrad(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    optimizer_->zero_grad();
    return info.Env().Undefined();
  });
}

Napi::Value AdamWrap::GetLr(const Napi::CallbackInfo& info) {
  auto& options = static_cast<torch::optim::AdamOptions&>(optimizer_->param_groups()[0].options());
  return Napi::Number::New(info.Env(), options.lr());
}

void AdamWrap::SetLr(const Napi::CallbackInfo& info, const Napi::Value& value) {
  if (!value.IsNumber()) throw Napi::TypeError::New(info.Env(), "Expected a number for lr");
  for (auto& group : optimizer_->param_groups()) {
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(value.As<Napi::Number>().DoubleValue());
  }
}

}  // namespace inpaint
