package dev.mainspring.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AttentionRows} with the Vector API: scores register-blocked over four key blocks per pass
 * over the features, several accumulators where a loop reduces, and the vector exp. Key tails are
 * scalar rather than masked: a masked load that would reach past the end of its array (key rows
 * end at the last key) takes a per-lane checking path far slower than a few scalar iterations, and
 * the model's key counts (20 samples, 33-key bands) always leave a short tail. Feature tails in
 * {@link #mix} stay masked: those rows continue past the head, so the load stays in bounds, and a
 * second, narrower species for 8-wide heads made the whole step slower (the GEMM kernels above all;
 * see BENCHMARKS.md).
 * Only touched when {@link VectorSupport#available()}; loading it without the module fails.
 */
final class AttentionRowsVector implements AttentionRows {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();

  private AttentionRowsVector() {}

  static AttentionRows create() {
    return new AttentionRowsVector();
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public void scores(float alpha, float[] x, int xo, int dh, float[][] kt, int ko, int j0, int j1,
      float[] s) {
    int j = j0;
    for (; j + 4 * L <= j1; j += 4 * L) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int c = 0; c < dh; c++) {
        FloatVector xc = FloatVector.broadcast(F, x[xo + c]);
        float[] row = kt[ko + c];
        a0 = FloatVector.fromArray(F, row, j).fma(xc, a0);
        a1 = FloatVector.fromArray(F, row, j + L).fma(xc, a1);
        a2 = FloatVector.fromArray(F, row, j + 2 * L).fma(xc, a2);
        a3 = FloatVector.fromArray(F, row, j + 3 * L).fma(xc, a3);
      }
      a0.mul(alpha).intoArray(s, j);
      a1.mul(alpha).intoArray(s, j + L);
      a2.mul(alpha).intoArray(s, j + 2 * L);
      a3.mul(alpha).intoArray(s, j + 3 * L);
    }
    for (; j + L <= j1; j += L) {
      FloatVector acc = FloatVector.zero(F);
      for (int c = 0; c < dh; c++) {
        acc = FloatVector.fromArray(F, kt[ko + c], j).fma(FloatVector.broadcast(F, x[xo + c]), acc);
      }
      acc.mul(alpha).intoArray(s, j);
    }
    for (; j < j1; j++) {
      float acc = 0;
      for (int c = 0; c < dh; c++) {
        acc = Math.fma(kt[ko + c][j], x[xo + c], acc);
      }
      s[j] = acc * alpha;
    }
  }

  @Override
  public float bias(float[] s, int j0, int j1, float slope, float p, float[] pos, float[] keyBias,
      float[] dist) {
    FloatVector mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    FloatVector negSlope = FloatVector.broadcast(F, -slope);
    int j = j0;
    for (; j + L <= j1; j += L) {
      FloatVector d = FloatVector.fromArray(F, pos, j).sub(p).abs();
      d.intoArray(dist, j);
      FloatVector v = d.fma(negSlope, FloatVector.fromArray(F, s, j))
          .add(FloatVector.fromArray(F, keyBias, j));
      v.intoArray(s, j);
      mx = mx.max(v);
    }
    float m = mx.reduceLanes(VectorOperators.MAX);
    for (; j < j1; j++) {
      float d = Math.abs(pos[j] - p);
      dist[j] = d;
      float v = Math.fma(d, -slope, s[j]) + keyBias[j];
      s[j] = v;
      m = Math.max(m, v);
    }
    return m;
  }

  @Override
  public float max(float[] s, int j0, int j1) {
    FloatVector mx = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    int j = j0;
    for (; j + L <= j1; j += L) {
      mx = mx.max(FloatVector.fromArray(F, s, j));
    }
    float m = mx.reduceLanes(VectorOperators.MAX);
    for (; j < j1; j++) {
      m = Math.max(m, s[j]);
    }
    return m;
  }

  @Override
  public float expShift(float[] s, int j0, int j1, float shift) {
    FloatVector sum = FloatVector.zero(F);
    int j = j0;
    for (; j + L <= j1; j += L) {
      FloatVector e = VectorExp.exp(FloatVector.fromArray(F, s, j).sub(shift));
      e.intoArray(s, j);
      sum = sum.add(e);
    }
    float total = VectorExp.sumLanes(sum);
    for (; j < j1; j++) {
      float e = (float) Math.exp(s[j] - shift);
      s[j] = e;
      total += e;
    }
    return total;
  }

  @Override
  public void mix(float[] w, int j0, int j1, float[] v, int ld, float[][] vt, int vo, int dh,
      float[] y, int yo) {
    // Row-major v: one vector of features per key, four keys in flight.
    for (int c = 0; c < dh; c += L) {
      boolean full = c + L <= dh;
      VectorMask<Float> cm = full ? null : F.indexInRange(c, dh);
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int j = j0;
      if (full) {
        for (; j + 4 <= j1; j += 4) {
          int base = j * ld + vo + c;
          a0 = FloatVector.fromArray(F, v, base).fma(FloatVector.broadcast(F, w[j]), a0);
          a1 = FloatVector.fromArray(F, v, base + ld).fma(FloatVector.broadcast(F, w[j + 1]), a1);
          a2 = FloatVector.fromArray(F, v, base + 2 * ld)
              .fma(FloatVector.broadcast(F, w[j + 2]), a2);
          a3 = FloatVector.fromArray(F, v, base + 3 * ld)
              .fma(FloatVector.broadcast(F, w[j + 3]), a3);
        }
        for (; j < j1; j++) {
          a0 = FloatVector.fromArray(F, v, j * ld + vo + c).fma(FloatVector.broadcast(F, w[j]), a0);
        }
        FloatVector sum = a0.add(a1).add(a2.add(a3));
        FloatVector.fromArray(F, y, yo + c).add(sum).intoArray(y, yo + c);
      } else {
        for (; j < j1; j++) {
          a0 = FloatVector.fromArray(F, v, j * ld + vo + c, cm)
              .fma(FloatVector.broadcast(F, w[j]), a0);
        }
        FloatVector.fromArray(F, y, yo + c, cm).add(a0).intoArray(y, yo + c, cm);
      }
    }
  }

  @Override
  public void rankUpdate(float[] x, int[] xo, int rows, int dh, float[][] w, int j0, int j1,
      float[][] mt, int mo) {
    if (rows != 4) {
      for (int r = 0; r < rows; r++) {
        rankOne(x, xo[r], dh, w[r], j0, j1, mt, mo);
      }
      return;
    }
    float[] w0 = w[0];
    float[] w1 = w[1];
    float[] w2 = w[2];
    float[] w3 = w[3];
    for (int c = 0; c < dh; c++) {
      FloatVector x0 = FloatVector.broadcast(F, x[xo[0] + c]);
      FloatVector x1 = FloatVector.broadcast(F, x[xo[1] + c]);
      FloatVector x2 = FloatVector.broadcast(F, x[xo[2] + c]);
      FloatVector x3 = FloatVector.broadcast(F, x[xo[3] + c]);
      float[] row = mt[mo + c];
      int j = j0;
      for (; j + L <= j1; j += L) {
        FloatVector.fromArray(F, w0, j).fma(x0, FloatVector.fromArray(F, row, j))
            .add(FloatVector.fromArray(F, w1, j).mul(x1))
            .add(FloatVector.fromArray(F, w2, j).fma(x2, FloatVector.fromArray(F, w3, j).mul(x3)))
            .intoArray(row, j);
      }
      float s0 = x[xo[0] + c];
      float s1 = x[xo[1] + c];
      float s2 = x[xo[2] + c];
      float s3 = x[xo[3] + c];
      for (; j < j1; j++) {
        row[j] = Math.fma(w0[j], s0, row[j]) + w1[j] * s1 + Math.fma(w2[j], s2, w3[j] * s3);
      }
    }
  }

  private static void rankOne(float[] x, int xo, int dh, float[] w, int j0, int j1, float[][] mt,
      int mo) {
    for (int c = 0; c < dh; c++) {
      FloatVector xc = FloatVector.broadcast(F, x[xo + c]);
      float[] row = mt[mo + c];
      int j = j0;
      for (; j + L <= j1; j += L) {
        FloatVector.fromArray(F, w, j).fma(xc, FloatVector.fromArray(F, row, j)).intoArray(row, j);
      }
      float xs = x[xo + c];
      for (; j < j1; j++) {
        row[j] = Math.fma(w[j], xs, row[j]);
      }
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int len) {
    FloatVector acc = FloatVector.zero(F);
    int c = 0;
    for (; c + L <= len; c += L) {
      acc = FloatVector.fromArray(F, x, xo + c).fma(FloatVector.fromArray(F, y, yo + c), acc);
    }
    float total = VectorExp.sumLanes(acc);
    for (; c < len; c++) {
      total = Math.fma(x[xo + c], y[yo + c], total);
    }
    return total;
  }

  @Override
  public float softmaxGrad(float[] p, float[] dp, int j0, int j1, float rowDot, float scale,
      float[] dist) {
    FloatVector acc = FloatVector.zero(F);
    int j = j0;
    for (; j + L <= j1; j += L) {
      FloatVector ds = FloatVector.fromArray(F, dp, j).sub(rowDot).mul(FloatVector.fromArray(F, p, j));
      if (dist != null) {
        acc = ds.fma(FloatVector.fromArray(F, dist, j), acc);
      }
      ds.mul(scale).intoArray(dp, j);
    }
    float total = VectorExp.sumLanes(acc);
    for (; j < j1; j++) {
      float ds = (dp[j] - rowDot) * p[j];
      if (dist != null) {
        total += ds * dist[j];
      }
      dp[j] = ds * scale;
    }
    return total;
  }
}
