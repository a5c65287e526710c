// Compiles the kernel sources as plain C++ for tests on machines without a GPU (see
// src/test/java/dev/mainspring/backend/cuda/HostEmulationRuntime.java): one host thread plays every
// block of a launch in turn with one thread per block, so grid-stride loops and block-per-row loops
// cover the same elements as on the device, block reductions are the identity, atomics are plain
// read-modify-writes. It checks what the kernels compute, not how fast or how concurrently.
#pragma once
#include <math.h>
#include <algorithm>
#include <cmath>
#include <cstdint>

#define MS_HOST_EMULATION 1
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

struct ms_dim3 {
  unsigned x, y, z;
};
static ms_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};

extern "C" void ms_emu_set_block(unsigned block, unsigned grid) {
  blockIdx.x = block;
  gridDim.x = grid;
}

// Dynamic shared memory of the block being played (more than any launch asks for: 48 KiB on a GPU).
static float ms_emu_shared[1 << 16];

inline void __syncthreads() {}
inline int atomicCAS(int* a, int compare, int value) {
  int old = *a;
  if (old == compare) *a = value;
  return old;
}
inline float atomicAdd(float* a, float v) {
  float old = *a;
  *a = old + v;
  return old;
}
inline float rsqrtf(float x) { return 1.0f / sqrtf(x); }
using std::isinf;
using std::isnan;
using std::max;
using std::min;
