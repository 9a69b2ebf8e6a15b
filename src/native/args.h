// Argument reading and result wrapping shared by every native entry point. Each helper throws a
// Napi::TypeError naming the argument, so a wrong call from TypeScript never reaches libtorch.
#pragma once

#include <napi.h>
#include <ATen/ATen.h>

#include <optional>
#include <string>
#include <vector>

namespace inpaint {

// An entry point: reads its arguments from info and returns its result.
using NativeFn = Napi::Value (*)(const Napi::CallbackInfo&);

// Runs body, turning libtorch's c10::Error and other C++ exceptions into JavaScript Errors that
// carry libtorch's message without its C++ backtrace.
template <typename Body>
auto Guarded(Napi::Env env, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::Error& error) {
    throw Napi::Error::New(env, error.what_without_backtrace());
  } catch (const std::exception& error) {
    throw Napi::Error::New(env, error.what());
  }
}

// Exposes fn under name, Guarded.
void Export(Napi::Env env, Napi::Object exports, const char* name, NativeFn fn);

// The tensor held by the Tensor object at info[index]; throws if it is not one or was disposed.
const at::Tensor& TensorArg(const Napi::CallbackInfo& info, size_t index, const char* name);
// Like TensorArg, but null or undefined give an undefined tensor (libtorch's "none").
at::Tensor OptionalTensorArg(const Napi::CallbackInfo& info, size_t index, const char* name);
std::vector<at::Tensor> TensorListArg(const Napi::CallbackInfo& info, size_t index, const char* name);

std::vector<int64_t> IntListArg(const Napi::CallbackInfo& info, size_t index, const char* name);
std::vector<double> DoubleListArg(const Napi::CallbackInfo& info, size_t index, const char* name);
int64_t IntArg(const Napi::CallbackInfo& info, size_t index, const char* name);
double DoubleArg(const Napi::CallbackInfo& info, size_t index, const char* name);
bool BoolArg(const Napi::CallbackInfo& info, size_t index, const char* name);
std::string StringArg(const Napi::CallbackInfo& info, size_t index, const char* name);
bool IsMissing(const Napi::CallbackInfo& info, size_t index);

at::ScalarType DtypeFromName(const std::string& name);
std::string DtypeName(at::ScalarType type);

// Wraps a result tensor in a new JavaScript Tensor object.
Napi::Value Result(const Napi::CallbackInfo& info, at::Tensor tensor);

}  // namespace inpaint
