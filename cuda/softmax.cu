// Masked softmax / log-softmax over the last axis (backend/cpu/SoftmaxCpu.java), one block per row.
// Masked entries are −∞ for the max and the sum and give 0; a row with no valid entry is all 0. The
// mask (data dtype, nonzero = valid) is read through broadcast strides over x's coalesced shape.
#include "common.cuh"

__device__ __forceinline__ bool ms_valid(const float* mask, int64_t flat, const int64_t* shape,
                                         const int64_t* st) {
  return !mask || mask[ms_offset6(flat, shape, st)] != 0.0f;
}

extern "C" __global__ void ms_softmax_forward(const float* x, const float* mask, float* out, int log_,
                                              int64_t rows, int64_t len, MS_SHAPE6, MS_STRIDES6(sm)) {
  __shared__ float red[32];
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* xr = x + r * len;
    float* orow = out + r * len;
    float mx = -INFINITY;
    for (int64_t j = threadIdx.x; j < len; j += blockDim.x)
      if (ms_valid(mask, r * len + j, shape, stM)) mx = fmaxf(mx, xr[j]);
    mx = ms_block_max(mx, red);
    if (mx == -INFINITY) {
      for (int64_t j = threadIdx.x; j < len; j += blockDim.x) orow[j] = 0.0f;
      continue;
    }
    float s = 0.0f;
    for (int64_t j = threadIdx.x; j < len; j += blockDim.x)
      if (ms_valid(mask, r * len + j, shape, stM)) s += expf(xr[j] - mx);
    s = ms_block_sum(s, red);
    float shift = mx + logf(s);
    float inv = 1.0f / s;
    for (int64_t j = threadIdx.x; j < len; j += blockDim.x) {
      float v = 0.0f;
      if (ms_valid(mask, r * len + j, shape, stM)) v = log_ ? xr[j] - shift : expf(xr[j] - mx) * inv;
      orow[j] = v;
    }
  }
}

// softmax: gx = y ⊙ (g − Σ g·y); log-softmax: gx = g − exp(y)·Σ g; sums over valid entries, 0 at masked.
extern "C" __global__ void ms_softmax_backward(const float* y, const float* mask, const float* g, float* gx,
                                               int log_, int64_t rows, int64_t len, MS_SHAPE6,
                                               MS_STRIDES6(sm)) {
  __shared__ float red[32];
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const float* yr = y + r * len;
    const float* gr = g + r * len;
    float acc = 0.0f;
    for (int64_t j = threadIdx.x; j < len; j += blockDim.x)
      if (ms_valid(mask, r * len + j, shape, stM)) acc += log_ ? gr[j] : gr[j] * yr[j];
    acc = ms_block_sum(acc, red);
    for (int64_t j = threadIdx.x; j < len; j += blockDim.x) {
      float v = 0.0f;
      if (ms_valid(mask, r * len + j, shape, stM)) v = log_ ? gr[j] - expf(yr[j]) * acc : yr[j] * (gr[j] - acc);
      gx[r * len + j] = v;
    }
  }
}

// Gumbel-softmax, one thread per row (rows are short: a parent choice among n). Noise γ = −log(−log u)
// from Philox at the element's flat index, in double then rounded (bit-identical uniforms to the CPU);
// z = (x + γ)·(1/τ) in float; hard = one-hot of the first argmax of z over valid entries.
extern "C" __global__ void ms_gumbel_softmax_forward(const float* logits, const float* mask, float* hard,
                                                     float* soft, float invTau, int noise, int64_t seed,
                                                     int64_t offset, int64_t rows, int64_t len, MS_SHAPE6,
                                                     MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(r, rows) {
    const int64_t base = r * len;
    int arg = -1;
    float mx = -INFINITY;
    // Pass 1: the argmax (z recomputed below: no per-row scratch).
    for (int64_t j = 0; j < len; j++) {
      if (!ms_valid(mask, base + j, shape, stM)) continue;
      float gam = noise ? (float)-log(-log((double)ms_uniform(seed, offset, base + j))) : 0.0f;
      float z = noise ? (logits[base + j] + gam) * invTau : logits[base + j] * invTau;
      if (arg < 0 || z > mx) {
        mx = z;
        arg = (int)j;
      }
    }
    if (arg < 0 || mx == -INFINITY) {
      for (int64_t j = 0; j < len; j++) {
        soft[base + j] = 0.0f;
        hard[base + j] = 0.0f;
      }
      continue;
    }
    float s = 0.0f;
    for (int64_t j = 0; j < len; j++) {
      float e = 0.0f;
      if (ms_valid(mask, base + j, shape, stM)) {
        float gam = noise ? (float)-log(-log((double)ms_uniform(seed, offset, base + j))) : 0.0f;
        float z = noise ? (logits[base + j] + gam) * invTau : logits[base + j] * invTau;
        e = expf(z - mx);
      }
      soft[base + j] = e;
      s += e;
    }
    float inv = 1.0f / s;
    for (int64_t j = 0; j < len; j++) {
      soft[base + j] *= inv;
      hard[base + j] = j == arg ? 1.0f : 0.0f;
    }
  }
}

// gx = soft ⊙ (g − Σ_valid g·soft)/τ (dot in double), 0 at masked entries.
extern "C" __global__ void ms_gumbel_softmax_backward(const float* soft, const float* mask, const float* g,
                                                      float* gx, double invTau, int64_t rows, int64_t len,
                                                      MS_SHAPE6, MS_STRIDES6(sm)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stM, sm);
  MS_GRID_STRIDE(r, rows) {
    const int64_t base = r * len;
    double dot = 0.0;
    for (int64_t j = 0; j < len; j++)
      if (ms_valid(mask, base + j, shape, stM)) dot += (double)g[base + j] * soft[base + j];
    for (int64_t j = 0; j < len; j++)
      gx[base + j] = ms_valid(mask, base + j, shape, stM)
          ? (float)(soft[base + j] * (g[base + j] - dot) * invTau) : 0.0f;
  }
}
