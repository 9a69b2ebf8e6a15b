// gridLaplacianSolve: the exact solution of (I + λ L_w) x = b on a width x height pixel grid, L_w
// the weighted Laplacian of the 4-neighbour grid, for several right-hand sides (the linear system
// of each iteration of relative-total-variation smoothing, StructureFlow's tsmooth). A sparse
// Cholesky factorisation in float64 (up-looking, as CSparse's cs_chol) in a nested-dissection
// order of the grid (separator lines last, recursively), which keeps the factor's fill at
// O(n log n) and the work at O(n^1.5), where the row-by-row band costs n·width² / 2.
#include "grid_laplacian_solve.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "args.h"

namespace inpaint {

namespace {

// The pixels of the rectangle [x0,x1) x [y0,y1) in elimination order: both halves first, the line
// that separates them last.
void Dissect(int64_t x0, int64_t y0, int64_t x1, int64_t y1, int64_t width, std::vector<int64_t>& order) {
  const int64_t w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) return;
  if (w * h <= 16) {
    for (int64_t y = y0; y < y1; y++)
      for (int64_t x = x0; x < x1; x++) order.push_back(y * width + x);
    return;
  }
  if (w >= h) {
    const int64_t m = x0 + w / 2;
    Dissect(x0, y0, m, y1, width, order);
    Dissect(m + 1, y0, x1, y1, width, order);
    for (int64_t y = y0; y < y1; y++) order.push_back(y * width + m);
  } else {
    const int64_t m = y0 + h / 2;
    Dissect(x0, y0, x1, m, width, order);
    Dissect(x0, m + 1, x1, y1, width, order);
    for (int64_t x = x0; x < x1; x++) order.push_back(m * width + x);
  }
}

// The permuted matrix's upper triangle by columns (row indices < k, then the diagonal) and its
// Cholesky factor L by columns (the diagonal first).
class GridCholesky {
 public:
  GridCholesky(const double* right, const double* down, int64_t width, int64_t height, double lambda)
      : n_(width * height), order_(), position_(n_) {
    order_.reserve(n_);
    Dissect(0, 0, width, height, width, order_);
    for (int64_t k = 0; k < n_; k++) position_[order_[k]] = k;
    BuildMatrix(right, down, width, height, lambda);
    EliminationTree();
    Factor();
  }

  // x of L Lᵀ x = b in the original pixel order, b and x of n entries.
  void Solve(const double* b, double* x) const {
    std::vector<double> y(n_);
    for (int64_t k = 0; k < n_; k++) y[k] = b[order_[k]];
    for (int64_t j = 0; j < n_; j++) {
      y[j] /= lx_[lp_[j]];
      for (int64_t p = lp_[j] + 1; p < lp_[j + 1]; p++) y[li_[p]] -= lx_[p] * y[j];
    }
    for (int64_t j = n_ - 1; j >= 0; j--) {
      for (int64_t p = lp_[j] + 1; p < lp_[j + 1]; p++) y[j] -= lx_[p] * y[li_[p]];
      y[j] /= lx_[lp_[j]];
    }
    for (int64_t k = 0; k < n_; k++) x[order_[k]] = y[k];
  }

 private:
  void BuildMatrix(const double* right, const double* down, int64_t width, int64_t height, double lambda) {
    cp_.assign(n_ + 1, 0);
    ci_.reserve(3 * n_);
    cx_.reserve(3 * n_);
    for (int64_t k = 0; k < n_; k++) {
      const int64_t p = order_[k], y = p / width, x = p % width;
      double diagonal = 1;
      auto couple = [&](int64_t q, double weight) {
        diagonal += lambda * weight;
        if (position_[q] < k) {
          ci_.push_back(position_[q]);
          cx_.push_back(-lambda * weight);
        }
      };
      if (x > 0) couple(p - 1, right[p - 1]);
      if (x < width - 1) couple(p + 1, right[p]);
      if (y > 0) couple(p - width, down[p - width]);
      if (y < height - 1) couple(p + width, down[p]);
      ci_.push_back(k);
      cx_.push_back(diagonal);
      cp_[k + 1] = static_cast<int64_t>(ci_.size());
    }
  }

  // parent_[j]: the elimination tree (cs_etree).
  void EliminationTree() {
    parent_.assign(n_, -1);
    std::vector<int64_t> ancestor(n_, -1);
    for (int64_t k = 0; k < n_; k++) {
      for (int64_t p = cp_[k]; p < cp_[k + 1]; p++) {
        for (int64_t i = ci_[p]; i != -1 && i < k;) {
          const int64_t next = ancestor[i];
          ancestor[i] = k;
          if (next == -1) parent_[i] = k;
          i = next;
        }
      }
    }
  }

  // The pattern of row k of L (cs_ereach): the columns j < k with L(k,j) != 0, topologically
  // ordered, in stack[top..n). mark is all false on entry and on exit.
  int64_t RowPattern(int64_t k, std::vector<int64_t>& stack, std::vector<char>& mark) const {
    int64_t top = n_;
    mark[k] = 1;
    for (int64_t p = cp_[k]; p < cp_[k + 1]; p++) {
      int64_t length = 0;
      for (int64_t i = ci_[p]; !mark[i]; i = parent_[i]) {
        stack[length++] = i;
        mark[i] = 1;
      }
      while (length > 0) stack[--top] = stack[--length];
    }
    for (int64_t p = top; p < n_; p++) mark[stack[p]] = 0;
    mark[k] = 0;
    return top;
  }

  // Up-looking Cholesky (cs_chol): row k of L from a triangular solve with the rows above.
  void Factor() {
    std::vector<int64_t> stack(n_);
    std::vector<char> mark(n_, 0);
    std::vector<int64_t> counts(n_, 1);
    for (int64_t k = 0; k < n_; k++) {
      const int64_t top = RowPattern(k, stack, mark);
      for (int64_t p = top; p < n_; p++) counts[stack[p]]++;
    }
    lp_.assign(n_ + 1, 0);
    for (int64_t j = 0; j < n_; j++) lp_[j + 1] = lp_[j] + counts[j];
    li_.resize(lp_[n_]);
    lx_.resize(lp_[n_]);
    std::vector<int64_t> next(lp_.begin(), lp_.end() - 1);  // the next free entry of each column
    std::vector<double> row(n_, 0);
    for (int64_t k = 0; k < n_; k++) {
      const int64_t top = RowPattern(k, stack, mark);
      for (int64_t p = cp_[k]; p < cp_[k + 1]; p++) row[ci_[p]] = cx_[p];
      double diagonal = row[k];
      row[k] = 0;
      for (int64_t t = top; t < n_; t++) {
        const int64_t i = stack[t];
        const double lki = row[i] / lx_[lp_[i]];
        row[i] = 0;
        for (int64_t p = lp_[i] + 1; p < next[i]; p++) row[li_[p]] -= lx_[p] * lki;
        diagonal -= lki * lki;
        li_[next[i]] = static_cast<int32_t>(k);
        lx_[next[i]++] = lki;
      }
      if (!(diagonal > 0)) throw std::runtime_error("gridLaplacianSolve: the system is not positive definite");
      li_[next[k]] = static_cast<int32_t>(k);
      lx_[next[k]++] = std::sqrt(diagonal);
    }
  }

  int64_t n_;
  std::vector<int64_t> order_, position_;
  std::vector<int64_t> cp_, parent_, lp_;
  std::vector<int64_t> ci_;
  std::vector<int32_t> li_;
  std::vector<double> cx_, lx_;
};

Napi::Float64Array Float64ArrayArg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t length) {
  const Napi::Value value = info[index];
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(info.Env(), std::string("Expected a Float64Array for ") + name);
  }
  const Napi::Float64Array array = value.As<Napi::Float64Array>();
  if (array.ElementLength() != length) {
    throw Napi::RangeError::New(info.Env(), std::string("Expected ") + name + " of width x height = " +
                                                std::to_string(length) + " entries, got " +
                                                std::to_string(array.ElementLength()));
  }
  return array;
}

// gridLaplacianSolve(right, down, width, height, lambda, [b...]) -> [x...], every array a
// Float64Array of width*height entries in row-major order; right[p] weighs the edge from p to its
// right neighbour (ignored on the last column), down[p] the edge to the one below (ignored on the
// last row).
Napi::Value GridLaplacianSolve(const Napi::CallbackInfo& info) {
  const int64_t width = IntArg(info, 2, "width");
  const int64_t height = IntArg(info, 3, "height");
  if (width < 1 || height < 1) throw Napi::RangeError::New(info.Env(), "Expected width and height >= 1");
  const size_t n = static_cast<size_t>(width * height);
  const Napi::Float64Array right = Float64ArrayArg(info, 0, "right", n);
  const Napi::Float64Array down = Float64ArrayArg(info, 1, "down", n);
  const double lambda = DoubleArg(info, 4, "lambda");
  if (!info[5].IsArray()) throw Napi::TypeError::New(info.Env(), "Expected an array of right-hand sides");
  const Napi::Array sides = info[5].As<Napi::Array>();
  const GridCholesky system(right.Data(), down.Data(), width, height, lambda);
  Napi::Array solutions = Napi::Array::New(info.Env(), sides.Length());
  for (uint32_t s = 0; s < sides.Length(); s++) {
    const Napi::Value side = sides.Get(s);
    if (!side.IsTypedArray() || side.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
        side.As<Napi::Float64Array>().ElementLength() != n) {
      throw Napi::TypeError::New(info.Env(), "Expected every right-hand side a Float64Array of width x height entries");
    }
    Napi::Float64Array x = Napi::Float64Array::New(info.Env(), n);
    system.Solve(side.As<Napi::Float64Array>().Data(), x.Data());
    solutions.Set(s, x);
  }
  return solutions;
}

}  // namespace

void DefineGridLaplacianSolve(Napi::Env env, Napi::Object exports) {
  Export(env, exports, "gridLaplacianSolve", GridLaplacianSolve);
}

}  // namespace inpaint
