// Affine coupling (backend/cpu/AffineCouplingCpu.java): log-scale ls = 2·tanh(raw/2) written as
// 2·sign(raw)·(1−e^−|raw|)/(1+e^−|raw|); forward z = x·e^ls + shift, inverse x = (z − shift)·e^−ls.
// One thread per row: the log-determinant is summed in double in column order, as on the CPU.
#include "common.cuh"

__device__ __forceinline__ double ms_log_scale(double raw) {
  double t = exp(-fabs(raw));
  return 2.0 * copysign((1.0 - t) / (1.0 + t), raw);
}

extern "C" __global__ void ms_coupling_forward(const float* in, const float* shift, const float* raw, float* out,
                                               float* logdet, int fwd, int64_t rows, int64_t cols) {
  MS_GRID_STRIDE(r, rows) {
    double sum = 0.0;
    for (int64_t c = 0; c < cols; c++) {
      int64_t i = r * cols + c;
      double ls = ms_log_scale(raw[i]);
      sum += ls;
      double x = in[i], s = shift[i];
      out[i] = (float)(fwd ? x * exp(ls) + s : (x - s) * exp(-ls));
    }
    logdet[r] = (float)(fwd ? sum : -sum);
  }
}

// Any of gOut, gLogdet (inputs) and gIn, gShift, gRaw (outputs) may be null.
extern "C" __global__ void ms_coupling_backward(const float* in, const float* raw, const float* out,
                                                const float* gOut, const float* gLogdet, float* gIn,
                                                float* gShift, float* gRaw, int fwd, int64_t rows, int64_t cols) {
  MS_GRID_STRIDE(i, rows * cols) {
    int64_t r = i / cols;
    double gLd = gLogdet ? (double)gLogdet[r] : 0.0;
    double ls = ms_log_scale(raw[i]);
    double g = gOut ? (double)gOut[i] : 0.0;
    double e = exp(fwd ? ls : -ls);
    if (gIn) gIn[i] = (float)(g * e);
    if (gShift) gShift[i] = (float)(fwd ? g : -g * e);
    if (gRaw) {
      double dOut = fwd ? g * (double)in[i] * e : -g * (double)out[i];
      double dLs = dOut + (fwd ? gLd : -gLd);
      double h = 0.5 * ls;
      gRaw[i] = (float)(dLs * (1.0 - h * h));
    }
  }
}
