// Tensor operations exported to JavaScript, and the convolution shared with its async variant.
#pragma once

#include <napi.h>
#include <ATen/ATen.h>

#include <vector>

namespace inpaint {

void DefineOps(Napi::Env env, Napi::Object exports);

// The arguments of convolution(), copied out of the JavaScript call so that another thread can
// run it (the tensors are reference-counted handles: disposing the JavaScript objects meanwhile
// does not free them).
struct ConvolutionArgs {
  at::Tensor input, weight, bias;
  std::vector<int64_t> stride, padding, dilation;
  bool transposed;
  std::vector<int64_t> outputPadding;
  int64_t groups;
};

ConvolutionArgs ReadConvolutionArgs(const Napi::CallbackInfo& info);
at::Tensor RunConvolution(const ConvolutionArgs& args);

}  // namespace inpaint
