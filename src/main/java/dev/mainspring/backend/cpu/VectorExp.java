package dev.mainspring.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp and lane sums built only from IEEE-exact lane operations (add, mul, fma, compare, shifts).
 * The Vector API's own {@code lanewise(EXP)} and float {@code reduceLanes(ADD)} give different
 * bits compiled (SVML, tree reduction) than interpreted (Math.exp per lane, sequential), so a
 * training run would not repeat itself and a resumed run would drift from an uninterrupted one.
 * Only loaded when {@link VectorSupport#available()}.
 */
final class VectorExp {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  // Cody–Waite split of ln 2 and the Cephes expf minimax polynomial on [-ln2/2, ln2/2] (~1 ulp).
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float ROUND = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
  private static final float MAX_ARG = 88.3762626647949f;
  private static final float MIN_ARG = -87.3365447505531f;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  private VectorExp() {}

  /** e^x to ~1 ulp; results below the smallest normal float are flushed to 0. */
  static FloatVector exp(FloatVector x) {
    VectorMask<Float> under = x.compare(VectorOperators.LT, MIN_ARG);
    VectorMask<Float> over = x.compare(VectorOperators.GT, MAX_ARG);
    VectorMask<Float> nan = x.compare(VectorOperators.NE, x);
    FloatVector xc = x.max(MIN_ARG).min(MAX_ARG);
    FloatVector k = xc.fma(LOG2E, ROUND).sub(ROUND);
    // k·LN2_HI is exact (9 + 8 significant bits), so the reduction loses nothing before LN2_LO.
    FloatVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
    FloatVector p = r.fma(P0, P1);
    p = p.fma(r, FloatVector.broadcast(F, P2));
    p = p.fma(r, FloatVector.broadcast(F, P3));
    p = p.fma(r, FloatVector.broadcast(F, P4));
    p = p.fma(r, FloatVector.broadcast(F, P5));
    FloatVector r2 = r.mul(r);
    FloatVector e = p.fma(r2, r).add(1f);
    // 2^k built in two halves so k = 128 (x near MAX_ARG) does not overflow the exponent field.
    IntVector ki = (IntVector) k.convert(VectorOperators.F2I, 0);
    IntVector half = ki.lanewise(VectorOperators.ASHR, 1);
    FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector s2 = ki.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    FloatVector y = e.mul(s1).mul(s2);
    y = y.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
    return y.blend(x, nan);
  }

  /** Sum of the lanes in lane order: the same bits however the JIT compiles it. */
  static float sumLanes(FloatVector v) {
    float s = 0f;
    for (int i = 0; i < v.length(); i++) {
      s += v.lane(i);
    }
    return s;
  }
}
