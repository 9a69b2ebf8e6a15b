// Heavy operations run on libuv's thread pool and return a Promise, so the JavaScript thread stays
// free. Only convolution has an async variant so far.
#include "async_ops.h"

#include <ATen/Parallel.h>

#include "args.h"
#include "ops.h"
#include "tensor.h"

namespace inpaint {

namespace {

class ConvolutionWorker : public Napi::AsyncWorker {
 public:
  ConvolutionWorker(Napi::Env env, ConvolutionArgs args)
      : Napi::AsyncWorker(env),
        args_(std::move(args)),
        deferred_(Napi::Promise::Deferred::New(env)),
        // Grad mode and OpenMP's thread count are per thread: carry the caller's into the pool
        // thread.
        gradEnabled_(at::GradMode::is_enabled()),
        threads_(at::get_num_threads()) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      at::AutoGradMode mode(gradEnabled_);
      if (at::get_num_threads() != threads_) at::set_num_threads(threads_);
      result_ = RunConvolution(args_);
    } catch (const c10::Error& error) {
      SetError(error.what_without_backtrace());
    } catch (const std::exception& error) {
      SetError(error.what());
    }
  }

  void OnOK() override { deferred_.Resolve(TensorWrap::Wrap(Env(), std::move(result_))); }
  void OnError(const Napi::Error& error) override { deferred_.Reject(error.Value()); }

 private:
  ConvolutionArgs args_;
  Napi::Promise::Deferred deferred_;
  bool gradEnabled_;
  int threads_;
  at::Tensor result_;
};

// convolutionAsync(same arguments as convolution) -> Promise<Tensor>
Napi::Value ConvolutionAsync(const Napi::CallbackInfo& info) {
  auto* worker = new ConvolutionWorker(info.Env(), ReadConvolutionArgs(info));
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

}  // namespace

void DefineAsyncOps(Napi::Env env, Napi::Object exports) {
  Export(env, exports, "convolutionAsync", ConvolutionAsync);
}

}  // namespace inpaint
