package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ThreadingParents;
import java.util.Arrays;

/**
 * CPU reference for {@link ThreadingParents}: sites in parallel, each read into a target and a
 * (float) time array and threaded by {@link #thread}, the walk of {@code data.ThreadingArgBuilder}
 * (which tensor code may not import; a test holds the two equal). O(n²) per site to find the
 * targets, O(n·depth) to thread.
 */
final class ThreadingParentsCpu implements ThreadingParents.Kernels {
  @Override
  public void parents(Tensor hard, Tensor times, Tensor siteMask, Tensor out) {
    int batch = times.dim(0);
    int n = times.dim(1);
    int sites = times.dim(2);
    int nodes = 2 * n - 1;
    CpuBuf h = CpuBuf.of(hard);
    CpuBuf t = CpuBuf.of(times);
    CpuBuf m = CpuBuf.ofNullable(siteMask);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range((long) batch * sites, 16, (q0, q1) -> {
      int[] target = new int[n];
      float[] time = new float[n];
      int[] parent = new int[nodes];
      for (long q = q0; q < q1; q++) {
        int b = (int) (q / sites);
        int l = (int) (q % sites);
        if (m != null && m.get(q) == 0.0) {
          Arrays.fill(parent, -1);
        } else {
          for (int i = 1; i < n; i++) {
            long row = (q * n + i) * n;
            int j = 0;
            while (j < i && h.get(row + j) == 0.0) {
              j++;
            }
            if (j == i) {
              throw new IllegalArgumentException("threading: example " + b + ", site " + l + ": sample " + i
                  + " has no hard target (no nonzero entry at j < " + i + " in its one-hot row)");
            }
            target[i] = j;
            time[i] = (float) t.get(((long) b * n + i) * sites + l);
            if (!(time[i] > 0) || !Float.isFinite(time[i])) {
              throw new IllegalArgumentException("threading: example " + b + ", site " + l + ": join time of sample "
                  + i + " must be positive and finite, got " + time[i]);
            }
          }
          thread(target, time, parent);
        }
        for (int v = 0; v < nodes; v++) {
          o.set(q * nodes + v, parent[v]);
        }
      }
    });
  }

  /**
   * Threads one site: {@code target[i]} in [0, i) and {@code time[i]} > 0 for i = 1..n−1 (checked
   * by the caller; index 0 ignored) give the parent of every node 0..2n−2 in {@code out}, −1 at the
   * root. Ties in time are ordered by node id, so equal join times still give one binary tree.
   */
  static void thread(int[] target, float[] time, int[] out) {
    int n = target.length;
    Arrays.fill(out, 0, 2 * n - 1, -1);
    for (int i = 1; i < n; i++) {
      float t = time[i];
      int w = n - 1 + i;
      int x = target[i];
      int p;
      // Climb while the parent is at or below the new node in (time, id) order.
      while ((p = out[x]) != -1 && (time[p - n + 1] < t || (time[p - n + 1] == t && p < w))) {
        x = p;
      }
      out[w] = out[x];
      out[x] = w;
      out[i] = w;
    }
  }
}
