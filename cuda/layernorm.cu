// LayerNorm over the last axis (backend/cpu/LayerNormCpu.java). Row statistics in double, two passes;
// γ/β gradients summed per fixed chunk of rows then the chunks in order: bit-identical run to run.
#include "common.cuh"

extern "C" __global__ void ms_layernorm_forward(const float* x, const float* gamma, const float* beta,
                                                float* out, float* mean, float* rstd, double eps,
                                                int64_t rows, int64_t d) {
  __shared__ double red[32];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* xr = x + r * d;
    double s = 0.0;
    for (int64_t j = threadIdx.x; j < d; j += blockDim.x) s += xr[j];
    double m = ms_block_sum(s, red) / d;
    double v = 0.0;
    for (int64_t j = threadIdx.x; j < d; j += blockDim.x) {
      double c = xr[j] - m;
      v += c * c;
    }
    v = ms_block_sum(v, red);
    float mf = (float)m;
    float inv = (float)(1.0 / sqrt(v / d + eps));
    for (int64_t j = threadIdx.x; j < d; j += blockDim.x)
      out[r * d + j] = (xr[j] - mf) * inv * gamma[j] + beta[j];
    if (threadIdx.x == 0) {
      mean[r] = mf;
      rstd[r] = inv;
    }
  }
}

// gx = rstd·(dy − mean(dy) − x̂·mean(dy·x̂)), dy = g·γ; one block per row.
extern "C" __global__ void ms_layernorm_backward_x(const float* x, const float* gamma, const float* mean,
                                                   const float* rstd, const float* g, float* gx, int64_t rows,
                                                   int64_t d) {
  __shared__ float red[32];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float m = mean[r], inv = rstd[r];
    float a = 0.0f, b = 0.0f;
    for (int64_t j = threadIdx.x; j < d; j += blockDim.x) {
      float xh = (x[r * d + j] - m) * inv;
      float dy = g[r * d + j] * gamma[j];
      a += dy;
      b += dy * xh;
    }
    a = ms_block_sum(a, red) / d;
    b = ms_block_sum(b, red) / d;
    for (int64_t j = threadIdx.x; j < d; j += blockDim.x) {
      float xh = (x[r * d + j] - m) * inv;
      float dy = g[r * d + j] * gamma[j];
      gx[r * d + j] = inv * (dy - a - xh * b);
    }
  }
}

// Stage 1: per chunk of rows, per column, Σ g·x̂ and Σ g in double.
extern "C" __global__ void ms_layernorm_backward_params(const float* x, const float* mean, const float* rstd,
                                                        const float* g, double* pGamma, double* pBeta,
                                                        int64_t rows, int64_t d, int64_t chunkRows) {
  int64_t chunk = blockIdx.x;
  int64_t r0 = chunk * chunkRows, r1 = min(rows, r0 + chunkRows);
  for (int64_t j = threadIdx.x; j < d; j += blockDim.x) {
    double ag = 0.0, ab = 0.0;
    for (int64_t r = r0; r < r1; r++) {
      float xh = (x[r * d + j] - mean[r]) * rstd[r];
      float gj = g[r * d + j];
      ag += gj * xh;
      ab += gj;
    }
    pGamma[chunk * d + j] = ag;
    pBeta[chunk * d + j] = ab;
  }
}

// Stage 2: chunks added in order; either output may be null.
extern "C" __global__ void ms_layernorm_combine(const double* pGamma, const double* pBeta, float* gGamma,
                                                float* gBeta, int64_t chunks, int64_t d) {
  MS_GRID_STRIDE(j, d) {
    double tg = 0.0, tb = 0.0;
    for (int64_t c = 0; c < chunks; c++) {
      tg += pGamma[c * d + j];
      tb += pBeta[c * d + j];
    }
    if (gGamma) gGamma[j] = (float)tg;
    if (gBeta) gBeta[j] = (float)tb;
  }
}
