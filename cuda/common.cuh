// Shared helpers for Mainspring kernels. Every kernel file includes this; keep it small.
#pragma once
#include <cstdint>

// Grid-stride loop: one launch covers any n without recomputing the grid per size.
#define MS_GRID_STRIDE(i, n) \
  for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < (int64_t)(n); \
       i += (int64_t)blockDim.x * gridDim.x)
