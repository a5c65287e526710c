// The threading ARG builder's per-site tree (data/ThreadingArgBuilder.parents), one thread per site:
// for i = 1..n−1 in order, climb from leaf ĵ_i while the parent is at or below the new node n−1+i in
// (time, node id) order, and splice the new node onto that branch, leaf i as its other child.
// Times are [B, n, S] (F32, row 0 ignored); parents out is [B, S, 2n−1], −1 at the root. Targets come
// as I32 [B, n, S] (ms_threading_parents) or as the one-hot hard sample [B, S, n, n]
// (ms_threading_parents_onehot: the first j < i with a nonzero entry). An invalid input is reported
// through `err` (code 6: position = flat site b·S + l, value = the sample, bound = 1 for a target
// outside [0, i), 2 for a time not positive and finite, 3 for a one-hot row with no nonzero j < i).
#include "common.cuh"

#define MS_ERR_THREADING 6

// Checks sample i's target and time at site q; reports and returns false when either is invalid.
__device__ __forceinline__ bool ms_threading_valid(int* err, int64_t q, int i, int j, float t) {
  if (j < 0 || j >= i) {
    ms_report_index(err, MS_ERR_THREADING, q, i, 1);
    return false;
  }
  if (!(t > 0.0f) || isinf(t)) {
    ms_report_index(err, MS_ERR_THREADING, q, i, 2);
    return false;
  }
  return true;
}

// Splices sample i's join node (time t) into the site's tree `out` (2n−1 parents), climbing from leaf
// j. Node n−1+k's time is times[k·stride] (the site's column of the [B, n, S] times).
__device__ __forceinline__ void ms_threading_splice(int* out, int n, int i, int j, float t, const float* times,
                                                    int64_t stride) {
  const int w = n - 1 + i;
  int x = j, p;
  while ((p = out[x]) != -1) {
    const float tp = times[(int64_t)(p - n + 1) * stride];
    if (!(tp < t || (tp == t && p < w))) break;
    x = p;
  }
  out[w] = out[x];
  out[x] = w;
  out[i] = w;
}

extern "C" __global__ void ms_threading_parents(const int* targets, const float* times, int* parents, int* err,
                                                int batch, int n, int sites) {
  const int nodes = 2 * n - 1;
  MS_GRID_STRIDE(q, (int64_t)batch * sites) {
    const int b = (int)(q / sites), l = (int)(q % sites);
    int* out = parents + q * nodes;
    for (int v = 0; v < nodes; v++) out[v] = -1;
    const int64_t col = (int64_t)b * n * sites + l;  // element (b, 0, l); row i adds i·S
    for (int i = 1; i < n; i++) {
      const int j = targets[col + (int64_t)i * sites];
      const float t = times[col + (int64_t)i * sites];
      if (!ms_threading_valid(err, q, i, j, t)) break;
      ms_threading_splice(out, n, i, j, t, times + col, sites);
    }
  }
}

// mask [B, S] may be null (every site real); padded sites (mask 0) keep all −1 rows.
extern "C" __global__ void ms_threading_parents_onehot(const float* hard, const float* times, const float* mask,
                                                       int* parents, int* err, int batch, int n, int sites) {
  const int nodes = 2 * n - 1;
  MS_GRID_STRIDE(q, (int64_t)batch * sites) {
    const int b = (int)(q / sites), l = (int)(q % sites);
    int* out = parents + q * nodes;
    for (int v = 0; v < nodes; v++) out[v] = -1;
    if (mask != nullptr && mask[q] == 0.0f) continue;
    const int64_t col = (int64_t)b * n * sites + l;
    for (int i = 1; i < n; i++) {
      const float* row = hard + (q * n + i) * n;
      int j = 0;
      while (j < i && row[j] == 0.0f) j++;
      if (j == i) {
        ms_report_index(err, MS_ERR_THREADING, q, i, 3);
        break;
      }
      const float t = times[col + (int64_t)i * sites];
      if (!ms_threading_valid(err, q, i, j, t)) break;
      ms_threading_splice(out, n, i, j, t, times + col, sites);
    }
  }
}
