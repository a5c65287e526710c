// Differentiable SFS over per-site parent arrays (backend/cpu/DifferentiableSfsCpu.java), one thread
// per site. Leaf counts come from a bottom-up pass in Kahn order with per-site scratch in global
// memory; each site writes its own contribution row (double) and a second kernel adds the sites of an
// example in order, so the spectrum does not depend on scheduling. A parent array that is not a tree is
// reported through `err` (code 5, position = flat site, value = the reason below) and contributes 0.
#include "common.cuh"

#define MS_ERR_SFS 5
#define MS_SFS_BAD_PARENT 1
#define MS_SFS_ROOTS 2
#define MS_SFS_LEAF_CHILD 3
#define MS_SFS_CYCLE 4

// parents, desc: [B, S, nodes] (I32); times: [B, n, S] (row i is the time of node n−1+i); span: [B, S];
// mu: [B]; work: 2·nodes ints per site; contrib: (n−1) doubles per site.
extern "C" __global__ void ms_sfs_sites(const int* parents, const float* times, const float* span,
                                        const float* mu, int* desc, int* work, double* contrib, int* err,
                                        int batch, int sites, int n) {
  const int nodes = 2 * n - 1;
  MS_GRID_STRIDE(q, (int64_t)batch * sites) {
    const int b = (int)(q / sites), l = (int)(q % sites);
    const int* par = parents + q * nodes;
    int* leaves = desc + q * nodes;
    int* pending = work + q * 2 * nodes;
    int* stack = pending + nodes;
    double* c = contrib + q * (n - 1);
    for (int k = 0; k < n - 1; k++) c[k] = 0.0;
    const double w = span[q];
    if (w == 0.0) {
      for (int v = 0; v < nodes; v++) leaves[v] = 0;
      continue;
    }
    int bad = 0, roots = 0;
    for (int v = 0; v < nodes; v++) pending[v] = 0;
    for (int v = 0; v < nodes; v++) {
      int p = par[v];
      if (p == -1) roots++;
      else if (p < 0 || p >= nodes) bad = MS_SFS_BAD_PARENT;
      else pending[p]++;
    }
    if (!bad && roots != 1) bad = MS_SFS_ROOTS;
    int top = 0;
    for (int v = 0; v < nodes && !bad; v++) {
      if (v < n && pending[v] != 0) bad = MS_SFS_LEAF_CHILD;
      leaves[v] = v < n ? 1 : 0;
      if (pending[v] == 0) stack[top++] = v;
    }
    int done = 0;
    while (!bad && top > 0) {
      int v = stack[--top];
      done++;
      int p = par[v];
      if (p >= 0) {
        leaves[p] += leaves[v];
        if (--pending[p] == 0) stack[top++] = p;
      }
    }
    if (!bad && done != nodes) bad = MS_SFS_CYCLE;
    if (bad) {
      ms_report_index(err, MS_ERR_SFS, q, bad, sites);
      for (int v = 0; v < nodes; v++) leaves[v] = 0;
      continue;
    }
    const double scale = (double)mu[b] * w;
    for (int v = 0; v < nodes; v++) {
      int p = par[v];
      int k = leaves[v];
      if (p >= 0 && k >= 1 && k < n) {
        double tp = p >= n ? (double)times[((int64_t)b * n + (p - n + 1)) * sites + l] : 0.0;
        double tv = v >= n ? (double)times[((int64_t)b * n + (v - n + 1)) * sites + l] : 0.0;
        c[k - 1] += scale * (tp - tv);
      }
    }
  }
}

// sfs[b, k] = Σ over sites l, in order, of contrib[b, l, k].
extern "C" __global__ void ms_sfs_combine(const double* contrib, float* sfs, int batch, int sites, int n) {
  MS_GRID_STRIDE(q, (int64_t)batch * (n - 1)) {
    int b = (int)(q / (n - 1)), k = (int)(q % (n - 1));
    double t = 0.0;
    for (int l = 0; l < sites; l++) t += contrib[((int64_t)b * sites + l) * (n - 1) + k];
    sfs[q] = (float)t;
  }
}

// gTimes[b, i, l] = μ_b·span·(Σ_children g[desc c] − g[desc i]) for internal node n−1+i; `acc` is
// nodes doubles of scratch per site. gTimes arrives zeroed; padded sites and row 0 stay 0.
extern "C" __global__ void ms_sfs_backward(const int* parents, const int* desc, const float* span,
                                           const float* mu, const float* g, float* gTimes, double* acc,
                                           int batch, int sites, int n) {
  const int nodes = 2 * n - 1;
  MS_GRID_STRIDE(q, (int64_t)batch * sites) {
    const int b = (int)(q / sites), l = (int)(q % sites);
    const double w = span[q];
    if (w == 0.0) continue;
    const int* par = parents + q * nodes;
    const int* leaves = desc + q * nodes;
    double* a = acc + q * nodes;
    for (int v = 0; v < nodes; v++) a[v] = 0.0;
    for (int v = 0; v < nodes; v++) {
      int p = par[v];
      if (p >= 0) {
        int k = leaves[v];
        double gv = k >= 1 && k < n ? (double)g[(int64_t)b * (n - 1) + k - 1] : 0.0;
        a[p] += gv;
        a[v] -= gv;
      }
    }
    const double scale = (double)mu[b] * w;
    for (int i = 1; i < n; i++) gTimes[((int64_t)b * n + i) * sites + l] = (float)(scale * a[n - 1 + i]);
  }
}
