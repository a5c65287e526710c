// Arith: broadcasting add/sub/mul/div, in-place add, affine, and the sum back to a broadcast shape.
// Mirrors backend/cpu/ArithCpu.java (float ops of floats round exactly like the CPU's double ops).
#include "common.cuh"

__device__ __forceinline__ float ms_arith(int kind, float x, float y) {
  switch (kind) {
    case 0: return x + y;
    case 1: return x - y;
    case 2: return x * y;
    default: return x / y;
  }
}

// out = a (kind) b; a and b read through broadcast strides over out's coalesced shape.
extern "C" __global__ void ms_arith_binary(const float* a, const float* b, float* out, int kind, int64_t n,
                                           MS_SHAPE6, MS_STRIDES6(sa), MS_STRIDES6(sb)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(stA, sa);
  MS_STRIDES6_ARRAY(stB, sb);
  MS_GRID_STRIDE(i, n) {
    out[i] = ms_arith(kind, a[ms_offset6(i, shape, stA)], b[ms_offset6(i, shape, stB)]);
  }
}

// Same shapes: the common case without index arithmetic.
extern "C" __global__ void ms_arith_same(const float* a, const float* b, float* out, int kind, int64_t n) {
  MS_GRID_STRIDE(i, n) { out[i] = ms_arith(kind, a[i], b[i]); }
}

extern "C" __global__ void ms_add_inplace(float* dst, const float* src, int64_t n) {
  MS_GRID_STRIDE(i, n) { dst[i] = dst[i] + src[i]; }
}

// out = x·scale + shift in double, as the CPU computes it.
extern "C" __global__ void ms_affine(const float* x, float* out, double scale, double shift, int64_t n) {
  MS_GRID_STRIDE(i, n) { out[i] = (float)((double)x[i] * scale + shift); }
}

// dst[o] = Σ src over the reduced axes, accumulated in double. The host splits src's axes into kept
// ones (whose row-major walk is dst's order) and reduced ones, each ≤ 6 after coalescing.
extern "C" __global__ void ms_sum_to(const float* src, float* dst, int64_t outN, int64_t redN,
                                     MS_STRIDES6(kn), MS_STRIDES6(ks), MS_STRIDES6(rn), MS_STRIDES6(rs)) {
  MS_STRIDES6_ARRAY(keptN, kn);
  MS_STRIDES6_ARRAY(keptS, ks);
  MS_STRIDES6_ARRAY(redNs, rn);
  MS_STRIDES6_ARRAY(redS, rs);
  MS_GRID_STRIDE(o, outN) {
    int64_t base = ms_offset6(o, keptN, keptS);
    double t = 0.0;
    for (int64_t r = 0; r < redN; r++) t += src[base + ms_offset6(r, redNs, redS)];
    dst[o] = (float)t;
  }
}

// Leading axes reduced (a bias gradient): rows×cols summed in fixed chunks of rows, stage 1 writes one
// double partial per (chunk, column); stage 2 adds the chunks in order. Deterministic, coalesced.
extern "C" __global__ void ms_sum_rows_partial(const float* src, double* partial, int64_t rows, int64_t cols,
                                               int64_t chunkRows) {
  int64_t chunk = blockIdx.x;
  int64_t r0 = chunk * chunkRows;
  int64_t r1 = min(rows, r0 + chunkRows);
  for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
    double t = 0.0;
    for (int64_t r = r0; r < r1; r++) t += src[r * cols + j];
    partial[chunk * cols + j] = t;
  }
}

extern "C" __global__ void ms_sum_rows_combine(const double* partial, float* dst, int64_t chunks, int64_t cols) {
  MS_GRID_STRIDE(j, cols) {
    double t = 0.0;
    for (int64_t c = 0; c < chunks; c++) t += partial[c * cols + j];
    dst[j] = (float)t;
  }
}
