// Input features: windowed mismatch counts (backend/cpu/WindowedMismatchCpu.java) and the soft
// histogram (backend/cpu/SoftHistogramCpu.java).
#include "common.cuh"

// out[b, l, i, j] = number of valid sites l' with |l' − l| ≤ w where rows i and j differ.
// d: [B, n, S] (nonzero = derived); mask: [B, S] or null. Counts are integers: exact.
extern "C" __global__ void ms_windowed_mismatch(const float* d, const float* mask, float* out, int batch, int n,
                                                int sites, int w) {
  const int64_t nn = (int64_t)n * n;
  MS_GRID_STRIDE(q, (int64_t)batch * sites * nn) {
    int64_t ij = q % nn;
    int64_t bl = q / nn;
    int b = (int)(bl / sites), l = (int)(bl % sites);
    int i = (int)(ij / n), j = (int)(ij % n);
    const float* di = d + ((int64_t)b * n + i) * sites;
    const float* dj = d + ((int64_t)b * n + j) * sites;
    int lo = max(0, l - w), hi = min(sites - 1, l + w);
    int count = 0;
    for (int s = lo; s <= hi; s++) {
      if (mask && mask[(int64_t)b * sites + s] == 0.0f) continue;
      count += (di[s] != 0.0f) != (dj[s] != 0.0f);
    }
    out[q] = (float)count;
  }
}

// Soft histogram, stage 1: one block per (example b, bin k), k = bins being the mass Σ mask. Each
// thread walks a fixed stride of the example's entries; the block sum has a fixed order.
// phi_k(v) = exp(−a·(v − c_k)²), c_k = first + k·step, a = 1/(2σ²).
extern "C" __global__ void ms_soft_histogram_sums(const float* x, const float* mask, double* sums, int batch,
                                                  int64_t per, double first, double step, int bins, double a) {
  __shared__ double red[32];
  const int b = blockIdx.x / (bins + 1), k = blockIdx.x % (bins + 1);
  const double c = first + k * step;
  double acc = 0.0;
  for (int64_t e = threadIdx.x; e < per; e += blockDim.x) {
    int64_t q = (int64_t)b * per + e;
    double w = mask ? (double)mask[q] : 1.0;
    if (w == 0.0) continue;
    if (k == bins) {
      acc += w;
    } else {
      double dv = (double)x[q] - c;
      acc += w * exp(-a * dv * dv);
    }
  }
  acc = ms_block_sum(acc, red);
  if (threadIdx.x == 0) sums[blockIdx.x] = acc;
}

// Stage 2: out[b, k] = sums[b, k] / mass[b] (0 when the mass is 0); mass[b] kept for backward.
extern "C" __global__ void ms_soft_histogram_finish(const double* sums, float* out, float* mass, int batch,
                                                    int bins) {
  MS_GRID_STRIDE(q, (int64_t)batch * bins) {
    int b = (int)(q / bins), k = (int)(q % bins);
    double total = sums[(int64_t)b * (bins + 1) + bins];
    out[q] = total == 0.0 ? 0.0f : (float)(sums[(int64_t)b * (bins + 1) + k] / total);
    if (k == 0) mass[b] = (float)total;
  }
}

// gx[q] = w/mass · Σ_k g[b, k]·phi_k(v)·(−(v − c_k)/σ²).
extern "C" __global__ void ms_soft_histogram_backward(const float* x, const float* mask, const float* mass,
                                                      const float* g, float* gx, int batch, int64_t per,
                                                      double first, double step, int bins, double a,
                                                      double invS2) {
  MS_GRID_STRIDE(q, (int64_t)batch * per) {
    int b = (int)(q / per);
    double w = mask ? (double)mask[q] : 1.0;
    double total = mass[b];
    if (w == 0.0 || total == 0.0) {
      gx[q] = 0.0f;
      continue;
    }
    double v = x[q];
    double acc = 0.0;
    for (int k = 0; k < bins; k++) {
      double dv = v - (first + k * step);
      acc += (double)g[(int64_t)b * bins + k] * exp(-a * dv * dv) * (-dv * invS2);
    }
    gx[q] = (float)(acc * w / total);
  }
}

// Nearest-Hamming copying baseline targets (backend/cpu/HammingCopyingBaselineCpu.java), one thread
// per (example b, sample i), exactly the CPU's scan: for each j < i in order, windowed mismatches and
// the identical stretch around each site, keeping the fewest mismatches, then the longest stretch,
// then the smallest j. `work` holds 7·(S+1) ints per thread. out: I32 [B, n, S], −1 for row 0 and
// padded sites.
extern "C" __global__ void ms_hamming_targets(const float* d, const float* mask, int* out, int* work, int batch,
                                              int n, int sites, int w) {
  MS_GRID_STRIDE(t, (int64_t)batch * n) {
    const int b = (int)(t / n), i = (int)(t % n);
    const int64_t rowOff = ((int64_t)b * n + i) * sites;
    if (i == 0) {
      for (int l = 0; l < sites; l++) out[rowOff + l] = -1;
      continue;
    }
    int* validBefore = work + t * 7 * (int64_t)(sites + 1);
    int* missBefore = validBefore + (sites + 1);
    int* prev = missBefore + (sites + 1);
    int* next = prev + (sites + 1);
    int* bestM = next + (sites + 1);
    int* bestRun = bestM + (sites + 1);
    int* bestJ = bestRun + (sites + 1);
    validBefore[0] = 0;
    for (int l = 0; l < sites; l++) {
      bool valid = !mask || mask[(int64_t)b * sites + l] != 0.0f;
      validBefore[l + 1] = validBefore[l] + (valid ? 1 : 0);
      bestJ[l] = -1;
    }
    for (int j = 0; j < i; j++) {
      const int64_t rowJ = ((int64_t)b * n + j) * sites;
      missBefore[0] = 0;
      int last = -1;
      for (int l = 0; l < sites; l++) {
        bool valid = validBefore[l + 1] != validBefore[l];
        bool miss = valid && ((d[rowOff + l] != 0.0f) != (d[rowJ + l] != 0.0f));
        missBefore[l + 1] = missBefore[l] + (miss ? 1 : 0);
        prev[l] = last;
        if (miss) last = l;
      }
      last = sites;
      for (int l = sites - 1; l >= 0; l--) {
        next[l] = last;
        if (missBefore[l + 1] != missBefore[l]) last = l;
      }
      for (int l = 0; l < sites; l++) {
        if (validBefore[l + 1] == validBefore[l]) continue;
        int mm = missBefore[min(sites, l + w + 1)] - missBefore[max(0, l - w)];
        int run = validBefore[next[l]] - validBefore[prev[l] + 1];
        if (bestJ[l] < 0 || mm < bestM[l] || (mm == bestM[l] && run > bestRun[l])) {
          bestM[l] = mm;
          bestRun[l] = run;
          bestJ[l] = j;
        }
      }
    }
    for (int l = 0; l < sites; l++) out[rowOff + l] = validBefore[l + 1] != validBefore[l] ? bestJ[l] : -1;
  }
}
