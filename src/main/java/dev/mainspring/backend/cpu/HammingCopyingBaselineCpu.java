package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;

/**
 * CPU reference for {@link HammingCopyingBaseline}: one task per (example, sample i); for each
 * j < i a prefix sum of mismatches gives the windowed count at every site, and a forward and a
 * backward scan give the nearest mismatches on either side for the tie key. O(n²·S) in all.
 */
final class HammingCopyingBaselineCpu implements HammingCopyingBaseline.Kernels {
  @Override
  public void targets(Tensor d, Tensor mask, int w, Tensor out) {
    int batch = d.dim(0);
    int n = d.dim(1);
    int sites = d.dim(2);
    CpuBuf g = CpuBuf.of(d);
    CpuBuf m = CpuBuf.ofNullable(mask);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range((long) batch * n, 1, (t0, t1) -> {
      boolean[] valid = new boolean[sites];
      int[] validBefore = new int[sites + 1]; // valid sites in [0, x)
      boolean[] rowI = new boolean[sites];
      boolean[] miss = new boolean[sites];
      int[] missBefore = new int[sites + 1];
      int[] prev = new int[sites];
      int[] next = new int[sites];
      int[] bestM = new int[sites];
      int[] bestRun = new int[sites];
      int[] bestJ = new int[sites];
      for (long t = t0; t < t1; t++) {
        int b = (int) (t / n);
        int i = (int) (t % n);
        long rowOff = ((long) b * n + i) * sites;
        if (i == 0) {
          for (int l = 0; l < sites; l++) {
            o.set(rowOff + l, -1);
          }
          continue;
        }
        for (int l = 0; l < sites; l++) {
          valid[l] = m == null || m.get((long) b * sites + l) != 0.0;
          validBefore[l + 1] = validBefore[l] + (valid[l] ? 1 : 0);
          rowI[l] = g.get(rowOff + l) != 0.0;
        }
        java.util.Arrays.fill(bestJ, -1);
        for (int j = 0; j < i; j++) {
          long rowJ = ((long) b * n + j) * sites;
          for (int l = 0; l < sites; l++) {
            miss[l] = valid[l] && rowI[l] != (g.get(rowJ + l) != 0.0);
            missBefore[l + 1] = missBefore[l] + (miss[l] ? 1 : 0);
          }
          int last = -1;
          for (int l = 0; l < sites; l++) {
            prev[l] = last;
            if (miss[l]) {
              last = l;
            }
          }
          last = sites;
          for (int l = sites - 1; l >= 0; l--) {
            next[l] = last;
            if (miss[l]) {
              last = l;
            }
          }
          for (int l = 0; l < sites; l++) {
            if (!valid[l]) {
              continue;
            }
            int mm = missBefore[Math.min(sites, l + w + 1)] - missBefore[Math.max(0, l - w)];
            int run = validBefore[next[l]] - validBefore[prev[l] + 1];
            if (bestJ[l] < 0 || mm < bestM[l] || mm == bestM[l] && run > bestRun[l]) {
              bestM[l] = mm;
              bestRun[l] = run;
              bestJ[l] = j;
            }
          }
        }
        for (int l = 0; l < sites; l++) {
          o.set(rowOff + l, valid[l] ? bestJ[l] : -1);
        }
      }
    });
  }
}
