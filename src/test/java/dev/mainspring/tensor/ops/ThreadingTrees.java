package dev.mainspring.tensor.ops;

import java.util.SplittableRandom;

/**
 * Random local trees built by the threading rule of MODEL.md ("Building the ARG"), for tests of
 * ops that read parent arrays. Deliberately a literal, slow transcription of the rule, independent
 * of the simulator's builder.
 */
final class ThreadingTrees {
  private ThreadingTrees() {}

  /**
   * The parent array over 2n-1 nodes made by threading samples 1..n-1: node n-1+i gets time
   * {@code joinTime[i]}, and is spliced onto the branch reached by walking up from leaf
   * {@code target[i]} while the parent's (time, id) is ≤ the new node's (time, id).
   */
  static int[] thread(int[] target, double[] joinTime) {
    int n = target.length;
    int nodes = 2 * n - 1;
    int[] parent = new int[nodes];
    java.util.Arrays.fill(parent, -1);
    for (int i = 1; i < n; i++) {
      int u = n - 1 + i;
      int v = target[i];
      if (v < 0 || v >= i) {
        throw new IllegalArgumentException("target of " + i + " must be in [0, " + i + ")");
      }
      while (parent[v] != -1 && !after(parent[v], u, n, joinTime)) {
        v = parent[v];
      }
      parent[u] = parent[v];
      parent[v] = u;
      parent[i] = u;
    }
    return parent;
  }

  /** Node time: leaves 0, node n-1+i at joinTime[i]. */
  static double time(int v, int n, double[] joinTime) {
    return v < n ? 0.0 : joinTime[v - n + 1];
  }

  /** True when node a is strictly above node b in (time, id) order. */
  private static boolean after(int a, int b, int n, double[] joinTime) {
    double ta = time(a, n, joinTime);
    double tb = time(b, n, joinTime);
    return ta > tb || ta == tb && a > b;
  }

  /** Random targets ĵ_i < i (entry 0 unused). */
  static int[] randomTargets(int n, SplittableRandom rnd) {
    int[] t = new int[n];
    for (int i = 1; i < n; i++) {
      t[i] = rnd.nextInt(i);
    }
    return t;
  }

  /** Random positive join times (entry 0 unused); with {@code ties}, drawn from a few values. */
  static double[] randomTimes(int n, SplittableRandom rnd, boolean ties) {
    double[] t = new double[n];
    for (int i = 1; i < n; i++) {
      t[i] = ties ? 1 + rnd.nextInt(3) : rnd.nextDouble(0.05, 5.0);
    }
    return t;
  }
}
