#include "adam.h"

#include "args.h"
#include "tensor.h"

#include <string>

namespace inpaint {

void AdamWrap::Define(Napi::Env env, Napi::Object exports) {
  exports.Set("Adam", DefineClass(env, "Adam",
                                  {
                                      InstanceMethod<&AdamWrap::Step>("step"),
                                      InstanceMethod<&AdamWrap::ZeroGrad>("zeroGrad"),
                                      InstanceMethod<&AdamWrap::GetState>("getState"),
                                      InstanceMethod<&AdamWrap::SetState>("setState"),
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

namespace {

// The parameter at argument 0's index.
const at::Tensor& Param(torch::optim::Adam& optimizer, const Napi::CallbackInfo& info) {
  auto& params = optimizer.param_groups()[0].params();
  int64_t index = IntArg(info, 0, "index");
  if (index < 0 || index >= static_cast<int64_t>(params.size())) {
    throw Napi::RangeError::New(info.Env(), "Expected a parameter index below " + std::to_string(params.size()) + " for index");
  }
  return params[index];
}

// libtorch keys an optimizer's per-parameter state by the address of the parameter's TensorImpl.
std::string StateKey(const at::Tensor& param) { return c10::guts::to_string(param.unsafeGetTensorImpl()); }

at::Tensor MomentArg(const Napi::CallbackInfo& info, size_t index, const char* name, const at::Tensor& param) {
  at::Tensor moment = OptionalTensorArg(info, index, name);
  if (moment.defined() && !moment.sizes().equals(param.sizes())) {
    throw Napi::RangeError::New(info.Env(), std::string("Expected a tensor of the parameter's shape for ") + name);
  }
  return moment.defined() ? moment.clone() : moment;
}

}  // namespace

Napi::Value AdamWrap::GetState(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    auto& states = optimizer_->state();
    auto found = states.find(StateKey(Param(*optimizer_, info)));
    if (found == states.end()) return info.Env().Undefined();
    auto& state = static_cast<torch::optim::AdamParamState&>(*found->second);
    auto out = Napi::Object::New(info.Env());
    out.Set("step", Napi::Number::New(info.Env(), static_cast<double>(state.step())));
    out.Set("expAvg", TensorWrap::Wrap(info.Env(), state.exp_avg().clone()));
    out.Set("expAvgSq", TensorWrap::Wrap(info.Env(), state.exp_avg_sq().clone()));
    if (state.max_exp_avg_sq().defined()) {
      out.Set("maxExpAvgSq", TensorWrap::Wrap(info.Env(), state.max_exp_avg_sq().clone()));
    }
    return out;
  });
}

Napi::Value AdamWrap::SetState(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    const at::Tensor& param = Param(*optimizer_, info);
    auto state = std::make_unique<torch::optim::AdamParamState>();
    state->step(IntArg(info, 1, "step"));
    TensorArg(info, 2, "expAvg");  // present, and a tensor
    TensorArg(info, 3, "expAvgSq");
    state->exp_avg(MomentArg(info, 2, "expAvg", param));
    state->exp_avg_sq(MomentArg(info, 3, "expAvgSq", param));
    state->max_exp_avg_sq(MomentArg(info, 4, "maxExpAvgSq", param));
    optimizer_->state()[StateKey(param)] = std::move(state);
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
