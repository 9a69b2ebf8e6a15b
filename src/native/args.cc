#include "args.h"

#include "tensor.h"

namespace inpaint {

namespace {

Napi::Value Dispatch(const Napi::CallbackInfo& info) {
  auto fn = reinterpret_cast<NativeFn>(info.Data());
  return Guarded(info.Env(), [&] { return fn(info); });
}

[[noreturn]] void ThrowType(const Napi::CallbackInfo& info, const char* name, const char* expected) {
  throw Napi::TypeError::New(info.Env(), std::string("Expected ") + expected + " for " + name);
}

}  // namespace

void Export(Napi::Env env, Napi::Object exports, const char* name, NativeFn fn) {
  exports.Set(name, Napi::Function::New(env, Dispatch, name, reinterpret_cast<void*>(fn)));
}

bool IsMissing(const Napi::CallbackInfo& info, size_t index) {
  return info.Length() <= index || info[index].IsUndefined() || info[index].IsNull();
}

const at::Tensor& TensorArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  TensorWrap* wrap = TensorWrap::From(info.Env(), info[index], name);
  if (wrap == nullptr) ThrowType(info, name, "a Tensor");
  return wrap->tensor();
}

at::Tensor OptionalTensorArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (IsMissing(info, index)) return at::Tensor();
  return TensorArg(info, index, name);
}

std::vector<at::Tensor> TensorListArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsArray()) ThrowType(info, name, "an array of Tensors");
  Napi::Array array = info[index].As<Napi::Array>();
  std::vector<at::Tensor> tensors;
  tensors.reserve(array.Length());
  for (uint32_t i = 0; i < array.Length(); i++) {
    TensorWrap* wrap = TensorWrap::From(info.Env(), array.Get(i), std::string(name) + "[" + std::to_string(i) + "]");
    if (wrap == nullptr) ThrowType(info, name, "an array of Tensors");
    tensors.push_back(wrap->tensor());
  }
  return tensors;
}

std::vector<int64_t> IntListArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsArray()) ThrowType(info, name, "an array of integers");
  Napi::Array array = info[index].As<Napi::Array>();
  std::vector<int64_t> values(array.Length());
  for (uint32_t i = 0; i < array.Length(); i++) {
    Napi::Value value = array.Get(i);
    if (!value.IsNumber()) ThrowType(info, name, "an array of integers");
    values[i] = value.As<Napi::Number>().Int64Value();
  }
  return values;
}

std::vector<double> DoubleListArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsArray()) ThrowType(info, name, "an array of numbers");
  Napi::Array array = info[index].As<Napi::Array>();
  std::vector<double> values(array.Length());
  for (uint32_t i = 0; i < array.Length(); i++) {
    Napi::Value value = array.Get(i);
    if (!value.IsNumber()) ThrowType(info, name, "an array of numbers");
    values[i] = value.As<Napi::Number>().DoubleValue();
  }
  return values;
}

int64_t IntArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsNumber()) ThrowType(info, name, "an integer");
  return info[index].As<Napi::Number>().Int64Value();
}

double DoubleArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsNumber()) ThrowType(info, name, "a number");
  return info[index].As<Napi::Number>().DoubleValue();
}

bool BoolArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsBoolean()) ThrowType(info, name, "a boolean");
  return info[index].As<Napi::Boolean>().Value();
}

std::string StringArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (!info[index].IsString()) ThrowType(info, name, "a string");
  return info[index].As<Napi::String>().Utf8Value();
}

at::ScalarType DtypeFromName(const std::string& name) {
  if (name == "float32") return at::kFloat;
  if (name == "int64") return at::kLong;
  if (name == "bool") return at::kBool;
  throw std::invalid_argument("Expected one of float32, int64, bool for dtype but received \"" + name + "\"");
}

std::string DtypeName(at::ScalarType type) {
  switch (type) {
    case at::kFloat: return "float32";
    case at::kLong: return "int64";
    case at::kBool: return "bool";
    default: return c10::toString(type);
  }
}

Napi::Value Result(const Napi::CallbackInfo& info, at::Tensor tensor) {
  return TensorWrap::Wrap(info.Env(), std::move(tensor));
}

}  // namespace inpaint
