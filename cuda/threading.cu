// The threading ARG builder's per-site tree (data/ThreadingArgBuilder.parents), one thread per site:
// for i = 1..n−1 in order, climb from leaf ĵ_i while the parent is at or below the new node n−1+i in
// (time, node id) order, and splice the new node onto that branch, leaf i as its other child.
// targets (I32) and times (F32) are [B, n, S] (row 0 ignored); parents out is [B, S, 2n−1], −1 at the
// root. An invalid target or time is reported through `err` (code 6: position = flat site, value =
// the sample, bound = 1 for a target outside [0, i), 2 for a time not positive and finite).
#include "common.cuh"

#define MS_ERR_THREADING 6

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
      if (j < 0 || j >= i) {
        ms_report_index(err, MS_ERR_THREADING, q, i, 1);
        break;
      }
      if (!(t > 0.0f) || isinf(t)) {
        ms_report_index(err, MS_ERR_THREADING, q, i, 2);
        break;
      }
      const int w = n - 1 + i;
      int x = j, p;
      while ((p = out[x]) != -1) {
        const float tp = times[col + (int64_t)(p - n + 1) * sites];
        if (!(tp < t || (tp == t && p < w))) break;
        x = p;
      }
      out[w] = out[x];
      out[x] = w;
      out[i] = w;
    }
  }
}
