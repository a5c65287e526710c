// The smallest kernels, used to prove the build → jar → driver → launch path end to end.
#include "common.cuh"

extern "C" __global__ void ms_fill_f32(float* out, float value, int64_t n) {
  MS_GRID_STRIDE(i, n) { out[i] = value; }
}

// y = a * x + y
extern "C" __global__ void ms_axpy_f32(float* y, const float* x, float a, int64_t n) {
  MS_GRID_STRIDE(i, n) { y[i] = a * x[i] + y[i]; }
}
