// Optimiser kernels (train/AdamWCpu.java, train/GradClipCpu.java). The AdamW step uses round-to-
// nearest intrinsics so nothing is fused into an FMA: float for float the CPU's F32 order.
#include "common.cuh"

#ifdef MS_HOST_EMULATION
#define MS_ADD(a, b) ((a) + (b))
#define MS_SUB(a, b) ((a) - (b))
#define MS_MUL(a, b) ((a) * (b))
#define MS_DIV(a, b) ((a) / (b))
#else
#define MS_ADD(a, b) __fadd_rn(a, b)
#define MS_SUB(a, b) __fsub_rn(a, b)
#define MS_MUL(a, b) __fmul_rn(a, b)
#define MS_DIV(a, b) __fdiv_rn(a, b)
#endif

// p ← p·decay − step·m / (√v / bc + eps) after m ← m + c1·(g − m), v ← b2·v + c2·g².
extern "C" __global__ void ms_adamw_step(float* p, const float* g, float* m, float* v, float decay, float b2,
                                         float c1, float c2, float step, float bc, float eps, int64_t n) {
  MS_GRID_STRIDE(i, n) {
    float gi = g[i];
    float m0 = m[i];
    float mi = MS_ADD(m0, MS_MUL(c1, MS_SUB(gi, m0)));
    float vi = MS_ADD(MS_MUL(b2, v[i]), MS_MUL(MS_MUL(c2, gi), gi));
    float pi = MS_MUL(p[i], decay);
    pi = MS_SUB(pi, MS_DIV(MS_MUL(step, mi), MS_ADD(MS_DIV(sqrtf(vi), bc), eps)));
    m[i] = mi;
    v[i] = vi;
    p[i] = pi;
  }
}

// Σ g² in double: one block per chunk of `chunk` elements (fixed-order block sum), then the chunks in
// order by one thread. The result does not depend on scheduling.
extern "C" __global__ void ms_sum_squares_partial(const float* g, double* partial, int64_t n, int64_t chunk) {
  __shared__ double red[32];
  for (int64_t c = blockIdx.x; c * chunk < n; c += gridDim.x) {
    int64_t end = min(n, (c + 1) * chunk);
    double acc = 0.0;
    for (int64_t i = c * chunk + threadIdx.x; i < end; i += blockDim.x) {
      double x = g[i];
      acc += x * x;
    }
    acc = ms_block_sum(acc, red);
    if (threadIdx.x == 0) partial[c] = acc;
  }
}

extern "C" __global__ void ms_sum_squares_combine(const double* partial, double* out, int64_t chunks) {
  if (blockIdx.x == 0 && threadIdx.x == 0) {
    double s = 0.0;
    for (int64_t c = 0; c < chunks; c++) s += partial[c];
    out[0] = s;
  }
}

// g ← g·factor, in double as on the CPU.
extern "C" __global__ void ms_scale_inplace(float* g, double factor, int64_t n) {
  MS_GRID_STRIDE(i, n) { g[i] = (float)((double)g[i] * factor); }
}
