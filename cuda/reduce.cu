// Reduce over the middle axis of an [outer, n, inner] view (backend/cpu/ReduceCpu.java): sums in
// double, max with the first index on ties and NaN winning, and the two backwards.
#include "common.cuh"

extern "C" __global__ void ms_reduce_sum(const float* x, float* out, int64_t outer, int64_t n, int64_t inner,
                                         double scale) {
  MS_GRID_STRIDE(q, outer * inner) {
    int64_t r = q / inner, i = q % inner;
    const float* p = x + r * n * inner + i;
    double t = 0.0;
    for (int64_t j = 0; j < n; j++) t += p[j * inner];
    out[q] = (float)(t * scale);
  }
}

extern "C" __global__ void ms_reduce_max(const float* x, float* out, int* argmax, int64_t outer, int64_t n,
                                         int64_t inner) {
  MS_GRID_STRIDE(q, outer * inner) {
    int64_t r = q / inner, i = q % inner;
    const float* p = x + r * n * inner + i;
    float best = p[0];
    int arg = 0;
    for (int64_t j = 1; j < n; j++) {
      float v = p[j * inner];
      if (v > best || (isnan(v) && !isnan(best))) {
        best = v;
        arg = (int)j;
      }
    }
    out[q] = best;
    argmax[q] = arg;
  }
}

extern "C" __global__ void ms_reduce_sum_backward(const float* g, float* gx, int64_t outer, int64_t n,
                                                  int64_t inner, double scale) {
  MS_GRID_STRIDE(q, outer * n * inner) {
    int64_t r = q / (n * inner), i = q % inner;
    gx[q] = (float)((double)g[r * inner + i] * scale);
  }
}

extern "C" __global__ void ms_reduce_max_backward(const float* g, const int* argmax, float* gx, int64_t outer,
                                                  int64_t n, int64_t inner) {
  MS_GRID_STRIDE(q, outer * n * inner) {
    int64_t r = q / (n * inner), j = (q / inner) % n, i = q % inner;
    int64_t src = r * inner + i;
    gx[q] = argmax[src] == j ? g[src] : 0.0f;
  }
}
