package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DifferentiableSfsTest {
  /** One batch of random threaded trees in the op's layout, plus the same data as host arrays. */
  private static final class Batch {
    final int b;
    final int n;
    final int s;
    final int[] parents; // [B, S, 2n-1]
    final double[] times; // [B, n, S]
    final double[] span; // [B, S]
    final double[] mu; // [B]

    Batch(int b, int n, int s, long seed, double padFraction, boolean ties) {
      this.b = b;
      this.n = n;
      this.s = s;
      SplittableRandom rnd = new SplittableRandom(seed);
      int nodes = 2 * n - 1;
      parents = new int[b * s * nodes];
      times = new double[b * n * s];
      span = new double[b * s];
      mu = new double[b];
      for (int e = 0; e < b; e++) {
        mu[e] = rnd.nextDouble(0.5, 2.0);
        for (int l = 0; l < s; l++) {
          boolean pad = rnd.nextDouble() < padFraction;
          int[] target = ThreadingTrees.randomTargets(n, rnd);
          double[] t = ThreadingTrees.randomTimes(n, rnd, ties);
          int[] par = ThreadingTrees.thread(target, t);
          for (int v = 0; v < nodes; v++) {
            // Padded sites hold garbage that would break the tree checks if it were read.
            parents[(e * s + l) * nodes + v] = pad ? 7 * nodes : par[v];
          }
          for (int i = 0; i < n; i++) {
            times[(e * n + i) * s + l] = i == 0 ? 123.0 : t[i];
          }
          span[e * s + l] = pad ? 0.0 : rnd.nextDouble(10, 1000);
        }
      }
    }

    Tensor parentsT() {
      return Tensor.of(Backends.cpu(), parents, b, s, 2 * n - 1);
    }

    Tensor timesT(DType dt) {
      return Tensor.of(Backends.cpu(), dt, times, b, n, s);
    }

    Tensor spanT(DType dt) {
      return Tensor.of(Backends.cpu(), dt, span, b, s);
    }

    Tensor muT(DType dt) {
      return Tensor.of(Backends.cpu(), dt, mu, b);
    }
  }

  /** ŝ by explicit edges and explicit leaf counting (walk up from every leaf). */
  private static double[] naive(Batch x) {
    int n = x.n;
    int nodes = 2 * n - 1;
    double[] out = new double[x.b * (n - 1)];
    for (int e = 0; e < x.b; e++) {
      for (int l = 0; l < x.s; l++) {
        double w = x.span[e * x.s + l];
        if (w == 0) {
          continue;
        }
        int[] par = new int[nodes];
        System.arraycopy(x.parents, (e * x.s + l) * nodes, par, 0, nodes);
        for (int c = 0; c < nodes; c++) {
          int p = par[c];
          if (p < 0) {
            continue;
          }
          int k = 0;
          for (int leaf = 0; leaf < n; leaf++) {
            for (int v = leaf; v != -1; v = par[v]) {
              if (v == c) {
                k++;
                break;
              }
            }
          }
          double tp = p < n ? 0 : x.times[(e * n + p - n + 1) * x.s + l];
          double tc = c < n ? 0 : x.times[(e * n + c - n + 1) * x.s + l];
          if (k >= 1 && k <= n - 1) {
            out[e * (n - 1) + k - 1] += x.mu[e] * w * (tp - tc);
          }
        }
      }
    }
    return out;
  }

  @Test
  void threadingHelperBuildsBinaryTreesWithTimesIncreasingUpwards() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int rep = 0; rep < 200; rep++) {
      int n = 2 + rnd.nextInt(9);
      double[] t = ThreadingTrees.randomTimes(n, rnd, rep % 2 == 0);
      int[] par = ThreadingTrees.thread(ThreadingTrees.randomTargets(n, rnd), t);
      int[] children = new int[2 * n - 1];
      int roots = 0;
      for (int v = 0; v < par.length; v++) {
        if (par[v] < 0) {
          roots++;
        } else {
          children[par[v]]++;
          assertTrue(ThreadingTrees.time(par[v], n, t) >= ThreadingTrees.time(v, n, t));
        }
      }
      assertEquals(1, roots);
      for (int v = 0; v < par.length; v++) {
        assertEquals(v < n ? 0 : 2, children[v], "children of node " + v);
      }
    }
  }

  @Test
  void handWorkedThreeSampleTree() {
    // Samples 1 and 2 both thread onto 0: ((0,1):1, 2):2. Branch lengths: 0,1 → 1 each (k=1),
    // 2 → 2 (k=1), the (0,1) node → 1 (k=2). ŝ = mu·span·[4, 1].
    try (Scope sc = Scope.open()) {
      Tensor parents = Tensor.of(new int[] {3, 3, 4, 4, -1}, 1, 1, 5);
      Tensor times = Tensor.of(new double[] {0, 1, 2}, 1, 3, 1);
      Tensor span = Tensor.of(new double[] {2}, 1, 1);
      double[] got = DifferentiableSfs.apply(parents, times, span, 0.5).toDoubleArray();
      assertArrayEquals(new double[] {4, 1}, got, 1e-15);
    }
  }

  @Test
  void matchesDirectPerTreeComputation() {
    for (int[] dims : new int[][] {{3, 7, 11}, {2, 2, 5}, {1, 23, 4}}) {
      for (boolean ties : new boolean[] {false, true}) {
        Batch x = new Batch(dims[0], dims[1], dims[2], 17 + dims[1], 0.25, ties);
        double[] want = naive(x);
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
          try (Scope sc = Scope.open()) {
            double[] got = DifferentiableSfs.apply(x.parentsT(), x.timesT(dt), x.spanT(dt),
                x.muT(dt)).toDoubleArray();
            assertEquals(want.length, got.length);
            for (int k = 0; k < want.length; k++) {
              double tol = (dt == DType.F64 ? 1e-12 : 1e-5) * Math.max(1, Math.abs(want[k]));
              assertEquals(want[k], got[k], tol, dt + " entry " + k);
            }
          }
        }
      }
    }
  }

  @Test
  void scalarMuEqualsPerExampleMuOfTheSameValue() {
    Batch x = new Batch(2, 5, 6, 4, 0.0, false);
    try (Scope sc = Scope.open()) {
      Tensor mu = Tensor.full(Backends.cpu(), DType.F64, 0.75, 2);
      assertArrayEquals(
          DifferentiableSfs.apply(x.parentsT(), x.timesT(DType.F64), x.spanT(DType.F64), mu)
              .toDoubleArray(),
          DifferentiableSfs.apply(x.parentsT(), x.timesT(DType.F64), x.spanT(DType.F64), 0.75)
              .toDoubleArray(), 0.0);
    }
  }

  @Test
  void paddedSitesAddNothing() {
    // The same example with and without three padded sites (garbage parents, span 0).
    Batch x = new Batch(1, 6, 8, 9, 0.0, false);
    int n = 6;
    int nodes = 2 * n - 1;
    int padded = 11;
    int[] par = new int[padded * nodes];
    double[] times = new double[n * padded];
    double[] span = new double[padded];
    java.util.Arrays.fill(par, -5);
    java.util.Arrays.fill(times, 99.0);
    System.arraycopy(x.parents, 0, par, 0, 8 * nodes);
    for (int i = 0; i < n; i++) {
      System.arraycopy(x.times, i * 8, times, i * padded, 8);
    }
    System.arraycopy(x.span, 0, span, 0, 8);
    try (Scope sc = Scope.open()) {
      double[] plain = DifferentiableSfs.apply(x.parentsT(), x.timesT(DType.F64),
          x.spanT(DType.F64), 1.5).toDoubleArray();
      double[] pad = DifferentiableSfs.apply(Tensor.of(par, 1, padded, nodes),
          Tensor.of(times, 1, n, padded), Tensor.of(span, 1, padded), 1.5).toDoubleArray();
      assertArrayEquals(plain, pad, 1e-12);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    Batch x = new Batch(2, 6, 7, 31, 0.2, false);
    try (Scope sc = Scope.open()) {
      Tensor times = x.timesT(DType.F64).requiresGrad(true);
      Tensor parents = x.parentsT();
      Tensor span = Arith.scale(x.spanT(DType.F64), 1e-3); // O(1) outputs for the tolerance
      Tensor mu = x.muT(DType.F64);
      GradCheck.check(in -> DifferentiableSfs.apply(in[0], in[1], in[2], in[3]),
          parents, times, span, mu);
    }
  }

  @Test
  void paddedSitesAndRowZeroGetExactlyZeroGradient() {
    Batch x = new Batch(2, 5, 9, 77, 0.4, false);
    try (Scope sc = Scope.open()) {
      Tensor times = x.timesT(DType.F64).requiresGrad(true);
      Tensor out = DifferentiableSfs.apply(x.parentsT(), times, x.spanT(DType.F64),
          x.muT(DType.F64));
      Autograd.backward(out, Tensor.of(new Rand(3).normal(2 * 4), 2, 4));
      double[] g = times.grad().toDoubleArray();
      int padded = 0;
      for (int e = 0; e < 2; e++) {
        for (int l = 0; l < 9; l++) {
          boolean pad = x.span[e * 9 + l] == 0;
          padded += pad ? 1 : 0;
          for (int i = 0; i < 5; i++) {
            double gi = g[(e * 5 + i) * 9 + l];
            if (i == 0 || pad) {
              assertEquals(0.0, gi, 0.0, "example " + e + " sample " + i + " site " + l);
            } else {
              assertTrue(gi != 0.0, "valid internal node gets a gradient");
            }
          }
        }
      }
      assertTrue(padded > 0, "the test batch has padded sites");
      times.clearGrad();
    }
  }

  @Test
  void malformedTreesAreRejectedNamingTheSite() {
    int[][] bad = {
      {3, 3, 4, 4, 4},   // 4 is its own parent: no root
      {3, 3, 4, -1, -1}, // two roots
      {3, 3, 9, 4, -1},  // parent out of range
      {3, 4, 4, -1, 0},  // leaf 0 has a child
      {-1, 3, 4, 4, 3},  // one root (leaf 0), but 3 and 4 form a cycle
    };
    java.util.List<String> messages = new java.util.ArrayList<>();
    for (int[] par : bad) {
      try (Scope sc = Scope.open()) {
        int[] two = new int[10];
        System.arraycopy(new int[] {3, 3, 4, 4, -1}, 0, two, 0, 5);
        System.arraycopy(par, 0, two, 5, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> DifferentiableSfs.apply(Tensor.of(two, 1, 2, 5),
                Tensor.of(new double[] {0, 0, 1, 1, 2, 2}, 1, 3, 2),
                Tensor.of(new double[] {1, 1}, 1, 2), 1.0));
        assertTrue(e.getMessage().contains("parents[0, 1]"), e.getMessage());
        messages.add(e.getMessage());
      }
    }
    assertTrue(messages.get(4).contains("cycle"), messages.get(4));
    assertTrue(messages.get(3).contains("leaf 0"), messages.get(3));
  }

  @Test
  void shapeMismatchesAreClearErrors() {
    try (Scope sc = Scope.open()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DifferentiableSfs.apply(Tensor.of(new int[8], 1, 2, 4),
              Tensor.of(new double[6], 1, 3, 2), Tensor.of(new double[2], 1, 2), 1.0));
      assertTrue(e.getMessage().contains("parents"), e.getMessage());
    }
  }

  @Test
  void lossMatchesFormulaAndItsGradient() {
    Rand r = new Rand(12);
    try (Scope sc = Scope.open()) {
      Tensor pred = r.param(0.0, 5.0, 3, 4);
      double[] obs = {0, 1, 3, 7, 2, 0, 0, 5, 1, 1, 9, 4};
      double[] numSites = {11, 0, 23};
      Tensor obsT = Tensor.of(obs, 3, 4);
      Tensor sT = Tensor.of(numSites, 3);
      double[] got = DifferentiableSfs.loss(pred, obsT, sT).toDoubleArray();
      double[] p = pred.toDoubleArray();
      for (int e = 0; e < 3; e++) {
        double want = 0;
        for (int k = 0; k < 4; k++) {
          double d = p[e * 4 + k] - obs[e * 4 + k];
          want += d * d / Math.max(obs[e * 4 + k], 1);
        }
        want /= Math.max(numSites[e], 1);
        assertEquals(want, got[e], 1e-12);
      }
      GradCheck.check(in -> DifferentiableSfs.loss(in[0], in[1], in[2]), pred, obsT, sT);
    }
  }

  @Test
  void lossThroughTheSfsGradientCheck() {
    Batch x = new Batch(2, 5, 6, 5, 0.2, false);
    try (Scope sc = Scope.open()) {
      Tensor times = x.timesT(DType.F64).requiresGrad(true);
      Tensor obs = Tensor.of(new double[] {3, 1, 0, 2, 5, 0, 1, 1}, 2, 4);
      Tensor numSites = Tensor.of(new double[] {6, 4}, 2);
      Tensor span = Arith.scale(x.spanT(DType.F64), 2e-3);
      GradCheck.check(in -> DifferentiableSfs.loss(
          DifferentiableSfs.apply(in[0], in[1], in[2], 0.8), in[3], in[4]),
          x.parentsT(), times, span, obs, numSites);
    }
  }
}
