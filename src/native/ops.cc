// Tensor operations: each reads its arguments, calls one libtorch function, wraps the result.
// Defaults and scalar-to-list expansion live in TypeScript (src/torch/), not here.
#include "ops.h"

#include <ATen/Parallel.h>
#include <torch/nn/functional/padding.h>
#include <torch/nn/functional/upsampling.h>

#include "args.h"

namespace inpaint {

namespace {

// ---- creation

// zeros(shape, dtype), ones(shape, dtype), full(shape, value, dtype), randn(shape), rand(shape)
Napi::Value Zeros(const Napi::CallbackInfo& info) {
  return Result(info, at::zeros(IntListArg(info, 0, "shape"), DtypeFromName(StringArg(info, 1, "dtype"))));
}
Napi::Value Ones(const Napi::CallbackInfo& info) {
  return Result(info, at::ones(IntListArg(info, 0, "shape"), DtypeFromName(StringArg(info, 1, "dtype"))));
}
Napi::Value Full(const Napi::CallbackInfo& info) {
  return Result(info, at::full(IntListArg(info, 0, "shape"), DoubleArg(info, 1, "value"),
                               at::TensorOptions().dtype(DtypeFromName(StringArg(info, 2, "dtype")))));
}
Napi::Value Randn(const Napi::CallbackInfo& info) { return Result(info, at::randn(IntListArg(info, 0, "shape"))); }
Napi::Value Rand(const Napi::CallbackInfo& info) { return Result(info, at::rand(IntListArg(info, 0, "shape"))); }
Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  at::manual_seed(static_cast<uint64_t>(IntArg(info, 0, "seed")));
  return info.Env().Undefined();
}

// ---- conversion and copies

// to(x, dtype, device)
Napi::Value To(const Napi::CallbackInfo& info) {
  const at::Tensor& x = TensorArg(info, 0, "input");
  return Result(info, x.to(at::Device(StringArg(info, 2, "device")), DtypeFromName(StringArg(info, 1, "dtype"))));
}
Napi::Value Detach(const Napi::CallbackInfo& info) { return Result(info, TensorArg(info, 0, "input").detach()); }
Napi::Value Clone(const Napi::CallbackInfo& info) { return Result(info, TensorArg(info, 0, "input").clone()); }
Napi::Value Contiguous(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").contiguous());
}
// copy_(target, source): in place, for loading weights; returns target's object unchanged.
Napi::Value CopyInPlace(const Napi::CallbackInfo& info) {
  at::Tensor target = TensorArg(info, 0, "target");
  target.copy_(TensorArg(info, 1, "source"));
  return info[0];
}
Napi::Value ZeroInPlace(const Napi::CallbackInfo& info) {
  at::Tensor target = TensorArg(info, 0, "target");
  target.zero_();
  return info[0];
}
Napi::Value CudaAvailable(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), at::hasCUDA());
}

// ---- elementwise

#define UNARY(Name, expression)                               \
  Napi::Value Name(const Napi::CallbackInfo& info) {          \
    const at::Tensor& x = TensorArg(info, 0, "input");        \
    return Result(info, expression);                          \
  }

UNARY(Neg, at::neg(x))
UNARY(Abs, at::abs(x))
UNARY(Exp, at::exp(x))
UNARY(Log, at::log(x))
UNARY(Sqrt, at::sqrt(x))
UNARY(Relu, at::relu(x))
UNARY(Sigmoid, at::sigmoid(x))
UNARY(Tanh, at::tanh(x))
#undef UNARY

Napi::Value LeakyRelu(const Napi::CallbackInfo& info) {
  return Result(info, at::leaky_relu(TensorArg(info, 0, "input"), DoubleArg(info, 1, "negativeSlope")));
}
Napi::Value Elu(const Napi::CallbackInfo& info) {
  return Result(info, at::elu(TensorArg(info, 0, "input"), DoubleArg(info, 1, "alpha")));
}
Napi::Value Pow(const Napi::CallbackInfo& info) {
  return Result(info, at::pow(TensorArg(info, 0, "input"), DoubleArg(info, 1, "exponent")));
}
// clamp(x, min | null, max | null)
Napi::Value Clamp(const Napi::CallbackInfo& info) {
  c10::optional<at::Scalar> low, high;
  if (!IsMissing(info, 1)) low = DoubleArg(info, 1, "min");
  if (!IsMissing(info, 2)) high = DoubleArg(info, 2, "max");
  return Result(info, at::clamp(TensorArg(info, 0, "input"), low, high));
}

// Binary ops take a Tensor or a number as their second argument, as PyTorch's do.
#define BINARY(Name, function)                                                 \
  Napi::Value Name(const Napi::CallbackInfo& info) {                           \
    const at::Tensor& a = TensorArg(info, 0, "input");                         \
    if (info[1].IsNumber()) return Result(info, function(a, at::Scalar(info[1].As<Napi::Number>().DoubleValue()))); \
    return Result(info, function(a, TensorArg(info, 1, "other")));             \
  }

BINARY(Add, at::add)
BINARY(Sub, at::sub)
BINARY(Mul, at::mul)
BINARY(Div, at::div)
BINARY(Eq, at::eq)
BINARY(Gt, at::gt)
BINARY(Lt, at::lt)
#undef BINARY

Napi::Value Maximum(const Napi::CallbackInfo& info) {
  return Result(info, at::maximum(TensorArg(info, 0, "input"), TensorArg(info, 1, "other")));
}
Napi::Value Minimum(const Napi::CallbackInfo& info) {
  return Result(info, at::minimum(TensorArg(info, 0, "input"), TensorArg(info, 1, "other")));
}
// where(condition, x, y)
Napi::Value Where(const Napi::CallbackInfo& info) {
  return Result(info, at::where(TensorArg(info, 0, "condition"), TensorArg(info, 1, "input"),
                                TensorArg(info, 2, "other")));
}

// ---- reductions: dims empty means all elements

#define REDUCTION(Name, function)                                            \
  Napi::Value Name(const Napi::CallbackInfo& info) {                         \
    const at::Tensor& x = TensorArg(info, 0, "input");                       \
    std::vector<int64_t> dims = IntListArg(info, 1, "dims");                 \
    bool keepdim = BoolArg(info, 2, "keepdim");                              \
    if (dims.empty()) return Result(info, function(x));                      \
    return Result(info, function(x, dims, keepdim));                         \
  }

REDUCTION(Sum, at::sum)
REDUCTION(Mean, at::mean)
#undef REDUCTION

Napi::Value Amax(const Napi::CallbackInfo& info) {
  return Result(info, at::amax(TensorArg(info, 0, "input"), IntListArg(info, 1, "dims"), BoolArg(info, 2, "keepdim")));
}
Napi::Value Amin(const Napi::CallbackInfo& info) {
  return Result(info, at::amin(TensorArg(info, 0, "input"), IntListArg(info, 1, "dims"), BoolArg(info, 2, "keepdim")));
}
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  return Result(info, at::softmax(TensorArg(info, 0, "input"), IntArg(info, 1, "dim")));
}
Napi::Value LogSoftmax(const Napi::CallbackInfo& info) {
  return Result(info, at::log_softmax(TensorArg(info, 0, "input"), IntArg(info, 1, "dim")));
}

// ---- shapes

Napi::Value Cat(const Napi::CallbackInfo& info) {
  return Result(info, at::cat(TensorListArg(info, 0, "tensors"), IntArg(info, 1, "dim")));
}
Napi::Value Stack(const Napi::CallbackInfo& info) {
  return Result(info, at::stack(TensorListArg(info, 0, "tensors"), IntArg(info, 1, "dim")));
}
// split(x, splitSize, dim) -> Tensor[]
Napi::Value Split(const Napi::CallbackInfo& info) {
  std::vector<at::Tensor> parts = at::split(TensorArg(info, 0, "input"), IntArg(info, 1, "splitSize"),
                                            IntArg(info, 2, "dim"));
  Napi::Array out = Napi::Array::New(info.Env(), parts.size());
  for (size_t i = 0; i < parts.size(); i++) out.Set(i, Result(info, parts[i]));
  return out;
}
Napi::Value View(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").view(IntListArg(info, 1, "shape")));
}
Napi::Value Reshape(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").reshape(IntListArg(info, 1, "shape")));
}
Napi::Value Permute(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").permute(IntListArg(info, 1, "dims")));
}
Napi::Value Transpose(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").transpose(IntArg(info, 1, "dim0"), IntArg(info, 2, "dim1")));
}
Napi::Value Narrow(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").narrow(IntArg(info, 1, "dim"), IntArg(info, 2, "start"),
                                                         IntArg(info, 3, "length")));
}
Napi::Value Unsqueeze(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").unsqueeze(IntArg(info, 1, "dim")));
}
Napi::Value Squeeze(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").squeeze(IntArg(info, 1, "dim")));
}
Napi::Value Expand(const Napi::CallbackInfo& info) {
  return Result(info, TensorArg(info, 0, "input").expand(IntListArg(info, 1, "shape")));
}

// ---- linear algebra and convolution

Napi::Value Matmul(const Napi::CallbackInfo& info) {
  return Result(info, at::matmul(TensorArg(info, 0, "input"), TensorArg(info, 1, "other")));
}
Napi::Value Bmm(const Napi::CallbackInfo& info) {
  return Result(info, at::bmm(TensorArg(info, 0, "input"), TensorArg(info, 1, "other")));
}
Napi::Value Linear(const Napi::CallbackInfo& info) {
  return Result(info, at::linear(TensorArg(info, 0, "input"), TensorArg(info, 1, "weight"),
                                 OptionalTensorArg(info, 2, "bias")));
}

}  // namespace

ConvolutionArgs ReadConvolutionArgs(const Napi::CallbackInfo& info) {
  return ConvolutionArgs{TensorArg(info, 0, "input"),
                         TensorArg(info, 1, "weight"),
                         OptionalTensorArg(info, 2, "bias"),
                         IntListArg(info, 3, "stride"),
                         IntListArg(info, 4, "padding"),
                         IntListArg(info, 5, "dilation"),
                         BoolArg(info, 6, "transposed"),
                         IntListArg(info, 7, "outputPadding"),
                         IntArg(info, 8, "groups")};
}

at::Tensor RunConvolution(const ConvolutionArgs& a) {
  return at::convolution(a.input, a.weight, a.bias, a.stride, a.padding, a.dilation, a.transposed,
                         a.outputPadding, a.groups);
}

namespace {

// convolution(input, weight, bias | null, stride, padding, dilation, transposed, outputPadding,
// groups): conv1d/2d/3d and their transposes, chosen by the input's rank and `transposed`.
Napi::Value Convolution(const Napi::CallbackInfo& info) { return Result(info, RunConvolution(ReadConvolutionArgs(info))); }

// ---- pooling, resampling, padding

// maxPool2d(x, kernel, stride, padding, dilation, ceilMode)
Napi::Value MaxPool2d(const Napi::CallbackInfo& info) {
  return Result(info, at::max_pool2d(TensorArg(info, 0, "input"), IntListArg(info, 1, "kernelSize"),
                                     IntListArg(info, 2, "stride"), IntListArg(info, 3, "padding"),
                                     IntListArg(info, 4, "dilation"), BoolArg(info, 5, "ceilMode")));
}
// avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad)
Napi::Value AvgPool2d(const Napi::CallbackInfo& info) {
  return Result(info, at::avg_pool2d(TensorArg(info, 0, "input"), IntListArg(info, 1, "kernelSize"),
                                     IntListArg(info, 2, "stride"), IntListArg(info, 3, "padding"),
                                     BoolArg(info, 4, "ceilMode"), BoolArg(info, 5, "countIncludePad")));
}
// interpolate(x, size | null, scaleFactor | null, mode, alignCorners | null)
Napi::Value Interpolate(const Napi::CallbackInfo& info) {
  namespace F = torch::nn::functional;
  F::InterpolateFuncOptions options;
  if (!IsMissing(info, 1)) options.size(IntListArg(info, 1, "size"));
  if (!IsMissing(info, 2)) options.scale_factor(DoubleListArg(info, 2, "scaleFactor"));
  std::string mode = StringArg(info, 3, "mode");
  if (mode == "nearest") {
    options.mode(torch::kNearest);
  } else if (mode == "bilinear") {
    options.mode(torch::kBilinear);
  } else if (mode == "bicubic") {
    options.mode(torch::kBicubic);
  } else {
    throw Napi::TypeError::New(info.Env(), "Expected one of nearest, bilinear, bicubic for mode but received \"" + mode + "\"");
  }
  if (!IsMissing(info, 4)) options.align_corners(BoolArg(info, 4, "alignCorners"));
  return Result(info, F::interpolate(TensorArg(info, 0, "input"), options));
}
// pad(x, pads, mode, value): pads as in PyTorch, last dimension first.
Napi::Value Pad(const Napi::CallbackInfo& info) {
  namespace F = torch::nn::functional;
  F::PadFuncOptions options(IntListArg(info, 1, "pad"));
  std::string mode = StringArg(info, 2, "mode");
  if (mode == "constant") {
    options.mode(torch::kConstant).value(DoubleArg(info, 3, "value"));
  } else if (mode == "reflect") {
    options.mode(torch::kReflect);
  } else if (mode == "replicate") {
    options.mode(torch::kReplicate);
  } else {
    throw Napi::TypeError::New(info.Env(), "Expected one of constant, reflect, replicate for mode but received \"" + mode + "\"");
  }
  return Result(info, F::pad(TensorArg(info, 0, "input"), options));
}
// gridSample(x, grid, mode, paddingMode, alignCorners)
Napi::Value GridSample(const Napi::CallbackInfo& info) {
  std::string mode = StringArg(info, 2, "mode");
  std::string padding = StringArg(info, 3, "paddingMode");
  int64_t modeCode = mode == "bilinear" ? 0 : mode == "nearest" ? 1 : mode == "bicubic" ? 2 : -1;
  int64_t paddingCode = padding == "zeros" ? 0 : padding == "border" ? 1 : padding == "reflection" ? 2 : -1;
  if (modeCode < 0) throw Napi::TypeError::New(info.Env(), "Expected one of bilinear, nearest, bicubic for mode but received \"" + mode + "\"");
  if (paddingCode < 0) throw Napi::TypeError::New(info.Env(), "Expected one of zeros, border, reflection for paddingMode but received \"" + padding + "\"");
  return Result(info, at::grid_sampler(TensorArg(info, 0, "input"), TensorArg(info, 1, "grid"), modeCode,
                                       paddingCode, BoolArg(info, 4, "alignCorners")));
}
// unfold(x, kernelSize, dilation, padding, stride)
Napi::Value Unfold(const Napi::CallbackInfo& info) {
  return Result(info, at::im2col(TensorArg(info, 0, "input"), IntListArg(info, 1, "kernelSize"),
                                 IntListArg(info, 2, "dilation"), IntListArg(info, 3, "padding"),
                                 IntListArg(info, 4, "stride")));
}
// fold(x, outputSize, kernelSize, dilation, padding, stride)
Napi::Value Fold(const Napi::CallbackInfo& info) {
  return Result(info, at::col2im(TensorArg(info, 0, "input"), IntListArg(info, 1, "outputSize"),
                                 IntListArg(info, 2, "kernelSize"), IntListArg(info, 3, "dilation"),
                                 IntListArg(info, 4, "padding"), IntListArg(info, 5, "stride")));
}

// ---- normalisation

// batchNorm(x, runningMean?, runningVar?, weight?, bias?, training, momentum, eps)
Napi::Value BatchNorm(const Napi::CallbackInfo& info) {
  return Result(info, at::batch_norm(TensorArg(info, 0, "input"), OptionalTensorArg(info, 3, "weight"),
                                     OptionalTensorArg(info, 4, "bias"), OptionalTensorArg(info, 1, "runningMean"),
                                     OptionalTensorArg(info, 2, "runningVar"), BoolArg(info, 5, "training"),
                                     DoubleArg(info, 6, "momentum"), DoubleArg(info, 7, "eps"), true));
}
// instanceNorm(x, runningMean?, runningVar?, weight?, bias?, useInputStats, momentum, eps)
Napi::Value InstanceNorm(const Napi::CallbackInfo& info) {
  return Result(info, at::instance_norm(TensorArg(info, 0, "input"), OptionalTensorArg(info, 3, "weight"),
                                        OptionalTensorArg(info, 4, "bias"), OptionalTensorArg(info, 1, "runningMean"),
                                        OptionalTensorArg(info, 2, "runningVar"), BoolArg(info, 5, "useInputStats"),
                                        DoubleArg(info, 6, "momentum"), DoubleArg(info, 7, "eps"), true));
}

// ---- autograd mode (thread-local in libtorch: it applies to calls made on this thread)

Napi::Value SetGradEnabled(const Napi::CallbackInfo& info) {
  at::GradMode::set_enabled(BoolArg(info, 0, "enabled"));
  return info.Env().Undefined();
}
Napi::Value IsGradEnabled(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled());
}

// ---- intra-op threads (one pool for the process: libtorch's OpenMP threads)

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  int64_t threads = IntArg(info, 0, "threads");
  if (threads < 1) throw Napi::RangeError::New(info.Env(), "Expected an integer >= 1 for threads");
  at::set_num_threads(static_cast<int>(threads));
  return info.Env().Undefined();
}
Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::get_num_threads());
}

}  // namespace

void DefineOps(Napi::Env env, Napi::Object exports) {
  const std::pair<const char*, NativeFn> ops[] = {
      {"zeros", Zeros}, {"ones", Ones}, {"full", Full}, {"randn", Randn}, {"rand", Rand},
      {"manualSeed", ManualSeed}, {"to", To}, {"detach", Detach}, {"clone", Clone},
      {"contiguous", Contiguous}, {"copy_", CopyInPlace}, {"zero_", ZeroInPlace},
      {"cudaAvailable", CudaAvailable},
      {"neg", Neg}, {"abs", Abs}, {"exp", Exp}, {"log", Log}, {"sqrt", Sqrt}, {"relu", Relu},
      {"sigmoid", Sigmoid}, {"tanh", Tanh}, {"leakyRelu", LeakyRelu}, {"elu", Elu}, {"pow", Pow},
      {"clamp", Clamp}, {"add", Add}, {"sub", Sub}, {"mul", Mul}, {"div", Div}, {"eq", Eq},
      {"gt", Gt}, {"lt", Lt}, {"maximum", Maximum}, {"minimum", Minimum}, {"where", Where},
      {"sum", Sum}, {"mean", Mean}, {"amax", Amax}, {"amin", Amin}, {"softmax", Softmax},
      {"logSoftmax", LogSoftmax}, {"cat", Cat}, {"stack", Stack}, {"split", Split}, {"view", View},
      {"reshape", Reshape}, {"permute", Permute}, {"transpose", Transpose}, {"narrow", Narrow},
      {"unsqueeze", Unsqueeze}, {"squeeze", Squeeze}, {"expand", Expand}, {"matmul", Matmul},
      {"bmm", Bmm}, {"linear", Linear}, {"convolution", Convolution}, {"maxPool2d", MaxPool2d},
      {"avgPool2d", AvgPool2d}, {"interpolate", Interpolate}, {"pad", Pad},
      {"gridSample", GridSample}, {"unfold", Unfold}, {"fold", Fold}, {"batchNorm", BatchNorm},
      {"instanceNorm", InstanceNorm}, {"setGradEnabled", SetGradEnabled},
      {"isGradEnabled", IsGradEnabled}, {"setNumThreads", SetNumThreads},
      {"getNumThreads", GetNumThreads},
  };
  for (const auto& [name, fn] : ops) Export(env, exports, name, fn);
}

}  // namespace inpaint
