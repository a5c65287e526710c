// Elementwise functions and their derivatives, in double: the formulas of
// tensor/ops/ElementwiseMath.java. `fn` is Elementwise.Fn's ordinal:
// EXP LOG LOG1P SOFTPLUS SIGMOID TANH GELU RELU ABS SQRT SQUARE LGAMMA DIGAMMA.
#include "common.cuh"

#define MS_SQRT_2_OVER_PI 0.7978845608028654
#define MS_GELU_C 0.044715

__device__ double ms_apply(int fn, double x) {
  switch (fn) {
    case 0: return exp(x);
    case 1: return log(x);
    case 2: return log1p(x);
    case 3: return ms_softplus(x);
    case 4: return ms_sigmoid(x);
    case 5: return tanh(x);
    case 6: return 0.5 * x * (1.0 + tanh(MS_SQRT_2_OVER_PI * (x + MS_GELU_C * x * x * x)));
    case 7: return x > 0 ? x : 0.0;
    case 8: return fabs(x);
    case 9: return sqrt(x);
    case 10: return x * x;
    case 11: return ms_lgamma(x);
    default: return ms_digamma(x);
  }
}

__device__ double ms_derivative(int fn, double x, double y) {
  switch (fn) {
    case 0: return y;
    case 1: return 1.0 / x;
    case 2: return 1.0 / (1.0 + x);
    case 3: return ms_sigmoid(x);
    case 4: return y * (1.0 - y);
    case 5: return 1.0 - y * y;
    case 6: {
      double u = MS_SQRT_2_OVER_PI * (x + MS_GELU_C * x * x * x);
      double t = tanh(u);
      double du = MS_SQRT_2_OVER_PI * (1.0 + 3.0 * MS_GELU_C * x * x);
      return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du;
    }
    case 7: return x > 0 ? 1.0 : 0.0;
    case 8: return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
    case 9: return 0.5 / y;
    case 10: return 2.0 * x;
    case 11: return ms_digamma(x);
    default: return ms_trigamma(x);
  }
}

extern "C" __global__ void ms_elementwise_forward(const float* x, float* out, int fn, int64_t n) {
  MS_GRID_STRIDE(i, n) { out[i] = (float)ms_apply(fn, (double)x[i]); }
}

// gx = g · fn'(x), from x and the saved output y (y is read as float, as the CPU reads it).
extern "C" __global__ void ms_elementwise_backward(const float* x, const float* y, const float* g, float* gx,
                                                   int fn, int64_t n) {
  MS_GRID_STRIDE(i, n) { gx[i] = (float)((double)g[i] * ms_derivative(fn, (double)x[i], (double)y[i])); }
}

// Clamp: out = min(max(x, lo), hi); gx = g where lo ≤ x ≤ hi (compared in double, as on the CPU).
extern "C" __global__ void ms_clamp_forward(const float* x, float* out, double lo, double hi, int64_t n) {
  MS_GRID_STRIDE(i, n) {
    double v = x[i];
    out[i] = (float)(v < lo ? lo : (v > hi ? hi : v));
  }
}

extern "C" __global__ void ms_clamp_backward(const float* x, const float* g, float* gx, double lo, double hi,
                                             int64_t n) {
  MS_GRID_STRIDE(i, n) {
    double v = x[i];
    gx[i] = v >= lo && v <= hi ? g[i] : 0.0f;
  }
}

// Where: out = mask ≠ 0 ? x : fill, the mask read through broadcast strides.
extern "C" __global__ void ms_where(const float* mask, const float* x, float* out, float fill, int64_t n,
                                    MS_SHAPE6, MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(i, n) { out[i] = mask[ms_offset6(i, shape, stM)] != 0.0f ? x[i] : fill; }
}

// MinMax: a chosen when it is NaN or a ≥ b (MAXIMUM, kind 0) / a ≤ b (MINIMUM, kind 1).
__device__ __forceinline__ bool ms_chooses_a(int kind, float a, float b) {
  return isnan(a) || (kind == 0 ? a >= b : a <= b);
}

extern "C" __global__ void ms_minmax_forward(const float* a, const float* b, float* out, int kind, int64_t n,
                                             MS_SHAPE6, MS_STRIDES6(sa), MS_STRIDES6(sb)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stA, sa);
  MS_STRIDES6_ARRAY(stB, sb);
  MS_GRID_STRIDE(i, n) {
    float x = a[ms_offset6(i, shape, stA)];
    float y = b[ms_offset6(i, shape, stB)];
    out[i] = ms_chooses_a(kind, x, y) ? x : y;
  }
}

// ga / gb may be null (not wanted).
extern "C" __global__ void ms_minmax_backward(const float* a, const float* b, const float* g, float* ga,
                                              float* gb, int kind, int64_t n, MS_SHAPE6, MS_STRIDES6(sa),
                                              MS_STRIDES6(sb)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stA, sa);
  MS_STRIDES6_ARRAY(stB, sb);
  MS_GRID_STRIDE(i, n) {
    bool toA = ms_chooses_a(kind, a[ms_offset6(i, shape, stA)], b[ms_offset6(i, shape, stB)]);
    float gi = g[i];
    if (ga) ga[i] = toA ? gi : 0.0f;
    if (gb) gb[i] = toA ? 0.0f : gi;
  }
}

// Dropout: out[i] = x[i]·(float)(1/(1−p)) when Philox's uniform u ≥ p, else 0 (Dropout.keep).
extern "C" __global__ void ms_dropout(const float* x, float* out, double p, float scale, int64_t seed,
                                      int64_t offset, int64_t n) {
  MS_GRID_STRIDE(i, n) {
    float u = ms_uniform(seed, offset, i);
    out[i] = (double)u >= p ? x[i] * scale : 0.0f;
  }
}

// BCE with logits, in double; mask (data dtype, nonzero = valid) read through strides, may be null.
extern "C" __global__ void ms_bce_forward(const float* z, const float* y, const float* mask, float* out,
                                          int64_t n, MS_SHAPE6, MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(i, n) {
    double v = 0.0;
    if (!mask || mask[ms_offset6(i, shape, stM)] != 0.0f) {
      double zi = z[i];
      v = fmax(zi, 0.0) - zi * (double)y[i] + log1p(exp(-fabs(zi)));
    }
    out[i] = (float)v;
  }
}

extern "C" __global__ void ms_bce_backward(const float* z, const float* y, const float* mask, const float* g,
                                           float* gz, float* gy, int64_t n, MS_SHAPE6, MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(i, n) {
    double dz = 0.0, dy = 0.0;
    if (!mask || mask[ms_offset6(i, shape, stM)] != 0.0f) {
      double zi = z[i];
      double gi = g[i];
      dz = gi * (ms_sigmoid(zi) - (double)y[i]);
      dy = -gi * zi;
    }
    if (gz) gz[i] = (float)dz;
    if (gy) gy[i] = (float)dy;
  }
}

// Gamma NLL: −(α log β + (α−1) log x − βx − lgamma α), in double; gradients wrt α and β.
extern "C" __global__ void ms_gamma_nll_forward(const float* x, const float* alpha, const float* beta,
                                                const float* mask, float* out, int64_t n, MS_SHAPE6,
                                                MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(i, n) {
    double v = 0.0;
    if (!mask || mask[ms_offset6(i, shape, stM)] != 0.0f) {
      double a = alpha[i], b = beta[i], t = x[i];
      v = -(a * log(b) + (a - 1) * log(t) - b * t - ms_lgamma(a));
    }
    out[i] = (float)v;
  }
}

extern "C" __global__ void ms_gamma_nll_backward(const float* x, const float* alpha, const float* beta,
                                                 const float* mask, const float* g, float* ga, float* gb,
                                                 int64_t n, MS_SHAPE6, MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(i, n) {
    double da = 0.0, db = 0.0;
    if (!mask || mask[ms_offset6(i, shape, stM)] != 0.0f) {
      double a = alpha[i], b = beta[i], t = x[i], gi = g[i];
      da = gi * (ms_digamma(a) - log(b) - log(t));
      db = gi * (t - a / b);
    }
    if (ga) ga[i] = (float)da;
    if (gb) gb[i] = (float)db;
  }
}
