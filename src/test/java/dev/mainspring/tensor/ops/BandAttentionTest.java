package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BandAttentionTest {
  private final Rand rand = new Rand(29);

  /** Increasing scaled positions per example, gaps in [0.05, 0.6). */
  private double[] positions(int B, int S) {
    double[] p = new double[B * S];
    for (int b = 0; b < B; b++) {
      double x = rand.nextDouble();
      for (int l = 0; l < S; l++) {
        x += 0.05 + 0.55 * rand.nextDouble();
        p[b * S + l] = x;
      }
    }
    return p;
  }

  private static Tensor t(DType dt, double[] v, int... shape) {
    return Tensor.of(Backends.cpu(), dt, v, shape);
  }

  private static void close(double[] want, double[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int e = 0; e < want.length; e++) {
      if (Math.abs(want[e] - got[e]) > tol * (1 + Math.abs(want[e]))) {
        throw new AssertionError(what + ": element " + e + " expected " + want[e] + " but got "
            + got[e]);
      }
    }
  }

  /** One problem: inputs as double arrays plus its geometry. */
  record Case(int B, int n, int S, int d, int H, int w, double[] q, double[] k, double[] v,
      double[] pos, double[] a, double[] mask) {
    Case with(double[] q2, double[] k2, double[] v2, double[] pos2) {
      return new Case(B, n, S, d, H, w, q2, k2, v2, pos2, a, mask);
    }
  }

  private Case random(int B, int n, int S, int d, int H, int w, boolean padded) {
    int size = B * n * S * d;
    return new Case(B, n, S, d, H, w, rand.normal(size), rand.normal(size), rand.normal(size),
        positions(B, S), rand.uniform(H, -1.5, 1.0),
        padded ? SampleAttentionTest.mask(B, S) : null);
  }

  record Result(double[] out, double[] gq, double[] gk, double[] gv, double[] ga) {}

  private static Result run(DType dt, Case c, double[] g) {
    try (Scope s = Scope.open()) {
      int[] sh = {c.B, c.n, c.S, c.d};
      Tensor q = t(dt, c.q, sh).requiresGrad(true);
      Tensor k = t(dt, c.k, sh).requiresGrad(true);
      Tensor v = t(dt, c.v, sh).requiresGrad(true);
      Tensor a = t(dt, c.a, c.H).requiresGrad(true);
      Tensor mask = c.mask == null ? null : t(dt, c.mask, c.B, c.S);
      Tensor out = BandAttention.apply(q, k, v, t(dt, c.pos, c.B, c.S), a, mask, c.H, c.w);
      Autograd.backward(out, t(dt, g, sh));
      Result r = new Result(out.toDoubleArray(), q.grad().toDoubleArray(),
          k.grad().toDoubleArray(), v.grad().toDoubleArray(), a.grad().toDoubleArray());
      for (Tensor x : new Tensor[] {q, k, v, a}) {
        x.clearGrad();
      }
      return r;
    }
  }

  private static double[] forward(DType dt, Case c) {
    try (Scope s = Scope.open()) {
      int[] sh = {c.B, c.n, c.S, c.d};
      return BandAttention.apply(t(dt, c.q, sh), t(dt, c.k, sh), t(dt, c.v, sh),
          t(dt, c.pos, c.B, c.S), t(dt, c.a, c.H), c.mask == null ? null : t(dt, c.mask, c.B, c.S),
          c.H, c.w).toDoubleArray();
    }
  }

  @Test
  void forwardMatchesNaiveInBothPrecisions() {
    Case[] cases = {
      random(2, 5, 11, 6, 2, 3, true),
      random(2, 5, 11, 6, 3, 0, true),
      random(1, 3, 40, 32, 2, 5, true),
      random(2, 2, 23, 24, 2, 40, true), // window wider than the sequence
      random(1, 2, 150, 16, 1, 64, false), // full 4-block score loops
    };
    for (Case c : cases) {
      double[] want = NaiveAttention.band(c.q, c.k, c.v, c.pos, c.a, c.mask, c.B, c.n, c.S, c.d,
          c.H, c.w);
      for (DType dt : new DType[] {DType.F64, DType.F32}) {
        close(want, forward(dt, c), dt == DType.F64 ? 1e-12 : 2e-5,
            dt + " S=" + c.S + " d=" + c.d + " H=" + c.H + " w=" + c.w);
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    for (int heads : new int[] {2, 3}) {
      Case c = random(2, 5, 11, 6, heads, 3, true);
      try (Scope s = Scope.open()) {
        int[] sh = {c.B, c.n, c.S, c.d};
        Tensor pos = Tensor.of(c.pos, c.B, c.S);
        Tensor mask = Tensor.of(c.mask, c.B, c.S);
        Tensor q = Tensor.of(c.q, sh).requiresGrad(true);
        Tensor k = Tensor.of(c.k, sh).requiresGrad(true);
        Tensor v = Tensor.of(c.v, sh).requiresGrad(true);
        Tensor a = Tensor.of(c.a, c.H).requiresGrad(true);
        GradCheck.check(in -> BandAttention.apply(in[0], in[1], in[2], pos, in[3], mask, heads,
            c.w), q, k, v, a);
      }
    }
  }

  @Test
  void paddedSitesGiveZeroOutputZeroGradientAndNoInfluence() {
    Case c = random(2, 5, 11, 6, 3, 3, true);
    double[] g = rand.normal(c.q.length);
    double[] q2 = c.q.clone();
    double[] k2 = c.k.clone();
    double[] v2 = c.v.clone();
    double[] p2 = c.pos.clone();
    double[] g2 = g.clone();
    for (int site = 0; site < c.B * c.S; site++) {
      if (c.mask[site] == 0) {
        p2[site] = -7 + 100 * rand.nextDouble();
      }
    }
    for (int e = 0; e < q2.length; e++) {
      if (c.mask[site(c, e)] == 0) {
        q2[e] = 100 * rand.nextDouble();
        k2[e] = -50 * rand.nextDouble();
        v2[e] = 1e3 * rand.nextDouble();
        g2[e] = rand.nextDouble();
      }
    }
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      Result r1 = run(dt, c, g);
      Result r2 = run(dt, c.with(q2, k2, v2, p2), g2);
      for (int e = 0; e < r1.out.length; e++) {
        if (c.mask[site(c, e)] == 0) {
          assertTrue(r1.out[e] == 0 && r2.out[e] == 0, "padded output " + e);
          for (double[] gr : new double[][] {r1.gq, r1.gk, r1.gv, r2.gq, r2.gk, r2.gv}) {
            assertTrue(gr[e] == 0, dt + " padded gradient " + e + " is " + gr[e]);
          }
        } else {
          assertEquals(r1.out[e], r2.out[e], 0.0, dt + " valid output changed by padding at " + e);
          assertEquals(r1.gq[e], r2.gq[e], 0.0, dt + " valid gq changed by padding at " + e);
          assertEquals(r1.gk[e], r2.gk[e], 0.0);
          assertEquals(r1.gv[e], r2.gv[e], 0.0);
        }
      }
      close(r1.ga, r2.ga, 0.0, dt + " decay gradient changed by padding");
    }
  }

  private static int site(Case c, int e) {
    int b = e / (c.n * c.S * c.d);
    return b * c.S + (e / c.d) % c.S;
  }

  @Test
  void keysBeyondTheWindowHaveNoEffect() {
    int w = 3;
    Case c = random(1, 2, 14, 8, 2, w, false);
    int far = 11; // perturb site 11: queries at l <= 7 are more than w away
    double[] k2 = c.k.clone();
    double[] v2 = c.v.clone();
    double[] p2 = c.pos.clone();
    for (int i = 0; i < c.n; i++) {
      for (int ch = 0; ch < c.d; ch++) {
        k2[NaiveAttention.at(0, i, far, ch, c.n, c.S, c.d)] += 3.0;
        v2[NaiveAttention.at(0, i, far, ch, c.n, c.S, c.d)] -= 5.0;
      }
    }
    p2[far] -= 0.01; // nudging its position changes the bias too, for queries that see it
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      double[] o1 = forward(dt, c);
      double[] o2 = forward(dt, c.with(c.q, k2, v2, p2));
      for (int i = 0; i < c.n; i++) {
        for (int l = 0; l < c.S; l++) {
          int e = NaiveAttention.at(0, i, l, 0, c.n, c.S, c.d);
          if (Math.abs(l - far) > w) {
            for (int ch = 0; ch < c.d; ch++) {
              assertEquals(o1[e + ch], o2[e + ch], 0.0, dt + " site " + l + " saw site " + far);
            }
          } else {
            assertNotEquals(o1[e], o2[e], dt + " site " + l + " must see site " + far);
          }
        }
      }
    }
  }

  @Test
  void decayBiasFavoursNearSites() {
    // With q = 0 the weights come from the bias alone: softmax of −softplus(a)·|Δpos|.
    int S = 6;
    double[] pos = {0, 1, 3, 6, 10, 15};
    double[] a = {0.3};
    double[] q = new double[S * 2];
    double[] k = rand.normal(S * 2);
    double[] v = new double[S * 2];
    for (int l = 0; l < S; l++) {
      v[l * 2] = l; // feature 0 carries the site index
    }
    try (Scope s = Scope.open()) {
      double[] out = BandAttention.apply(Tensor.of(q, 1, 1, S, 2), Tensor.of(k, 1, 1, S, 2),
          Tensor.of(v, 1, 1, S, 2), Tensor.of(pos, 1, S), Tensor.of(a, 1), null, 1, S)
          .toDoubleArray();
      double slope = Math.log1p(Math.exp(0.3));
      for (int l = 0; l < S; l++) {
        double num = 0;
        double den = 0;
        for (int m = 0; m < S; m++) {
          double wgt = Math.exp(-slope * Math.abs(pos[l] - pos[m]));
          num += wgt * m;
          den += wgt;
        }
        assertEquals(num / den, out[l * 2], 1e-12, "expected site index at " + l);
      }
    }
  }

  @Test
  void f32GradientsAgreeWithF64() {
    Case[] cases = {
      random(2, 3, 40, 32, 2, 5, true),
      random(1, 2, 37, 24, 2, 9, true),
      random(1, 2, 150, 16, 1, 64, true),
    };
    for (Case c : cases) {
      double[] g = rand.normal(c.q.length);
      Result r64 = run(DType.F64, c, g);
      Result r32 = run(DType.F32, c, g);
      String what = "S=" + c.S + " d=" + c.d + " w=" + c.w;
      close(r64.out, r32.out, 2e-5, what + " out");
      close(r64.gq, r32.gq, 1e-4, what + " gq");
      close(r64.gk, r32.gk, 1e-4, what + " gk");
      close(r64.gv, r32.gv, 1e-4, what + " gv");
      close(r64.ga, r32.ga, 1e-4, what + " ga");
    }
  }

  @Test
  void rejectsBadArguments() {
    try (Scope s = Scope.open()) {
      Tensor q = Tensor.zeros(DType.F32, 1, 2, 5, 4);
      Tensor pos = Tensor.zeros(DType.F32, 1, 5);
      Tensor a = Tensor.zeros(DType.F32, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BandAttention.apply(q, q, q, pos, a, null, 2, -1));
      assertTrue(e.getMessage().contains("window"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> BandAttention.apply(q, q, q, pos, Tensor.zeros(DType.F32, 3), null, 2, 2));
      assertTrue(e.getMessage().contains("decay a"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> BandAttention.apply(q, q, q, Tensor.zeros(DType.F32, 5), a, null, 2, 2));
      assertTrue(e.getMessage().contains("positions"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> BandAttention.apply(q, q, q, pos, a, null, 3, 2));
      assertTrue(e.getMessage().contains("3 heads"), e.getMessage());
    }
  }
}
