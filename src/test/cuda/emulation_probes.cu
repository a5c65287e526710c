// Kernels that check the host emulation's block model (EmulationRulesTest): each either computes
// something only a correct block-level emulation gets right, or breaks a rule a GPU leaves undefined.
#include "common.cuh"

// out[b] = sum of x[b·n .. b·n + n) through ms_block_sum (shuffles within warps, then across warps).
extern "C" __global__ void probe_block_sum(const float* x, float* out, int n) {
  __shared__ float red[32];
  float v = 0.0f;
  for (int i = threadIdx.x; i < n; i += blockDim.x) v += x[(int64_t)blockIdx.x * n + i];
  float total = ms_block_sum(v, red);
  if (threadIdx.x == 0) out[blockIdx.x] = total;
}

// Reverses each block's slice of x through shared memory; without the barrier a thread reads a slot
// that another thread may not have written yet.
extern "C" __global__ void probe_reverse(const float* x, float* out, int barrier) {
  MS_DYNAMIC_SHARED(s);
  const int t = threadIdx.x;
  const int64_t base = (int64_t)blockIdx.x * blockDim.x;
  s[t] = x[base + t];
  if (barrier) __syncthreads();
  out[base + t] = s[blockDim.x - 1 - t];
}

// Even and odd threads wait at different barriers: undefined on a GPU.
extern "C" __global__ void probe_divergent_barrier(float* out) {
  if (threadIdx.x % 2 == 0) {
    __syncthreads();
  } else {
    __syncthreads();
  }
  out[threadIdx.x] = 1.0f;
}

// Half of warp 0 shuffles while the other half waits at the barrier: a hang on a GPU.
extern "C" __global__ void probe_shuffle_barrier_deadlock(float* out) {
  float v = (float)threadIdx.x;
  if (threadIdx.x < 16) v = __shfl_down_sync(0xffffffffu, v, 1);
  __syncthreads();
  out[threadIdx.x] = v;
}

// Threads past `live` return before the barrier; the rest meet at it (returned threads do not count).
extern "C" __global__ void probe_return_then_barrier(float* out, int live) {
  MS_DYNAMIC_SHARED(s);
  const int t = threadIdx.x;
  if (t >= live) return;
  s[t] = (float)t;
  __syncthreads();
  out[t] = s[live - 1 - t];
}

// Writes `count` floats of dynamic shared memory.
extern "C" __global__ void probe_shared_writes(float* out, int count) {
  MS_DYNAMIC_SHARED(s);
  for (int i = threadIdx.x; i < count; i += blockDim.x) s[i] = 1.0f;
  __syncthreads();
  if (threadIdx.x == 0) out[0] = s[0];
}

// Takes a 64-bit count: launching it with a 32-bit one is the kind of slip a GPU reads as garbage.
extern "C" __global__ void probe_wide_count(float* out, int64_t n) {
  MS_GRID_STRIDE(i, n) out[i] = 2.0f;
}

// Each block reads what the block before it wrote: correct only if blocks run in order, which a GPU
// does not promise.
extern "C" __global__ void probe_block_chain(float* out) {
  if (threadIdx.x == 0) out[blockIdx.x] = blockIdx.x == 0 ? 1.0f : out[blockIdx.x - 1] + 1.0f;
}
