// Index kernels (backend/cpu/IndexCpu.java, SliceCpu, PermuteCpu, OneHotCpu). Copies move 32-bit words,
// so they serve F32 and I32 alike. Out-of-range indices are reported through `err` (common.cuh) and
// read nothing; the host throws at its next synchronisation.
#include "common.cuh"

// Error codes: backend/cuda/IndexErrors.java.
#define MS_ERR_SELECT 1
#define MS_ERR_SCATTER 2
#define MS_ERR_GATHER 3
#define MS_ERR_ONE_HOT 4

// out[i, :] = x[idx[i], :]; x is [n, row].
extern "C" __global__ void ms_index_select(const uint32_t* x, const int* idx, uint32_t* out, int* err, int n,
                                           int64_t count, int64_t row) {
  MS_GRID_STRIDE(q, count * row) {
    int64_t i = q / row, j = q % row;
    int t = idx[i];
    if (t < 0 || t >= n) {
      if (j == 0) ms_report_index(err, MS_ERR_SELECT, i, t, n);
      out[q] = 0u;
    } else {
      out[q] = x[(int64_t)t * row + j];
    }
  }
}

// Deterministic scatter-add: the host sorted sources by target (stable), start[t]..start[t+1] lists
// t's sources in increasing order in `order`; each output element adds them in that order in float.
extern "C" __global__ void ms_scatter_add_sorted(const float* src, const int* order, const int* start, float* out,
                                                 int n, int64_t row) {
  MS_GRID_STRIDE(q, (int64_t)n * row) {
    int64_t t = q / row, j = q % row;
    float acc = 0.0f;
    for (int s = start[t]; s < start[t + 1]; s++) acc += src[(int64_t)order[s] * row + j];
    out[q] = acc;
  }
}

// Fast scatter-add with atomics (order of additions, and so the last bits, vary); out must be zeroed.
extern "C" __global__ void ms_scatter_add_atomic(const float* src, const int* idx, float* out, int* err, int n,
                                                 int64_t count, int64_t row) {
  MS_GRID_STRIDE(q, count * row) {
    int64_t i = q / row, j = q % row;
    int t = idx[i];
    if (t < 0 || t >= n) {
      if (j == 0) ms_report_index(err, MS_ERR_SCATTER, i, t, n);
    } else {
      atomicAdd(out + (int64_t)t * row + j, src[q]);
    }
  }
}

// out[r, j] = x[r, idx[r, j]]; x is [rows, k].
extern "C" __global__ void ms_gather(const uint32_t* x, const int* idx, uint32_t* out, int* err, int64_t rows,
                                     int k, int cols) {
  MS_GRID_STRIDE(q, rows * cols) {
    int64_t r = q / cols;
    int c = idx[q];
    if (c < 0 || c >= k) {
      ms_report_index(err, MS_ERR_GATHER, q, c, k);
      out[q] = 0u;
    } else {
      out[q] = x[r * k + c];
    }
  }
}

// gx[r, c] = Σ over j with idx[r, j] = c of g[r, j], in increasing j: one thread per row.
extern "C" __global__ void ms_gather_backward(const float* g, const int* idx, float* gx, int* err, int64_t rows,
                                              int k, int cols) {
  MS_GRID_STRIDE(r, rows) {
    float* o = gx + r * k;
    for (int c = 0; c < k; c++) o[c] = 0.0f;
    for (int j = 0; j < cols; j++) {
      int c = idx[r * cols + j];
      if (c < 0 || c >= k) {
        ms_report_index(err, MS_ERR_GATHER, r * cols + j, c, k);
      } else {
        o[c] += g[r * cols + j];
      }
    }
  }
}

// out[i, c] = idx[i] == c; −1 marks padding (a zero row).
extern "C" __global__ void ms_one_hot(const int* idx, float* out, int* err, int64_t count, int k) {
  MS_GRID_STRIDE(q, count * k) {
    int64_t i = q / k;
    int c = (int)(q % k);
    int t = idx[i];
    if (t < -1 || t >= k) {
      if (c == 0) ms_report_index(err, MS_ERR_ONE_HOT, i, t, k);
      out[q] = 0.0f;
    } else {
      out[q] = t == c ? 1.0f : 0.0f;
    }
  }
}

// Slice / concat: dst[o, dstStart + j·dstStep, :] = src[o, srcStart + j·srcStep, :].
extern "C" __global__ void ms_slice_copy(const uint32_t* src, uint32_t* dst, int64_t srcLen, int64_t srcStart,
                                         int64_t srcStep, int64_t dstLen, int64_t dstStart, int64_t dstStep,
                                         int64_t outer, int64_t count, int64_t inner) {
  MS_GRID_STRIDE(q, outer * count * inner) {
    int64_t e = q % inner;
    int64_t j = (q / inner) % count;
    int64_t o = q / (inner * count);
    dst[(o * dstLen + dstStart + j * dstStep) * inner + e] = src[(o * srcLen + srcStart + j * srcStep) * inner + e];
  }
}

// Permute: out (contiguous) walks its coalesced shape; the input is read through per-axis strides.
extern "C" __global__ void ms_strided_copy(const uint32_t* in, uint32_t* out, int64_t n, MS_SHAPE6,
                                           MS_STRIDES6(si)) {
  MS_SHAPE6_ARRAY(shape);
  MS_STRIDES6_ARRAY(st, si);
  MS_GRID_STRIDE(i, n) { out[i] = in[ms_offset6(i, shape, st)]; }
}
