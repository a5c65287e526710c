package dev.mainspring.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AttentionRows} with the Vector API: register-blocked scores (four key blocks per pass over
 * the features), several accumulators where a loop reduces, masked tails, and the vector exp.
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
  public void gemvT(float alpha, float[] x, int xo, int dh, float[] mt, int mo, int ld, int len,
      float[] s) {
    int j = 0;
    for (; j + 4 * L <= len; j += 4 * L) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int c = 0; c < dh; c++) {
        FloatVector xc = FloatVector.broadcast(F, x[xo + c]);
        int base = mo + c * ld + j;
        a0 = FloatVector.fromArray(F, mt, base).fma(xc, a0);
        a1 = FloatVector.fromArray(F, mt, base + L).fma(xc, a1);
        a2 = FloatVector.fromArray(F, mt, base + 2 * L).fma(xc, a2);
        a3 = FloatVector.fromArray(F, mt, base + 3 * L).fma(xc, a3);
      }
      a0.mul(alpha).intoArray(s, j);
      a1.mul(alpha).intoArray(s, j + L);
      a2.mul(alpha).intoArray(s, j + 2 * L);
      a3.mul(alpha).intoArray(s, j + 3 * L);
    }
    for (; j < len; j += L) {
      VectorMask<Float> m = F.indexInRange(j, len);
      FloatVector acc = FloatVector.zero(F);
      for (int c = 0; c < dh; c++) {
        acc = FloatVector.fromArray(F, mt, mo + c * ld + j, m)
            .fma(FloatVector.broadcast(F, x[xo + c]), acc);
      }
      acc.mul(alpha).intoArray(s, j, m);
    }
  }

  @Override
  public void gemv(float[] w, int len, float[] m, int mo, int ld, int dh, float[] y, int yo) {
    for (int c = 0; c < dh; c += L) {
      VectorMask<Float> cm = F.indexInRange(c, dh);
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      int j = 0;
      for (; j + 4 <= len; j += 4) {
        int base = mo + j * ld + c;
        a0 = FloatVector.fromArray(F, m, base, cm).fma(FloatVector.broadcast(F, w[j]), a0);
        a1 = FloatVector.fromArray(F, m, base + ld, cm).fma(FloatVector.broadcast(F, w[j + 1]), a1);
        a2 = FloatVector.fromArray(F, m, base + 2 * ld, cm)
            .fma(FloatVector.broadcast(F, w[j + 2]), a2);
        a3 = FloatVector.fromArray(F, m, base + 3 * ld, cm)
            .fma(FloatVector.broadcast(F, w[j + 3]), a3);
      }
      for (; j < len; j++) {
        a0 = FloatVector.fromArray(F, m, mo + j * ld + c, cm).fma(FloatVector.broadcast(F, w[j]), a0);
      }
      FloatVector sum = a0.add(a1).add(a2.add(a3));
      FloatVector.fromArray(F, y, yo + c, cm).add(sum).intoArray(y, yo + c, cm);
    }
  }

  @Override
  public void rank1(float[] x, int xo, int dh, float[] w, int len, float[] mt, int mo, int ld) {
    int full = F.loopBound(len);
    for (int c = 0; c < dh; c++) {
      FloatVector xc = FloatVector.broadcast(F, x[xo + c]);
      int base = mo + c * ld;
      int j = 0;
      for (; j < full; j += L) {
        FloatVector.fromArray(F, w, j).fma(xc, FloatVector.fromArray(F, mt, base + j))
            .intoArray(mt, base + j);
      }
      if (j < len) {
        VectorMask<Float> m = F.indexInRange(j, len);
        FloatVector.fromArray(F, w, j, m).fma(xc, FloatVector.fromArray(F, mt, base + j, m))
            .intoArray(mt, base + j, m);
      }
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int len) {
    FloatVector acc = FloatVector.zero(F);
    for (int c = 0; c < len; c += L) {
      VectorMask<Float> m = F.indexInRange(c, len);
      acc = FloatVector.fromArray(F, x, xo + c, m).fma(FloatVector.fromArray(F, y, yo + c, m), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public float expShift(float[] s, int len, float shift) {
    FloatVector sum = FloatVector.zero(F);
    int full = F.loopBound(len);
    int j = 0;
    for (; j < full; j += L) {
      FloatVector e = FloatVector.fromArray(F, s, j).sub(shift).lanewise(VectorOperators.EXP);
      e.intoArray(s, j);
      sum = sum.add(e);
    }
    if (j < len) {
      VectorMask<Float> m = F.indexInRange(j, len);
      FloatVector e = FloatVector.fromArray(F, s, j, m).sub(shift).lanewise(VectorOperators.EXP);
      e.intoArray(s, j, m);
      sum = sum.add(e, m);
    }
    return sum.reduceLanes(VectorOperators.ADD);
  }
}
