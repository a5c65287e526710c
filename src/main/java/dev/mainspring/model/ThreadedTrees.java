package dev.mainspring.model;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ThreadingParents;

/**
 * The hard per-site trees of a batch (MODEL.md, "Building the ARG"): from the hard copying targets
 * and the predicted join times, {@link ThreadingParents} threads each real site's tree on the
 * batch's backend. The result is the structure the differentiable SFS sums over (gradients flow to
 * the times only). Only inference reads the targets themselves, so they reach the host on demand.
 */
final class ThreadedTrees {
  /** Parent arrays [B, S, 2n−1] (I32); padded sites are all −1 and never read. */
  final Tensor parents;
  private final BatchTensors bt;
  private final Tensor hard;
  private int[][] targets;

  private ThreadedTrees(BatchTensors bt, Tensor hard, Tensor parents) {
    this.bt = bt;
    this.hard = hard;
    this.parents = parents;
  }

  /**
   * @param hard the one-hot targets [B, S, n, n]
   * @param times predicted join times [B, n, S] in generations
   */
  static ThreadedTrees of(BatchTensors bt, Tensor hard, Tensor times) {
    return new ThreadedTrees(bt, hard, ThreadingParents.apply(hard, times, bt.siteMask));
  }

  /**
   * Hard targets ĵ_i(l) as [b][i * S_b + l] (row 0: −1), read from the one-hot tensor the first
   * time they are asked for (while it is still alive: inside the forward pass's scope).
   */
  int[][] targets() {
    if (targets == null) {
      targets = hostTargets();
    }
    return targets;
  }

  private int[][] hostTargets() {
    int n = bt.n;
    int s = bt.maxSites;
    float[] oneHot = hard.toFloatArray();
    int[][] out = new int[bt.batch][];
    for (int b = 0; b < bt.batch; b++) {
      int se = bt.sites[b];
      int[] tg = new int[n * se];
      java.util.Arrays.fill(tg, 0, se, -1);
      for (int l = 0; l < se; l++) {
        for (int i = 1; i < n; i++) {
          int row = ((b * s + l) * n + i) * n;
          int j = 0;
          while (j < i && oneHot[row + j] == 0) {
            j++;
          }
          // ThreadingParents already rejected a row without a target.
          tg[i * se + l] = j;
        }
      }
      out[b] = tg;
    }
    return out;
  }
}
