// Shared helpers for Mainspring kernels. Every kernel file includes this; keep it small.
#pragma once
#include <cstdint>

#define MS_PI 3.14159265358979323846

// Grid-stride loop: one launch covers any n without recomputing the grid per size.
#define MS_GRID_STRIDE(i, n) \
  for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < (int64_t)(n); \
       i += (int64_t)blockDim.x * gridDim.x)

// Broadcast layouts: the host coalesces a walk over an output shape into at most 6 axes (padded in
// front with size-1 axes) and passes, per operand, the stride of each axis (0 where it broadcasts).
// See backend/cuda/Strided.java.
#define MS_SHAPE6 int64_t n0, int64_t n1, int64_t n2, int64_t n3, int64_t n4, int64_t n5
#define MS_STRIDES6(p) int64_t p##0, int64_t p##1, int64_t p##2, int64_t p##3, int64_t p##4, int64_t p##5
#define MS_SHAPE6_ARRAY(name) const int64_t name[6] = {n0, n1, n2, n3, n4, n5}
#define MS_STRIDES6_ARRAY(name, p) const int64_t name[6] = {p##0, p##1, p##2, p##3, p##4, p##5}

// Offset in an operand of the element at row-major flat index `flat` of the (coalesced) shape.
__device__ __forceinline__ int64_t ms_offset6(int64_t flat, const int64_t* n, const int64_t* s) {
  int64_t off = 0;
#pragma unroll
  for (int d = 5; d >= 0; d--) {
    int64_t i = flat % n[d];
    flat /= n[d];
    off += i * s[d];
  }
  return off;
}

// Index kernels report the first out-of-range index here (code, position, value, bound) and read
// nothing outside their input; the host throws at its next synchronisation. Codes: IndexErrors.java.
__device__ __forceinline__ void ms_report_index(int* err, int code, int64_t position, int value, int bound) {
  if (atomicCAS(err, 0, code) == 0) {
    err[1] = (int)position;
    err[2] = value;
    err[3] = bound;
  }
}

// Dynamic shared memory (the launch's sharedBytes), as a float array.
#ifdef MS_HOST_EMULATION
#define MS_DYNAMIC_SHARED(name) float* name = ms_emu_shared
#else
#define MS_DYNAMIC_SHARED(name) extern __shared__ float name[]
#endif

// Block-wide sum in a fixed order (shuffles within warps, then warp 0 over the warps' sums), so a
// result does not depend on scheduling. Every thread of the block must call it; all get the total.
// `shared` holds at least 32 values of T.
template <typename T>
__device__ __forceinline__ T ms_block_sum(T v, T* shared) {
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  const int warps = (blockDim.x + 31) >> 5;
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
  __syncthreads();  // shared may still be read by a previous call
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < warps ? shared[lane] : (T)0;
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    if (lane == 0) shared[0] = v;
  }
  __syncthreads();
  return shared[0];
}

template <typename T>
__device__ __forceinline__ T ms_block_max(T v, T* shared) {
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  const int warps = (blockDim.x + 31) >> 5;
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) v = fmax(v, __shfl_down_sync(0xffffffffu, v, o));
  __syncthreads();
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < warps ? shared[lane] : (T)-INFINITY;
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v = fmax(v, __shfl_down_sync(0xffffffffu, v, o));
    if (lane == 0) shared[0] = v;
  }
  __syncthreads();
  return shared[0];
}

// ---- Philox4x32-10, the layout of tensor/Philox.java ----------------------------------------------
// Element i of stream (seed, offset) is word i % 4 of the block for counter
// (lo(i/4), hi(i/4), lo(offset), hi(offset)) under key (lo(seed), hi(seed)).
__device__ __forceinline__ void ms_philox(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                                          uint32_t k0, uint32_t k1, uint32_t out[4]) {
#pragma unroll
  for (int r = 0; r < 10; r++) {
    if (r > 0) {
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    uint64_t p0 = (uint64_t)0xD2511F53u * c0;
    uint64_t p1 = (uint64_t)0xCD9E8D57u * c2;
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
    uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c1 = (uint32_t)p1;
    c3 = (uint32_t)p0;
    c0 = n0;
    c2 = n2;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

__device__ __forceinline__ void ms_philox_block(int64_t seed, int64_t offset, int64_t block, uint32_t out[4]) {
  ms_philox((uint32_t)block, (uint32_t)((uint64_t)block >> 32), (uint32_t)offset,
            (uint32_t)((uint64_t)offset >> 32), (uint32_t)seed, (uint32_t)((uint64_t)seed >> 32), out);
}

// (2·(w >>> 9) + 1) · 2^-24: in (0, 1), exact in float.
__device__ __forceinline__ float ms_to_uniform(uint32_t w) {
  return (float)((w >> 9) * 2u + 1u) * 5.9604644775390625e-8f;
}

__device__ __forceinline__ float ms_uniform(int64_t seed, int64_t offset, int64_t i) {
  uint32_t w[4];
  ms_philox_block(seed, offset, i >> 2, w);
  return ms_to_uniform(w[i & 3]);
}

// ---- special functions, the formulas of tensor/ops/ElementwiseMath.java, in double -----------------
__device__ inline double ms_lgamma(double x) {
  const double L[9] = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                       -176.61502916214059, 12.507343278686905, -0.13857109526572012,
                       9.9843695780195716e-6, 1.5056327351493116e-7};
  double sign_term = 0.0;
  if (x < 0.5) {
    // Reflection (no recursion on the device): lgamma(x) = log(π/|sin πx|) − lgamma(1 − x).
    sign_term = log(MS_PI / fabs(sin(MS_PI * x)));
    x = 1.0 - x;
    double xm1 = x - 1.0, a = L[0], t = xm1 + 7.5;
    for (int i = 1; i < 9; i++) a += L[i] / (xm1 + i);
    return sign_term - (0.5 * log(2 * MS_PI) + (xm1 + 0.5) * log(t) - t + log(a));
  }
  double xm1 = x - 1.0, a = L[0], t = xm1 + 7.5;
  for (int i = 1; i < 9; i++) a += L[i] / (xm1 + i);
  return 0.5 * log(2 * MS_PI) + (xm1 + 0.5) * log(t) - t + log(a);
}

__device__ inline double ms_digamma_pos(double x) {
  double r = 0.0;
  while (x < 10.0) {
    r -= 1.0 / x;
    x += 1.0;
  }
  double f = 1.0 / (x * x);
  double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
  return r + log(x) - 0.5 / x - series;
}

__device__ inline double ms_digamma(double x) {
  if (x <= 0 && x == floor(x)) return NAN;
  if (x < 0) return ms_digamma_pos(1.0 - x) - MS_PI / tan(MS_PI * x);
  return ms_digamma_pos(x);
}

__device__ inline double ms_trigamma_pos(double x) {
  double r = 0.0;
  while (x < 10.0) {
    r += 1.0 / (x * x);
    x += 1.0;
  }
  double f = 1.0 / (x * x);
  double series = 1.0 / x + f / 2.0 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30))));
  return r + series;
}

__device__ inline double ms_trigamma(double x) {
  if (x <= 0 && x == floor(x)) return NAN;
  if (x < 0) {
    double s = MS_PI / sin(MS_PI * x);
    return -ms_trigamma_pos(1.0 - x) + s * s;
  }
  return ms_trigamma_pos(x);
}

__device__ __forceinline__ double ms_softplus(double x) { return x > 20.0 ? x : log1p(exp(x)); }

__device__ inline double ms_sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + exp(-x));
  double e = exp(x);
  return e / (1.0 + e);
}
