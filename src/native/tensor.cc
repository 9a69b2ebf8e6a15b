#include "tensor.h"

#include <cstring>

#include "args.h"

namespace inpaint {

namespace {

// Marks objects made by the Tensor constructor, so that no other object is ever unwrapped as one.
const napi_type_tag kTensorTag = {0x8a3c5e1f2b7d4c90ULL, 0x61f0e2d3c4b5a697ULL};

int64_t StorageBytes(const at::Tensor& tensor) {
  return tensor.defined() && tensor.has_storage() ? static_cast<int64_t>(tensor.storage().nbytes()) : 0;
}

// Copies a typed array into a new tensor of the matching dtype: Float32Array -> float32,
// BigInt64Array -> int64, Uint8Array -> bool (any non-zero byte is true).
Napi::Value FromArray(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), "Expected a Float32Array, BigInt64Array or Uint8Array for data");
  }
  Napi::TypedArray array = info[0].As<Napi::TypedArray>();
  std::vector<int64_t> shape = IntListArg(info, 1, "shape");
  int64_t count = 1;
  for (int64_t size : shape) {
    if (size < 0) throw Napi::RangeError::New(info.Env(), "shape: sizes must not be negative");
    count *= size;
  }
  if (count != static_cast<int64_t>(array.ElementLength())) {
    throw Napi::RangeError::New(info.Env(), "shape [" + c10::Join(", ", shape) + "] holds " +
                                                std::to_string(count) + " elements but the data has " +
                                                std::to_string(array.ElementLength()));
  }
  void* data = static_cast<uint8_t*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  switch (array.TypedArrayType()) {
    case napi_float32_array:
      return Result(info, at::from_blob(data, shape, at::kFloat).clone());
    case napi_bigint64_array:
      return Result(info, at::from_blob(data, shape, at::kLong).clone());
    case napi_uint8_array:
      return Result(info, at::from_blob(data, shape, at::kByte).ne(0));
    default:
      throw Napi::TypeError::New(info.Env(), "Expected a Float32Array, BigInt64Array or Uint8Array for data");
  }
}

}  // namespace

void TensorWrap::Define(Napi::Env env, Napi::Object exports) {
  Napi::Function constructor = DefineClass(
      env, "Tensor",
      {
          InstanceAccessor<&TensorWrap::Shape>("shape"),
          InstanceAccessor<&TensorWrap::Dtype>("dtype"),
          InstanceAccessor<&TensorWrap::Device>("device"),
          InstanceAccessor<&TensorWrap::Numel>("numel"),
          InstanceAccessor<&TensorWrap::GetRequiresGrad, &TensorWrap::SetRequiresGrad>("requiresGrad"),
          InstanceAccessor<&TensorWrap::Grad>("grad"),
          InstanceMethod<&TensorWrap::ToArray>("toArray"),
          InstanceMethod<&TensorWrap::Item>("item"),
          InstanceMethod<&TensorWrap::Backward>("backward"),
          InstanceMethod<&TensorWrap::ClearGrad>("clearGrad"),
          InstanceMethod<&TensorWrap::Dispose>("dispose"),
      });
  env.SetInstanceData(new Napi::FunctionReference(Napi::Persistent(constructor)));
  exports.Set("Tensor", constructor);
  Export(env, exports, "fromArray", FromArray);
}

Napi::Object TensorWrap::Wrap(Napi::Env env, at::Tensor tensor) {
  Napi::Object object = env.GetInstanceData<Napi::FunctionReference>()->New({});
  Unwrap(object)->Hold(std::move(tensor));
  return object;
}

TensorWrap* TensorWrap::From(Napi::Env env, Napi::Value value, const std::string& name) {
  if (!value.IsObject()) return nullptr;
  Napi::Object object = value.As<Napi::Object>();
  if (!object.CheckTypeTag(&kTensorTag)) return nullptr;
  void* wrap = nullptr;
  if (napi_unwrap(env, object, &wrap) != napi_ok || wrap == nullptr) {
    throw Napi::Error::New(env, name + ": the tensor was disposed");
  }
  return static_cast<TensorWrap*>(wrap);
}

TensorWrap::TensorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TensorWrap>(info) {
  info.This().As<Napi::Object>().TypeTag(&kTensorTag);
}

TensorWrap::~TensorWrap() { Release(); }

void TensorWrap::Hold(at::Tensor tensor) {
  Release();
  tensor_ = std::move(tensor);
  reportedBytes_ = StorageBytes(tensor_);
  if (reportedBytes_ > 0) Napi::MemoryManagement::AdjustExternalMemory(Env(), reportedBytes_);
}

void TensorWrap::Release() {
  if (reportedBytes_ > 0) Napi::MemoryManagement::AdjustExternalMemory(Env(), -reportedBytes_);
  reportedBytes_ = 0;
  tensor_ = at::Tensor();
}

Napi::Value TensorWrap::Shape(const Napi::CallbackInfo& info) {
  Napi::Array shape = Napi::Array::New(info.Env(), tensor_.dim());
  for (int64_t i = 0; i < tensor_.dim(); i++) shape.Set(i, Napi::Number::New(info.Env(), tensor_.size(i)));
  return shape;
}

Napi::Value TensorWrap::Dtype(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), DtypeName(tensor_.scalar_type()));
}

Napi::Value TensorWrap::Device(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), tensor_.device().str());
}

Napi::Value TensorWrap::Numel(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(tensor_.numel()));
}

Napi::Value TensorWrap::ToArray(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    at::Tensor source = tensor_.detach().to(at::kCPU).contiguous();
    size_t count = static_cast<size_t>(source.numel());
    Napi::Env env = info.Env();
    switch (source.scalar_type()) {
      case at::kFloat: {
        Napi::Float32Array out = Napi::Float32Array::New(env, count);
        if (count > 0) std::memcpy(out.Data(), source.data_ptr<float>(), count * sizeof(float));
        return out;
      }
      case at::kLong: {
        Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, count * sizeof(int64_t));
        if (count > 0) std::memcpy(buffer.Data(), source.data_ptr<int64_t>(), count * sizeof(int64_t));
        napi_value out;
        NAPI_THROW_IF_FAILED(env, napi_create_typedarray(env, napi_bigint64_array, count, buffer, 0, &out),
                             Napi::Value());
        return Napi::Value(env, out);
      }
      case at::kBool: {
        Napi::Uint8Array out = Napi::Uint8Array::New(env, count);
        if (count > 0) std::memcpy(out.Data(), source.data_ptr<bool>(), count);
        return out;
      }
      default:
        throw Napi::TypeError::New(env, "toArray: unsupported dtype " + DtypeName(source.scalar_type()));
    }
  });
}

Napi::Value TensorWrap::Item(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    if (tensor_.numel() != 1) {
      throw Napi::RangeError::New(info.Env(), "item: the tensor holds " + std::to_string(tensor_.numel()) +
                                                  " elements, not one");
    }
    if (tensor_.scalar_type() == at::kBool) return Napi::Boolean::New(info.Env(), tensor_.item<bool>());
    return Napi::Number::New(info.Env(), tensor_.item<double>());
  });
}

Napi::Value TensorWrap::GetRequiresGrad(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), tensor_.requires_grad());
}

void TensorWrap::SetRequiresGrad(const Napi::CallbackInfo& info, const Napi::Value& value) {
  if (!value.IsBoolean()) throw Napi::TypeError::New(info.Env(), "Expected a boolean for requiresGrad");
  Guarded(info.Env(), [&] { tensor_.set_requires_grad(value.As<Napi::Boolean>().Value()); });
}

Napi::Value TensorWrap::Grad(const Napi::CallbackInfo& info) {
  const at::Tensor& grad = tensor_.grad();
  if (!grad.defined()) return info.Env().Undefined();
  return Wrap(info.Env(), grad);
}

// backward(gradient?, retainGraph = false)
Napi::Value TensorWrap::Backward(const Napi::CallbackInfo& info) {
  return Guarded(info.Env(), [&]() -> Napi::Value {
    at::Tensor gradient = OptionalTensorArg(info, 0, "gradient");
    bool retainGraph = IsMissing(info, 1) ? false : BoolArg(info, 1, "retainGraph");
    tensor_.backward(gradient, retainGraph);
    return info.Env().Undefined();
  });
}

Napi::Value TensorWrap::ClearGrad(const Napi::CallbackInfo& info) {
  tensor_.mutable_grad().reset();
  return info.Env().Undefined();
}

// Frees the tensor and this wrapper now and unhooks the JavaScript object, which from here on is
// an empty shell: src/torch/ never hands it to the addon again, and the addon refuses it.
Napi::Value TensorWrap::Dispose(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Release();
  napi_remove_wrap(env, info.This(), nullptr);
  delete this;
  return env.Undefined();
}

}  // namespace inpaint
