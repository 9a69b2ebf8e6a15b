// StructureFlow's Gaussian sampling (RenYurui/StructureFlow, resample2d_package): every output
// pixel is the Gaussian-weighted mean of a k x k window of input taps around the position the
// flow points at, with clamped indices, as the official CUDA kernel computes it, on CPU, as an
// autograd function. Its backward is the exact gradient of the forward: the official CUDA
// backward of the input takes the fraction with int() (truncation) where the forward floors, so
// it differs from this one wherever x + dx < 0 or y + dy < 0; the flow gradient is the official
// one (the derivative of the normalised weights; the integer taps move in steps, no gradient).
#include "resample2d.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cmath>
#include <vector>

#include "args.h"

namespace inpaint {

namespace {

// The taps of one image: for each pixel, k*k flat input indices and normalised weights, and
// the derivatives of the normalised weights with respect to the fractions alpha (x) and beta (y).
template <typename scalar_t>
struct Taps {
  int64_t count;  // taps per pixel: k * k
  std::vector<int64_t> index;
  std::vector<scalar_t> weight, dAlpha, dBeta;
};

template <typename scalar_t>
Taps<scalar_t> ComputeTaps(const scalar_t* flow, int64_t h, int64_t w, int64_t inH, int64_t inW, int64_t k,
                           int64_t dilation, double sigma, bool withDerivatives) {
  const int64_t half = k / 2;
  Taps<scalar_t> taps{half * half * 4, {}, {}, {}, {}};
  const int64_t pixels = h * w;
  taps.index.resize(pixels * taps.count);
  taps.weight.resize(pixels * taps.count);
  if (withDerivatives) {
    taps.dAlpha.resize(pixels * taps.count);
    taps.dBeta.resize(pixels * taps.count);
  }
  const double twoSigma2 = 2 * sigma * sigma;
  const double sigma2 = sigma * sigma;
  auto gauss = [&](double d) { return twoSigma2 == 0 ? std::exp(-d * d / 1e-8) : std::exp(-d * d / twoSigma2); };
  auto clampTo = [](int64_t v, int64_t size) { return std::max<int64_t>(std::min<int64_t>(v, size - 1), 0); };
  at::parallel_for(0, pixels, 64, [&](int64_t begin, int64_t end) {
    std::vector<double> raw(taps.count), rawDA(taps.count), rawDB(taps.count);
    for (int64_t p = begin; p < end; p++) {
      const int64_t y = p / w, x = p % w;
      const double xf = x + static_cast<double>(flow[p]);
      const double yf = y + static_cast<double>(flow[pixels + p]);
      const double fx0 = std::floor(xf), fy0 = std::floor(yf);
      const double alpha = xf - fx0, beta = yf - fy0;
      double sum = 0, sumDA = 0, sumDB = 0;
      int64_t t = 0;
      for (int64_t fy = 0; fy < half; fy++) {
        const int64_t yT = clampTo(static_cast<int64_t>(fy0) - fy * dilation, inH);
        const int64_t yB = clampTo(static_cast<int64_t>(fy0) + (fy + 1) * dilation, inH);
        const double yTd = fy * dilation + beta, yBd = (fy + 1) * dilation - beta;
        const double yTP = gauss(yTd), yBP = gauss(yBd);
        // d/dbeta of exp(-d^2 / 2 sigma^2) with d = +-beta + c: -+d / sigma^2 * P.
        const double yTdP = -yTd / sigma2 * yTP, yBdP = yBd / sigma2 * yBP;
        for (int64_t fx = 0; fx < half; fx++) {
          const int64_t xL = clampTo(static_cast<int64_t>(fx0) - fx * dilation, inW);
          const int64_t xR = clampTo(static_cast<int64_t>(fx0) + (fx + 1) * dilation, inW);
          const double xLd = fx * dilation + alpha, xRd = (fx + 1) * dilation - alpha;
          const double xLP = gauss(xLd), xRP = gauss(xRd);
          const double xLdP = -xLd / sigma2 * xLP, xRdP = xRd / sigma2 * xRP;
          const int64_t rows[4] = {yT, yT, yB, yB}, cols[4] = {xL, xR, xL, xR};
          const double wy[4] = {yTP, yTP, yBP, yBP}, wx[4] = {xLP, xRP, xLP, xRP};
          const double dwy[4] = {yTdP, yTdP, yBdP, yBdP}, dwx[4] = {xLdP, xRdP, xLdP, xRdP};
          for (int j = 0; j < 4; j++, t++) {
            taps.index[p * taps.count + t] = rows[j] * inW + cols[j];
            raw[t] = wy[j] * wx[j];
            rawDA[t] = wy[j] * dwx[j];
            rawDB[t] = dwy[j] * wx[j];
            sum += raw[t];
            sumDA += rawDA[t];
            sumDB += rawDB[t];
          }
        }
      }
      const double norm = sum == 0 ? 1e8 : 1 / sum;
      for (t = 0; t < taps.count; t++) {
        taps.weight[p * taps.count + t] = static_cast<scalar_t>(raw[t] * norm);
        if (withDerivatives) {
          // d(w/S) = dw/S - w dS/S^2.
          taps.dAlpha[p * taps.count + t] = static_cast<scalar_t>(rawDA[t] * norm - raw[t] * sumDA * norm * norm);
          taps.dBeta[p * taps.count + t] = static_cast<scalar_t>(rawDB[t] * norm - raw[t] * sumDB * norm * norm);
        }
      }
    }
  });
  return taps;
}

at::Tensor Forward(const at::Tensor& input, const at::Tensor& flow, int64_t k, int64_t dilation, double sigma) {
  const int64_t batch = input.size(0), channels = input.size(1), inH = input.size(2), inW = input.size(3);
  const int64_t h = flow.size(2), w = flow.size(3), pixels = h * w;
  at::Tensor output = at::empty({batch, channels, h, w}, input.options());
  AT_DISPATCH_FLOATING_TYPES(input.scalar_type(), "resample2d", [&] {
    for (int64_t b = 0; b < batch; b++) {
      const Taps<scalar_t> taps = ComputeTaps<scalar_t>(flow[b].data_ptr<scalar_t>(), h, w, inH, inW, k, dilation, sigma, false);
      const scalar_t* in = input[b].data_ptr<scalar_t>();
      scalar_t* out = output[b].data_ptr<scalar_t>();
      at::parallel_for(0, channels, 1, [&](int64_t begin, int64_t end) {
        for (int64_t c = begin; c < end; c++) {
          const scalar_t* plane = in + c * inH * inW;
          for (int64_t p = 0; p < pixels; p++) {
            scalar_t value = 0;
            for (int64_t t = 0; t < taps.count; t++) value += taps.weight[p * taps.count + t] * plane[taps.index[p * taps.count + t]];
            out[c * pixels + p] = value;
          }
        }
      });
    }
  });
  return output;
}

// Gradients of input and flow given the output's gradient.
std::pair<at::Tensor, at::Tensor> Backward(const at::Tensor& input, const at::Tensor& flow, const at::Tensor& gradOutput,
                                           int64_t k, int64_t dilation, double sigma) {
  const int64_t batch = input.size(0), channels = input.size(1), inH = input.size(2), inW = input.size(3);
  const int64_t h = flow.size(2), w = flow.size(3), pixels = h * w;
  at::Tensor gradInput = at::zeros_like(input);
  at::Tensor gradFlow = at::zeros_like(flow);
  AT_DISPATCH_FLOATING_TYPES(input.scalar_type(), "resample2d_backward", [&] {
    for (int64_t b = 0; b < batch; b++) {
      const Taps<scalar_t> taps = ComputeTaps<scalar_t>(flow[b].data_ptr<scalar_t>(), h, w, inH, inW, k, dilation, sigma, true);
      const scalar_t* in = input[b].data_ptr<scalar_t>();
      const scalar_t* g = gradOutput[b].data_ptr<scalar_t>();
      scalar_t* gIn = gradInput[b].data_ptr<scalar_t>();
      scalar_t* gFlow = gradFlow[b].data_ptr<scalar_t>();
      at::parallel_for(0, channels, 1, [&](int64_t begin, int64_t end) {
        for (int64_t c = begin; c < end; c++) {
          scalar_t* plane = gIn + c * inH * inW;
          for (int64_t p = 0; p < pixels; p++) {
            const scalar_t gp = g[c * pixels + p];
            for (int64_t t = 0; t < taps.count; t++) plane[taps.index[p * taps.count + t]] += taps.weight[p * taps.count + t] * gp;
          }
        }
      });
      at::parallel_for(0, pixels, 64, [&](int64_t begin, int64_t end) {
        for (int64_t p = begin; p < end; p++) {
          scalar_t gx = 0, gy = 0;
          for (int64_t c = 0; c < channels; c++) {
            const scalar_t* plane = in + c * inH * inW;
            const scalar_t gp = g[c * pixels + p];
            for (int64_t t = 0; t < taps.count; t++) {
              const scalar_t v = plane[taps.index[p * taps.count + t]] * gp;
              gx += taps.dAlpha[p * taps.count + t] * v;
              gy += taps.dBeta[p * taps.count + t] * v;
            }
          }
          gFlow[p] = gx;
          gFlow[pixels + p] = gy;
        }
      });
    }
  });
  return {gradInput, gradFlow};
}

class Resample2dFunction : public torch::autograd::Function<Resample2dFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& input, const at::Tensor& flow,
                            int64_t k, int64_t dilation, double sigma) {
    ctx->save_for_backward({input, flow});
    ctx->saved_data["k"] = k;
    ctx->saved_data["dilation"] = dilation;
    ctx->saved_data["sigma"] = sigma;
    return Forward(input, flow, k, dilation, sigma);
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    auto [gradInput, gradFlow] = Backward(saved[0], saved[1], grads[0].contiguous(), ctx->saved_data["k"].toInt(),
                                          ctx->saved_data["dilation"].toInt(), ctx->saved_data["sigma"].toDouble());
    return {gradInput, gradFlow, at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

// resample2d(input [B,C,H,W], flow [B,2,h,w], kernelSize, dilation, sigma) -> [B,C,h,w]
Napi::Value Resample2d(const Napi::CallbackInfo& info) {
  const at::Tensor& input = TensorArg(info, 0, "input");
  const at::Tensor& flow = TensorArg(info, 1, "flow");
  if (input.dim() != 4 || flow.dim() != 4 || flow.size(1) != 2 || flow.size(0) != input.size(0)) {
    throw Napi::TypeError::New(info.Env(), "Expected input [B,C,H,W] and flow [B,2,h,w] with the same B");
  }
  if (input.device().type() != at::kCPU || flow.device().type() != at::kCPU) {
    throw Napi::TypeError::New(info.Env(), "resample2d runs on the CPU only");
  }
  const int64_t k = IntArg(info, 2, "kernelSize");
  if (k < 2) throw Napi::RangeError::New(info.Env(), "Expected kernelSize >= 2");
  const at::Tensor flowAsInput = flow.to(input.scalar_type()).contiguous();
  return Result(info, Resample2dFunction::apply(input.contiguous(), flowAsInput, k, IntArg(info, 3, "dilation"),
                                                DoubleArg(info, 4, "sigma")));
}

}  // namespace

void DefineResample2d(Napi::Env env, Napi::Object exports) { Export(env, exports, "resample2d", Resample2d); }

}  // namespace inpaint
