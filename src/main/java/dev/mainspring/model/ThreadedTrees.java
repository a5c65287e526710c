package dev.mainspring.model;

import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Tensor;

/**
 * The hard per-site trees of a batch (MODEL.md, "Building the ARG"): from the hard copying targets
 * and the predicted join times, {@link ThreadingArgBuilder#parents} threads each real site's tree.
 * The result is the structure the differentiable SFS sums over (gradients flow to the times only).
 */
final class ThreadedTrees {
  /** Hard targets ĵ_i(l) as [b][i * S_b + l] (row 0: −1). */
  final int[][] targets;
  /** Parent arrays [B, S, 2n−1] (I32); padded sites are all −1 and never read. */
  final Tensor parents;

  private ThreadedTrees(int[][] targets, Tensor parents) {
    this.targets = targets;
    this.parents = parents;
  }

  /**
   * @param hard the one-hot targets [B, S, n, n]
   * @param times predicted join times [B, n, S] in generations
   */
  static ThreadedTrees of(BatchTensors bt, Tensor hard, Tensor times) {
    int n = bt.n;
    int s = bt.maxSites;
    int nodes = 2 * n - 1;
    float[] oneHot = hard.toFloatArray();
    float[] t = times.toFloatArray();
    int[] parents = new int[bt.batch * s * nodes];
    java.util.Arrays.fill(parents, -1);
    int[][] targets = new int[bt.batch][];
    int[] site = new int[n];
    float[] siteTimes = new float[n];
    int[] out = new int[nodes];
    for (int b = 0; b < bt.batch; b++) {
      int se = bt.sites[b];
      int[] tg = new int[n * se];
      java.util.Arrays.fill(tg, 0, se, -1);
      for (int l = 0; l < se; l++) {
        site[0] = -1;
        for (int i = 1; i < n; i++) {
          int row = ((b * s + l) * n + i) * n;
          int j = 0;
          while (j < i && oneHot[row + j] == 0) {
            j++;
          }
          if (j == i) {
            throw new IllegalStateException("no hard target for sample " + i + " at site " + l + " of example " + b);
          }
          site[i] = j;
          tg[i * se + l] = j;
          siteTimes[i] = t[(b * n + i) * s + l];
        }
        ThreadingArgBuilder.parents(site, siteTimes, out);
        System.arraycopy(out, 0, parents, (b * s + l) * nodes, nodes);
      }
      targets[b] = tg;
    }
    return new ThreadedTrees(targets, Tensor.of(Backends.current(), parents, bt.batch, s, nodes));
  }
}
