package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.WindowedMismatch;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link WindowedMismatch}. Each task owns a run of sites of one example and
 * keeps the n×n mismatch counts of the current window, adding the site entering it and removing
 * the one leaving it as the window slides (the prefix-sum difference, done incrementally): O(n²)
 * per site and contiguous [n, n] output rows. Counts are integers, so any split gives identical
 * results.
 */
final class WindowedMismatchCpu implements WindowedMismatch.Kernels {
  @Override
  public void forward(Tensor d, Tensor mask, int w, Tensor out) {
    int batch = d.dim(0);
    int n = d.dim(1);
    int sites = d.dim(2);
    if (sites == 0 || n == 0) {
      return;
    }
    CpuBuf g = CpuBuf.of(d);
    CpuBuf m = CpuBuf.ofNullable(mask);
    CpuBuf o = CpuBuf.of(out);
    // Enough tasks to keep every core busy, each long enough that filling its first window
    // (2w+1 sites) costs no more than sliding through its own sites.
    int wanted = Math.max(1, (4 * Parallel.threads() + batch - 1) / batch);
    int perExample = Math.max(1, Math.min(wanted, sites / (2 * w + 1)));
    int nn = n * n;
    Parallel.range((long) batch * perExample, 1, (t0, t1) -> {
      int[] count = new int[nn];
      int[] bits = new int[n];
      float[] rowF = o.isF32() ? new float[nn] : null;
      for (long t = t0; t < t1; t++) {
        int b = (int) (t / perExample);
        int c = (int) (t % perExample);
        int l0 = (int) ((long) c * sites / perExample);
        int l1 = (int) ((long) (c + 1) * sites / perExample);
        java.util.Arrays.fill(count, 0);
        for (int l = Math.max(0, l0 - w); l <= Math.min(sites - 1, l0 + w); l++) {
          addSite(g, m, b, n, sites, l, 1, bits, count);
        }
        for (int l = l0; l < l1; l++) {
          if (l > l0) {
            if (l + w < sites) {
              addSite(g, m, b, n, sites, l + w, 1, bits, count);
            }
            if (l - w - 1 >= 0) {
              addSite(g, m, b, n, sites, l - w - 1, -1, bits, count);
            }
          }
          long off = ((long) b * sites + l) * nn;
          if (rowF != null) {
            for (int q = 0; q < nn; q++) {
              rowF[q] = count[q];
            }
            MemorySegment.copy(rowF, 0, o.seg(), ValueLayout.JAVA_FLOAT, off * 4, nn);
          } else {
            for (int q = 0; q < nn; q++) {
              o.set(off + q, count[q]);
            }
          }
        }
      }
    });
  }

  /** count[i, j] += sign · [rows i and j differ at site l], when l is valid. */
  private static void addSite(CpuBuf g, CpuBuf m, int b, int n, int sites, int l, int sign,
      int[] bits, int[] count) {
    if (m != null && m.get((long) b * sites + l) == 0.0) {
      return;
    }
    for (int i = 0; i < n; i++) {
      bits[i] = g.get(((long) b * n + i) * sites + l) != 0.0 ? 1 : 0;
    }
    for (int i = 0; i < n; i++) {
      int bi = bits[i];
      int base = i * n;
      for (int j = 0; j < n; j++) {
        count[base + j] += sign * (bi ^ bits[j]);
      }
    }
  }
}
