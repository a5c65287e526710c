// Fused attention, flash style: no score matrix is ever stored. Each query row runs an online
// softmax over its keys with the output accumulated in registers; the forward saves one
// log-sum-exp per row and the backward recomputes the probabilities from it, with
// D = rowsum(dO ∘ O) as in FlashAttention-2. Gradients are written without atomics: one pass owns the
// query side (dq, D, the distance-bias sums), a second owns the key side (dk, dv), so results do not
// depend on scheduling. Mirrors backend/cpu/BandAttentionCpu.java and SampleAttentionCpu.java.
//
// Layouts: q, k, v, out and their gradients are [B, n, S, d]; head h uses features [h·dh, (h+1)·dh).
#include "common.cuh"

#define MS_MAX_DH 128

// Kernels are templates on the head width DH: 16, 32 and 64 are compiled with fixed trip counts so
// the per-row accumulators live in registers; DH = 0 is the general version (any width up to
// MS_MAX_DH, accumulators in local memory). The host picks the entry point by name (_dh16, ...).
#define MS_ACC(DH) ((DH) > 0 ? (DH) : MS_MAX_DH)

template <int DH>
__device__ __forceinline__ float ms_dot(const float* x, const float* y, int dh) {
  float s = 0.0f;
  const int len = DH > 0 ? DH : dh;
#pragma unroll
  for (int c = 0; c < len; c++) s += x[c] * y[c];
  return s;
}

__device__ __forceinline__ bool ms_site_valid(const float* mask, int64_t site) {
  return !mask || mask[site] != 0.0f;
}

// ---- band attention over sites ---------------------------------------------------------------
// score(l, j) = q_l·k_j/√dh − softplus(a_h)·|pos_l − pos_j| for |l − j| ≤ w and mask_j ≠ 0.
// lse: [B, n, H, S]; 0 at padded query sites (whose output is 0).

template <int DH>
__device__ __forceinline__ void ms_band_attention_forward_t(const float* q, const float* k, const float* v,
                                                     const float* pos, const float* a, const float* mask,
                                                     float* out, float* lse, int batch, int n, int sites,
                                                     int d, int heads, int w) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * n * heads * sites) {
    const int l = (int)(t % sites);
    const int h = (int)((t / sites) % heads);
    const int64_t bi = t / ((int64_t)sites * heads);  // b·n + i
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    const int64_t row = rowBase + (int64_t)l * d + h * dh;
    if (!ms_site_valid(mask, (int64_t)b * sites + l)) {
      _Pragma("unroll") for (int c = 0; c < dh; c++) out[row + c] = 0.0f;
      lse[t] = 0.0f;
      continue;
    }
    const float slope = (float)ms_softplus((double)a[h]);
    const float pl = pos[(int64_t)b * sites + l];
    float acc[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] = 0.0f;
    float m = -INFINITY, sum = 0.0f;
    const int lo = max(0, l - w), hi = min(sites - 1, l + w);
    for (int j = lo; j <= hi; j++) {
      if (!ms_site_valid(mask, (int64_t)b * sites + j)) continue;
      const int64_t key = rowBase + (int64_t)j * d + h * dh;
      float s = scale * ms_dot<DH>(q + row, k + key, dh) - slope * fabsf(pl - pos[(int64_t)b * sites + j]);
      if (s > m) {
        float r = expf(m - s);  // rescale what was accumulated under the old maximum
        sum *= r;
        _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] *= r;
        m = s;
      }
      float p = expf(s - m);
      sum += p;
      _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] += p * v[key + c];
    }
    const float inv = 1.0f / sum;
    _Pragma("unroll") for (int c = 0; c < dh; c++) out[row + c] = acc[c] * inv;
    lse[t] = m + logf(sum);
  }
}

// Query side: dq_l = Σ_j scale·dS_lj·k_j with dS = P·(dO_l·v_j − D_l); saves D_l and, per query,
// Σ_j dS_lj·|Δpos| (double) for the distance-bias gradient.
template <int DH>
__device__ __forceinline__ void ms_band_attention_backward_q_t(const float* q, const float* k, const float* v,
                                                        const float* pos, const float* a, const float* mask,
                                                        const float* out, const float* lse, const float* gOut,
                                                        float* gq, float* dRow, double* biasSum, int batch,
                                                        int n, int sites, int d, int heads, int w) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * n * heads * sites) {
    const int l = (int)(t % sites);
    const int h = (int)((t / sites) % heads);
    const int64_t bi = t / ((int64_t)sites * heads);
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    const int64_t row = rowBase + (int64_t)l * d + h * dh;
    if (!ms_site_valid(mask, (int64_t)b * sites + l)) {
      _Pragma("unroll") for (int c = 0; c < dh; c++) gq[row + c] = 0.0f;
      dRow[t] = 0.0f;
      biasSum[t] = 0.0;
      continue;
    }
    const float slope = (float)ms_softplus((double)a[h]);
    const float pl = pos[(int64_t)b * sites + l];
    const float D = ms_dot<DH>(gOut + row, out + row, dh);
    const float L = lse[t];
    float acc[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] = 0.0f;
    double bias = 0.0;
    const int lo = max(0, l - w), hi = min(sites - 1, l + w);
    for (int j = lo; j <= hi; j++) {
      if (!ms_site_valid(mask, (int64_t)b * sites + j)) continue;
      const int64_t key = rowBase + (int64_t)j * d + h * dh;
      const float dist = fabsf(pl - pos[(int64_t)b * sites + j]);
      const float p = expf(scale * ms_dot<DH>(q + row, k + key, dh) - slope * dist - L);
      const float ds = p * (ms_dot<DH>(gOut + row, v + key, dh) - D);
      bias += (double)ds * dist;
      _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] += scale * ds * k[key + c];
    }
    _Pragma("unroll") for (int c = 0; c < dh; c++) gq[row + c] = acc[c];
    dRow[t] = D;
    biasSum[t] = bias;
  }
}

// Key side: dv_j = Σ_l P_lj·dO_l, dk_j = Σ_l scale·dS_lj·q_l over valid queries l with |l − j| ≤ w.
template <int DH>
__device__ __forceinline__ void ms_band_attention_backward_kv_t(const float* q, const float* k, const float* v,
                                                         const float* pos, const float* a, const float* mask,
                                                         const float* lse, const float* gOut, const float* dRow,
                                                         float* gk, float* gv, int batch, int n, int sites,
                                                         int d, int heads, int w) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * n * heads * sites) {
    const int j = (int)(t % sites);
    const int h = (int)((t / sites) % heads);
    const int64_t bi = t / ((int64_t)sites * heads);
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    const int64_t key = rowBase + (int64_t)j * d + h * dh;
    float ak[MS_ACC(DH)], av[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) ak[c] = av[c] = 0.0f;
    if (ms_site_valid(mask, (int64_t)b * sites + j)) {
      const float slope = (float)ms_softplus((double)a[h]);
      const float pj = pos[(int64_t)b * sites + j];
      const int lo = max(0, j - w), hi = min(sites - 1, j + w);
      for (int l = lo; l <= hi; l++) {
        if (!ms_site_valid(mask, (int64_t)b * sites + l)) continue;
        const int64_t row = rowBase + (int64_t)l * d + h * dh;
        const int64_t rt = (bi * heads + h) * sites + l;
        const float dist = fabsf(pos[(int64_t)b * sites + l] - pj);
        const float p = expf(scale * ms_dot<DH>(q + row, k + key, dh) - slope * dist - lse[rt]);
        const float ds = p * (ms_dot<DH>(gOut + row, v + key, dh) - dRow[rt]);
        _Pragma("unroll") for (int c = 0; c < dh; c++) {
          av[c] += p * gOut[row + c];
          ak[c] += scale * ds * q[row + c];
        }
      }
    }
    _Pragma("unroll") for (int c = 0; c < dh; c++) {
      gk[key + c] = ak[c];
      gv[key + c] = av[c];
    }
  }
}

// ga_h = −sigmoid(a_h)·Σ over (b, i, l) of biasSum, one block per head, fixed-order sum.
extern "C" __global__ void ms_band_attention_bias_grad(const double* biasSum, const float* a, float* ga, int bn,
                                                       int sites, int heads) {
  __shared__ double red[32];
  const int h = blockIdx.x;
  double s = 0.0;
  for (int64_t e = threadIdx.x; e < (int64_t)bn * sites; e += blockDim.x) {
    int64_t bi = e / sites, l = e % sites;
    s += biasSum[(bi * heads + h) * sites + l];
  }
  s = ms_block_sum(s, red);
  if (threadIdx.x == 0) ga[h] = (float)(-ms_sigmoid((double)a[h]) * s);
}

// ---- attention across samples at each site -----------------------------------------------------
// Row i of site (b, l) attends to rows j < keys(i) (n, or i when causal) with q_i·k_j/√dh.
// lse: [B, S, H, n]; 0 at padded sites, −∞ for a row without keys.

__device__ __forceinline__ int64_t ms_sample_row(int b, int i, int l, int n, int sites, int d) {
  return (((int64_t)b * n + i) * sites + l) * d;
}

template <int DH>
__device__ __forceinline__ void ms_sample_attention_forward_t(const float* q, const float* k, const float* v,
                                                       const float* mask, float* out, float* lse, int batch,
                                                       int n, int sites, int d, int heads, int causal) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * sites * heads * n) {
    const int i = (int)(t % n);
    const int h = (int)((t / n) % heads);
    const int64_t site = t / ((int64_t)n * heads);  // b·S + l
    const int b = (int)(site / sites), l = (int)(site % sites);
    const int64_t row = ms_sample_row(b, i, l, n, sites, d) + h * dh;
    const int keys = causal ? i : n;
    if (!ms_site_valid(mask, site) || keys == 0) {
      _Pragma("unroll") for (int c = 0; c < dh; c++) out[row + c] = 0.0f;
      lse[t] = ms_site_valid(mask, site) ? -INFINITY : 0.0f;
      continue;
    }
    float acc[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] = 0.0f;
    float m = -INFINITY, sum = 0.0f;
    for (int j = 0; j < keys; j++) {
      const int64_t key = ms_sample_row(b, j, l, n, sites, d) + h * dh;
      float s = scale * ms_dot<DH>(q + row, k + key, dh);
      if (s > m) {
        float r = expf(m - s);
        sum *= r;
        _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] *= r;
        m = s;
      }
      float p = expf(s - m);
      sum += p;
      _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] += p * v[key + c];
    }
    const float inv = 1.0f / sum;
    _Pragma("unroll") for (int c = 0; c < dh; c++) out[row + c] = acc[c] * inv;
    lse[t] = m + logf(sum);
  }
}

template <int DH>
__device__ __forceinline__ void ms_sample_attention_backward_q_t(const float* q, const float* k, const float* v,
                                                          const float* mask, const float* out, const float* lse,
                                                          const float* gOut, float* gq, float* dRow, int batch,
                                                          int n, int sites, int d, int heads, int causal) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * sites * heads * n) {
    const int i = (int)(t % n);
    const int h = (int)((t / n) % heads);
    const int64_t site = t / ((int64_t)n * heads);
    const int b = (int)(site / sites), l = (int)(site % sites);
    const int64_t row = ms_sample_row(b, i, l, n, sites, d) + h * dh;
    const int keys = causal ? i : n;
    if (!ms_site_valid(mask, site) || keys == 0) {
      _Pragma("unroll") for (int c = 0; c < dh; c++) gq[row + c] = 0.0f;
      dRow[t] = 0.0f;
      continue;
    }
    const float D = ms_dot<DH>(gOut + row, out + row, dh);
    const float L = lse[t];
    float acc[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] = 0.0f;
    for (int j = 0; j < keys; j++) {
      const int64_t key = ms_sample_row(b, j, l, n, sites, d) + h * dh;
      const float p = expf(scale * ms_dot<DH>(q + row, k + key, dh) - L);
      const float ds = p * (ms_dot<DH>(gOut + row, v + key, dh) - D);
      _Pragma("unroll") for (int c = 0; c < dh; c++) acc[c] += scale * ds * k[key + c];
    }
    _Pragma("unroll") for (int c = 0; c < dh; c++) gq[row + c] = acc[c];
    dRow[t] = D;
  }
}

template <int DH>
__device__ __forceinline__ void ms_sample_attention_backward_kv_t(const float* q, const float* k, const float* v,
                                                           const float* mask, const float* lse, const float* gOut,
                                                           const float* dRow, float* gk, float* gv, int batch,
                                                           int n, int sites, int d, int heads, int causal) {
  const int dh = DH > 0 ? DH : d / heads;
  const float scale = rsqrtf((float)dh);
  MS_GRID_STRIDE(t, (int64_t)batch * sites * heads * n) {
    const int j = (int)(t % n);
    const int h = (int)((t / n) % heads);
    const int64_t site = t / ((int64_t)n * heads);
    const int b = (int)(site / sites), l = (int)(site % sites);
    const int64_t key = ms_sample_row(b, j, l, n, sites, d) + h * dh;
    float ak[MS_ACC(DH)], av[MS_ACC(DH)];
    _Pragma("unroll") for (int c = 0; c < dh; c++) ak[c] = av[c] = 0.0f;
    if (ms_site_valid(mask, site)) {
      // Queries that see key j: every i, or i > j when causal.
      for (int i = causal ? j + 1 : 0; i < n; i++) {
        const int64_t row = ms_sample_row(b, i, l, n, sites, d) + h * dh;
        const int64_t rt = (site * heads + h) * n + i;
        const float p = expf(scale * ms_dot<DH>(q + row, k + key, dh) - lse[rt]);
        const float ds = p * (ms_dot<DH>(gOut + row, v + key, dh) - dRow[rt]);
        _Pragma("unroll") for (int c = 0; c < dh; c++) {
          av[c] += p * gOut[row + c];
          ak[c] += scale * ds * q[row + c];
        }
      }
    }
    _Pragma("unroll") for (int c = 0; c < dh; c++) {
      gk[key + c] = ak[c];
      gv[key + c] = av[c];
    }
  }
}

// Entry points per head width (see MS_ACC above).
extern "C" __global__ void ms_band_attention_forward_dh0(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_t<0>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_forward_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_t<16>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_forward_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_t<32>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_forward_dh64(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_t<64>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_dh0(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_t<0>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_t<16>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_t<32>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_dh64(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_t<64>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_dh0(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_t<0>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_t<16>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_t<32>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_dh64(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_t<64>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_sample_attention_forward_dh0(const float* q, const float* k, const float* v, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_forward_t<0>(q, k, v, mask, out, lse, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_forward_dh16(const float* q, const float* k, const float* v, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_forward_t<16>(q, k, v, mask, out, lse, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_forward_dh32(const float* q, const float* k, const float* v, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_forward_t<32>(q, k, v, mask, out, lse, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_forward_dh64(const float* q, const float* k, const float* v, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_forward_t<64>(q, k, v, mask, out, lse, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_q_dh0(const float* q, const float* k, const float* v, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_q_t<0>(q, k, v, mask, out, lse, gOut, gq, dRow, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_q_dh16(const float* q, const float* k, const float* v, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_q_t<16>(q, k, v, mask, out, lse, gOut, gq, dRow, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_q_dh32(const float* q, const float* k, const float* v, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_q_t<32>(q, k, v, mask, out, lse, gOut, gq, dRow, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_q_dh64(const float* q, const float* k, const float* v, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_q_t<64>(q, k, v, mask, out, lse, gOut, gq, dRow, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_kv_dh0(const float* q, const float* k, const float* v, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_kv_t<0>(q, k, v, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_kv_dh16(const float* q, const float* k, const float* v, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_kv_t<16>(q, k, v, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_kv_dh32(const float* q, const float* k, const float* v, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_kv_t<32>(q, k, v, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, causal); }
extern "C" __global__ void ms_sample_attention_backward_kv_dh64(const float* q, const float* k, const float* v, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int causal) { ms_sample_attention_backward_kv_t<64>(q, k, v, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, causal); }

// ---- band attention, tiled ----------------------------------------------------------------------
// The same arithmetic as above, in the same order, but a block of threads takes a tile of TQ
// consecutive query (or key) sites of one (b, i, h) and first stages the band rows they all read —
// sites [t0 − w, t0 + TQ − 1 + w] — in shared memory with coalesced loads. Dynamic shared memory:
// two [R, DH] float tables plus per-site values, R ≤ TQ + 2w; the host uses these only when that fits.

#define MS_TQ 64

// Copies the band rows [base, base + rows) of head h that a tile's queries (or keys) need into shared
// memory: two per-feature inputs x, y (rows × DH each) and the sites' positions and validity.
template <int DH>
__device__ __forceinline__ void ms_stage_band_rows(const float* x, const float* y, const float* pos,
                                                   const float* mask, float* xs, float* ys, float* ps, float* ms,
                                                   int64_t rowBase, int b, int base, int rows, int sites, int d,
                                                   int h) {
  for (int e = threadIdx.x; e < rows * DH; e += blockDim.x) {
    int r = e / DH, c = e % DH;
    int64_t src = rowBase + (int64_t)(base + r) * d + h * DH + c;
    xs[e] = x[src];
    ys[e] = y[src];
  }
  for (int r = threadIdx.x; r < rows; r += blockDim.x) {
    ps[r] = pos[(int64_t)b * sites + base + r];
    ms[r] = ms_site_valid(mask, (int64_t)b * sites + base + r) ? 1.0f : 0.0f;
  }
}

template <int DH>
__device__ __forceinline__ void ms_band_tile(int64_t tileIndex, int sites, int w, int& t0, int& base, int& rows) {
  t0 = (int)(tileIndex * MS_TQ);
  base = max(0, t0 - w);
  int end = min(sites - 1, t0 + MS_TQ - 1 + w);
  rows = end - base + 1;
}

template <int DH>
__device__ __forceinline__ void ms_band_attention_forward_tiled_t(
    const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out,
    float* lse, int batch, int n, int sites, int d, int heads, int w) {
  MS_DYNAMIC_SHARED(smem);
  const float scale = rsqrtf((float)DH);
  const int tiles = (sites + MS_TQ - 1) / MS_TQ;
  for (int64_t blk = blockIdx.x; blk < (int64_t)batch * n * heads * tiles; blk += gridDim.x) {
    const int tile = (int)(blk % tiles);
    const int h = (int)((blk / tiles) % heads);
    const int64_t bi = blk / ((int64_t)tiles * heads);
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    int t0, base, rows;
    ms_band_tile<DH>(tile, sites, w, t0, base, rows);
    float* Ks = smem;
    float* Vs = Ks + rows * DH;
    float* Ps = Vs + rows * DH;
    float* Ms = Ps + rows;
    __syncthreads();  // the previous tile's readers are done
    ms_stage_band_rows<DH>(k, v, pos, mask, Ks, Vs, Ps, Ms, rowBase, b, base, rows, sites, d, h);
    __syncthreads();
    const float slope = (float)ms_softplus((double)a[h]);
    for (int lq = threadIdx.x; lq < MS_TQ; lq += blockDim.x) {
      const int l = t0 + lq;
      if (l >= sites) continue;
      const int64_t row = rowBase + (int64_t)l * d + h * DH;
      const int64_t t = (bi * heads + h) * sites + l;
      if (Ms[l - base] == 0.0f) {
#pragma unroll
        for (int c = 0; c < DH; c++) out[row + c] = 0.0f;
        lse[t] = 0.0f;
        continue;
      }
      float qr[DH], acc[DH];
#pragma unroll
      for (int c = 0; c < DH; c++) {
        qr[c] = q[row + c];
        acc[c] = 0.0f;
      }
      const float pl = Ps[l - base];
      float m = -INFINITY, sum = 0.0f;
      const int lo = max(0, l - w), hi = min(sites - 1, l + w);
      for (int j = lo; j <= hi; j++) {
        const int r = j - base;
        if (Ms[r] == 0.0f) continue;
        float s = scale * ms_dot<DH>(qr, Ks + r * DH, DH) - slope * fabsf(pl - Ps[r]);
        if (s > m) {
          float rr = expf(m - s);
          sum *= rr;
#pragma unroll
          for (int c = 0; c < DH; c++) acc[c] *= rr;
          m = s;
        }
        float p = expf(s - m);
        sum += p;
#pragma unroll
        for (int c = 0; c < DH; c++) acc[c] += p * Vs[r * DH + c];
      }
      const float inv = 1.0f / sum;
#pragma unroll
      for (int c = 0; c < DH; c++) out[row + c] = acc[c] * inv;
      lse[t] = m + logf(sum);
    }
  }
}

template <int DH>
__device__ __forceinline__ void ms_band_attention_backward_q_tiled_t(
    const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask,
    const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch,
    int n, int sites, int d, int heads, int w) {
  MS_DYNAMIC_SHARED(smem);
  const float scale = rsqrtf((float)DH);
  const int tiles = (sites + MS_TQ - 1) / MS_TQ;
  for (int64_t blk = blockIdx.x; blk < (int64_t)batch * n * heads * tiles; blk += gridDim.x) {
    const int tile = (int)(blk % tiles);
    const int h = (int)((blk / tiles) % heads);
    const int64_t bi = blk / ((int64_t)tiles * heads);
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    int t0, base, rows;
    ms_band_tile<DH>(tile, sites, w, t0, base, rows);
    float* Ks = smem;
    float* Vs = Ks + rows * DH;
    float* Ps = Vs + rows * DH;
    float* Ms = Ps + rows;
    __syncthreads();
    ms_stage_band_rows<DH>(k, v, pos, mask, Ks, Vs, Ps, Ms, rowBase, b, base, rows, sites, d, h);
    __syncthreads();
    const float slope = (float)ms_softplus((double)a[h]);
    for (int lq = threadIdx.x; lq < MS_TQ; lq += blockDim.x) {
      const int l = t0 + lq;
      if (l >= sites) continue;
      const int64_t row = rowBase + (int64_t)l * d + h * DH;
      const int64_t t = (bi * heads + h) * sites + l;
      if (Ms[l - base] == 0.0f) {
#pragma unroll
        for (int c = 0; c < DH; c++) gq[row + c] = 0.0f;
        dRow[t] = 0.0f;
        biasSum[t] = 0.0;
        continue;
      }
      float qr[DH], gr[DH], acc[DH];
#pragma unroll
      for (int c = 0; c < DH; c++) {
        qr[c] = q[row + c];
        gr[c] = gOut[row + c];
        acc[c] = 0.0f;
      }
      const float pl = Ps[l - base];
      const float D = ms_dot<DH>(gOut + row, out + row, DH);
      const float L = lse[t];
      double bias = 0.0;
      const int lo = max(0, l - w), hi = min(sites - 1, l + w);
      for (int j = lo; j <= hi; j++) {
        const int r = j - base;
        if (Ms[r] == 0.0f) continue;
        const float dist = fabsf(pl - Ps[r]);
        const float p = expf(scale * ms_dot<DH>(qr, Ks + r * DH, DH) - slope * dist - L);
        const float ds = p * (ms_dot<DH>(gr, Vs + r * DH, DH) - D);
        bias += (double)ds * dist;
#pragma unroll
        for (int c = 0; c < DH; c++) acc[c] += scale * ds * Ks[r * DH + c];
      }
#pragma unroll
      for (int c = 0; c < DH; c++) gq[row + c] = acc[c];
      dRow[t] = D;
      biasSum[t] = bias;
    }
  }
}

// Key side, tiled over keys: stages the queries that see the tile (their q and dO rows, lse, D,
// positions and validity).
template <int DH>
__device__ __forceinline__ void ms_band_attention_backward_kv_tiled_t(
    const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask,
    const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites,
    int d, int heads, int w) {
  MS_DYNAMIC_SHARED(smem);
  const float scale = rsqrtf((float)DH);
  const int tiles = (sites + MS_TQ - 1) / MS_TQ;
  for (int64_t blk = blockIdx.x; blk < (int64_t)batch * n * heads * tiles; blk += gridDim.x) {
    const int tile = (int)(blk % tiles);
    const int h = (int)((blk / tiles) % heads);
    const int64_t bi = blk / ((int64_t)tiles * heads);
    const int b = (int)(bi / n);
    const int64_t rowBase = bi * sites * d;
    int t0, base, rows;
    ms_band_tile<DH>(tile, sites, w, t0, base, rows);
    float* Qs = smem;
    float* Gs = Qs + rows * DH;
    float* Ps = Gs + rows * DH;
    float* Ms = Ps + rows;
    float* Ls = Ms + rows;
    float* Ds = Ls + rows;
    __syncthreads();
    ms_stage_band_rows<DH>(q, gOut, pos, mask, Qs, Gs, Ps, Ms, rowBase, b, base, rows, sites, d, h);
    for (int r = threadIdx.x; r < rows; r += blockDim.x) {
      int64_t rt = (bi * heads + h) * sites + base + r;
      Ls[r] = lse[rt];
      Ds[r] = dRow[rt];
    }
    __syncthreads();
    const float slope = (float)ms_softplus((double)a[h]);
    for (int jq = threadIdx.x; jq < MS_TQ; jq += blockDim.x) {
      const int j = t0 + jq;
      if (j >= sites) continue;
      const int64_t key = rowBase + (int64_t)j * d + h * DH;
      float kr[DH], vr[DH], ak[DH], av[DH];
#pragma unroll
      for (int c = 0; c < DH; c++) {
        kr[c] = k[key + c];
        vr[c] = v[key + c];
        ak[c] = av[c] = 0.0f;
      }
      if (Ms[j - base] != 0.0f) {
        const float pj = Ps[j - base];
        const int lo = max(0, j - w), hi = min(sites - 1, j + w);
        for (int l = lo; l <= hi; l++) {
          const int r = l - base;
          if (Ms[r] == 0.0f) continue;
          const float dist = fabsf(Ps[r] - pj);
          const float p = expf(scale * ms_dot<DH>(Qs + r * DH, kr, DH) - slope * dist - Ls[r]);
          const float ds = p * (ms_dot<DH>(Gs + r * DH, vr, DH) - Ds[r]);
#pragma unroll
          for (int c = 0; c < DH; c++) {
            av[c] += p * Gs[r * DH + c];
            ak[c] += scale * ds * Qs[r * DH + c];
          }
        }
      }
#pragma unroll
      for (int c = 0; c < DH; c++) {
        gk[key + c] = ak[c];
        gv[key + c] = av[c];
      }
    }
  }
}

// Tiled entry points (head widths 16 and 32).
extern "C" __global__ void ms_band_attention_forward_tiled_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_tiled_t<16>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_forward_tiled_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, float* out, float* lse, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_forward_tiled_t<32>(q, k, v, pos, a, mask, out, lse, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_tiled_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_tiled_t<16>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_q_tiled_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* out, const float* lse, const float* gOut, float* gq, float* dRow, double* biasSum, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_q_tiled_t<32>(q, k, v, pos, a, mask, out, lse, gOut, gq, dRow, biasSum, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_tiled_dh16(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_tiled_t<16>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
extern "C" __global__ void ms_band_attention_backward_kv_tiled_dh32(const float* q, const float* k, const float* v, const float* pos, const float* a, const float* mask, const float* lse, const float* gOut, const float* dRow, float* gk, float* gv, int batch, int n, int sites, int d, int heads, int w) { ms_band_attention_backward_kv_tiled_t<32>(q, k, v, pos, a, mask, lse, gOut, dRow, gk, gv, batch, n, sites, d, heads, w); }
