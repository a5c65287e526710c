package dev.mainspring.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatMath} with the Vector API: full vectors, then the scalar tail. Loaded by name only
 * when {@link VectorSupport#available()}.
 */
final class FloatMathVector implements FloatMath.Impl {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public float max(float[] a, int n) {
    int i = 0;
    float m = Float.NEGATIVE_INFINITY;
    if (n >= L) {
      FloatVector acc = FloatVector.fromArray(S, a, 0);
      for (i = L; i <= n - L; i += L) {
        acc = acc.max(FloatVector.fromArray(S, a, i));
      }
      m = acc.reduceLanes(VectorOperators.MAX);
    }
    for (; i < n; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }

  @Override
  public float sum(float[] a, int n) {
    int i = 0;
    FloatVector acc = FloatVector.zero(S);
    for (; i <= n - L; i += L) {
      acc = acc.add(FloatVector.fromArray(S, a, i));
    }
    float s = VectorExp.sumLanes(acc);
    for (; i < n; i++) {
      s += a[i];
    }
    return s;
  }

  @Override
  public float dot(float[] a, float[] b, int n) {
    int i = 0;
    FloatVector acc = FloatVector.zero(S);
    for (; i <= n - L; i += L) {
      acc = FloatVector.fromArray(S, a, i).fma(FloatVector.fromArray(S, b, i), acc);
    }
    float s = VectorExp.sumLanes(acc);
    for (; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Override
  public float sumSquaredDeviation(float[] a, int n, float mean) {
    int i = 0;
    FloatVector acc = FloatVector.zero(S);
    for (; i <= n - L; i += L) {
      FloatVector c = FloatVector.fromArray(S, a, i).sub(mean);
      acc = c.fma(c, acc);
    }
    float s = VectorExp.sumLanes(acc);
    for (; i < n; i++) {
      float c = a[i] - mean;
      s += c * c;
    }
    return s;
  }

  @Override
  public void expShifted(float[] a, int n, float shift) {
    int i = 0;
    for (; i <= n - L; i += L) {
      VectorExp.exp(FloatVector.fromArray(S, a, i).sub(shift)).intoArray(a, i);
    }
    for (; i < n; i++) {
      a[i] = (float) Math.exp(a[i] - shift);
    }
  }

  @Override
  public void gumbel(float[] a, int n) {
    // Scalar on purpose: the Vector API's lanewise LOG differs in its last bits between compiled
    // and interpreted code, and Gumbel noise must repeat exactly; Math.log does.
    for (int i = 0; i < n; i++) {
      a[i] = (float) -Math.log(-Math.log(a[i]));
    }
  }
}
