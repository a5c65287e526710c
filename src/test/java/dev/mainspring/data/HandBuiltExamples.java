package dev.mainspring.data;

import java.util.Arrays;

/**
 * Training examples written by hand for tests outside this package: the true local tree of each
 * site is given as canonical targets (min J*) and join times, and the target-set ranks are derived
 * from the tree those thread to (which is the true tree, see ThreadingArgBuilderTest).
 */
public final class HandBuiltExamples {
  private HandBuiltExamples() {}

  /**
   * @param genotypes 0/1 [i*S + l]
   * @param target true min J*_i(l) [i*S + l] (row 0 ignored)
   * @param joinTime true t*_i(l) in generations [i*S + l] (row 0 ignored)
   */
  public static TrainingExample of(int n, double length, double mu, double[] positions, byte[] genotypes, int[] target,
      float[] joinTime, float[] logNeGrid) {
    int s = positions.length;
    int[] leafRank = new int[s * n];
    int[] rankLo = new int[n * s];
    int[] rankHi = new int[n * s];
    int[] tg = new int[n];
    float[] tm = new float[n];
    int[] tgFull = target.clone();
    float[] jtFull = joinTime.clone();
    for (int l = 0; l < s; l++) {
      for (int i = 1; i < n; i++) {
        tg[i] = target[i * s + l];
        tm[i] = joinTime[i * s + l];
      }
      int[] parent = ThreadingArgBuilder.parents(tg, tm);
      int[] rank = new int[n];
      int[] lo = new int[2 * n - 1];
      int[] hi = new int[2 * n - 1];
      Arrays.fill(lo, Integer.MAX_VALUE);
      Arrays.fill(hi, -1);
      dfs(root(parent), parent, n, new int[] {0}, rank, lo, hi);
      for (int j = 0; j < n; j++) {
        leafRank[l * n + j] = rank[j];
      }
      rankLo[l] = 0;
      rankHi[l] = -1;
      tgFull[l] = -1;
      jtFull[l] = 0;
      for (int i = 1; i < n; i++) {
        int u = n - 1 + i; // sample i's join node is u_i in a threaded tree
        rankLo[i * s + l] = lo[u];
        rankHi[i * s + l] = hi[u];
      }
    }
    return new TrainingExample(1, n, s, length, mu, 0, genotypes, positions, jtFull, tgFull, leafRank, rankLo, rankHi,
        new byte[n * s], logNeGrid, new double[] {0}, new double[] {1e4}, 1, 0, 0, 0, 0, null);
  }

  private static int root(int[] parent) {
    for (int v = 0; v < parent.length; v++) {
      if (parent[v] == -1) {
        return v;
      }
    }
    throw new IllegalArgumentException("no root");
  }

  private static void dfs(int v, int[] parent, int n, int[] next, int[] rank, int[] lo, int[] hi) {
    if (v < n) {
      rank[v] = next[0]++;
      lo[v] = rank[v];
      hi[v] = rank[v];
      return;
    }
    for (int c = 0; c < parent.length; c++) {
      if (parent[c] == v) {
        dfs(c, parent, n, next, rank, lo, hi);
        lo[v] = Math.min(lo[v], lo[c]);
        hi[v] = Math.max(hi[v], hi[c]);
      }
    }
  }
}
