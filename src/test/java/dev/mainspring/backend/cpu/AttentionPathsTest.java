package dev.mainspring.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The F32 fast paths of both attention kernels (plain loops and, when the module is present, the
 * Vector API) against the double-precision reference path on the same F32 inputs: outputs, saved
 * log-sum-exps and every gradient. Shapes exercise full vector blocks, the 4-block score loop and
 * scalar key tails (odd band lengths, 20 samples), masked feature tails (dh = 10) and heads narrower
 * than a vector (dh = 8 as at the small preset, dh = 6).
 */
class AttentionPathsTest {
  private final Rand rand = new Rand(41);

  private static List<AttentionRows> fastPaths() {
    List<AttentionRows> paths = new ArrayList<>();
    paths.add(new AttentionRowsScalar());
    if (VectorSupport.available()) {
      paths.add(AttentionRows.best());
    }
    return paths;
  }

  @Test
  void vectorPathRunsUnderTheTestJvm() {
    // Surefire starts the JVM with the incubator module, so the Vector API path is the one tested.
    assertTrue(VectorSupport.available(), VectorSupport.describe());
    assertEquals("vector", AttentionRows.best().name());
  }

  private static void close(Tensor want, Tensor got, double tol, String what) {
    double[] w = want.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int e = 0; e < w.length; e++) {
      boolean same = w[e] == g[e] // also covers −∞ log-sum-exps of rows without keys
          || Math.abs(w[e] - g[e]) <= tol * (1 + Math.abs(w[e]));
      if (!same) {
        throw new AssertionError(what + ": element " + e + " expected " + w[e] + " got " + g[e]);
      }
    }
  }

  private Tensor mask(int B, int S) {
    double[] m = new double[B * S];
    for (int e = 0; e < m.length; e++) {
      m[e] = rand.nextDouble() < 0.15 ? 0 : 1;
    }
    return Tensor.of(CpuBackend.instance(), DType.F32, m, B, S);
  }

  @Test
  void bandFastPathsMatchReference() {
    // The last two: the small preset's head dim 8 and band of 33 keys, and a head dim of 6.
    int[][] shapes = {{2, 3, 150, 48, 3, 64}, {1, 2, 41, 20, 2, 7}, {1, 2, 9, 16, 1, 30},
        {1, 2, 45, 32, 4, 16}, {1, 2, 23, 18, 3, 5}};
    for (int[] sh : shapes) {
      int B = sh[0];
      int n = sh[1];
      int S = sh[2];
      int d = sh[3];
      int H = sh[4];
      int w = sh[5];
      try (Scope s = Scope.open()) {
        Tensor q = rand.f32(B, n, S, d);
        Tensor k = rand.f32(B, n, S, d);
        Tensor v = rand.f32(B, n, S, d);
        Tensor g = rand.f32(B, n, S, d);
        double[] p = new double[B * S];
        for (int e = 1; e < p.length; e++) {
          p[e] = p[e - 1] + 0.3 * rand.nextDouble();
        }
        Tensor pos = Tensor.of(CpuBackend.instance(), DType.F32, p, B, S);
        Tensor a = rand.f32(H);
        Tensor mask = mask(B, S);
        Tensor[] ref = band(new BandAttentionCpu(null), q, k, v, pos, a, mask, H, w, g);
        for (AttentionRows rows : fastPaths()) {
          Tensor[] got = band(new BandAttentionCpu(rows), q, k, v, pos, a, mask, H, w, g);
          String[] names = {"out", "lse", "gq", "gk", "gv", "ga"};
          for (int x = 0; x < names.length; x++) {
            close(ref[x], got[x], x < 2 ? 1e-5 : 1e-4, rows.name() + " band " + names[x] + " "
                + java.util.Arrays.toString(sh));
          }
        }
      }
    }
  }

  private static Tensor[] band(BandAttentionCpu kern, Tensor q, Tensor k, Tensor v, Tensor pos,
      Tensor a, Tensor mask, int H, int w, Tensor g) {
    int[] sh = q.shape();
    Tensor out = Tensor.emptyLike(q);
    Tensor lse = Tensor.empty(q.backend(), DType.F32, sh[0], sh[1], H, sh[2]);
    kern.forward(q, k, v, pos, a, mask, H, w, out, lse);
    Tensor gq = Tensor.emptyLike(q);
    Tensor gk = Tensor.emptyLike(q);
    Tensor gv = Tensor.emptyLike(q);
    Tensor ga = Tensor.emptyLike(a);
    kern.backward(q, k, v, pos, a, mask, H, w, out, lse, g, gq, gk, gv, ga);
    return new Tensor[] {out, lse, gq, gk, gv, ga};
  }

  @Test
  void sampleFastPathsMatchReference() {
    int[][] shapes = {{1, 70, 3, 48, 3}, {2, 13, 5, 20, 2}, {1, 20, 7, 32, 4}, {1, 19, 4, 18, 3}};
    for (int[] sh : shapes) {
      int B = sh[0];
      int n = sh[1];
      int S = sh[2];
      int d = sh[3];
      int H = sh[4];
      for (boolean causal : new boolean[] {false, true}) {
        try (Scope s = Scope.open()) {
          Tensor q = rand.f32(B, n, S, d);
          Tensor k = rand.f32(B, n, S, d);
          Tensor v = rand.f32(B, n, S, d);
          Tensor g = rand.f32(B, n, S, d);
          Tensor mask = mask(B, S);
          Tensor[] ref = sample(new SampleAttentionCpu(null), q, k, v, mask, H, causal, g);
          for (AttentionRows rows : fastPaths()) {
            Tensor[] got = sample(new SampleAttentionCpu(rows), q, k, v, mask, H, causal, g);
            String[] names = {"out", "lse", "gq", "gk", "gv"};
            for (int x = 0; x < names.length; x++) {
              close(ref[x], got[x], x < 2 ? 1e-5 : 1e-4, rows.name() + " sample " + names[x]
                  + " causal=" + causal + " " + java.util.Arrays.toString(sh));
            }
          }
        }
      }
    }
  }

  private static Tensor[] sample(SampleAttentionCpu kern, Tensor q, Tensor k, Tensor v,
      Tensor mask, int H, boolean causal, Tensor g) {
    int[] sh = q.shape();
    Tensor out = Tensor.emptyLike(q);
    Tensor lse = Tensor.empty(q.backend(), DType.F32, sh[0], sh[2], H, sh[1]);
    kern.forward(q, k, v, mask, H, causal, out, lse);
    Tensor gq = Tensor.emptyLike(q);
    Tensor gk = Tensor.emptyLike(q);
    Tensor gv = Tensor.emptyLike(q);
    kern.backward(q, k, v, mask, H, causal, out, lse, g, gq, gk, gv);
    return new Tensor[] {out, lse, gq, gk, gv};
  }
}
