package dev.mainspring.backend.cpu;

/**
 * Bulk float math on heap rows for the F32 fast paths: the Vector API version (SVML exp/log, lane
 * reductions; about 10× faster than scalar Math.exp here) when the incubator module is present,
 * plain loops otherwise. Both are deterministic; they may differ from each other in the last bits
 * (reduction order, exp/log rounding).
 */
final class FloatMath {
  /** The operations; implementations must not keep state. */
  interface Impl {
    float max(float[] a, int n);

    float sum(float[] a, int n);

    float dot(float[] a, float[] b, int n);

    /** Σ (a[i] − mean)². */
    float sumSquaredDeviation(float[] a, int n, float mean);

    /** a[i] = exp(a[i] − shift); exp(−∞) = 0. */
    void expShifted(float[] a, int n, float shift);

    /** a[i] = −log(−log a[i]) (Gumbel noise from uniforms in (0, 1)). */
    void gumbel(float[] a, int n);
  }

  static final Impl IMPL = choose();

  private FloatMath() {}

  private static Impl choose() {
    if (VectorSupport.available()) {
      try {
        // By name, so the class (and jdk.incubator.vector) is only loaded when the module exists.
        return (Impl) Class.forName("dev.mainspring.backend.cpu.FloatMathVector")
            .getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return new Scalar();
      }
    }
    return new Scalar();
  }

  /** Which implementation runs, for diagnostics. */
  static String describe() {
    return IMPL.getClass().getSimpleName();
  }

  /** The portable version. */
  static final class Scalar implements Impl {
    @Override
    public float max(float[] a, int n) {
      float m = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        m = Math.max(m, a[i]);
      }
      return m;
    }

    @Override
    public float sum(float[] a, int n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += a[i];
      }
      return (float) s;
    }

    @Override
    public float dot(float[] a, float[] b, int n) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += (double) a[i] * b[i];
      }
      return (float) s;
    }

    @Override
    public float sumSquaredDeviation(float[] a, int n, float mean) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        float c = a[i] - mean;
        s += c * c;
      }
      return (float) s;
    }

    @Override
    public void expShifted(float[] a, int n, float shift) {
      for (int i = 0; i < n; i++) {
        a[i] = (float) Math.exp(a[i] - shift);
      }
    }

    @Override
    public void gumbel(float[] a, int n) {
      for (int i = 0; i < n; i++) {
        a[i] = (float) -Math.log(-Math.log(a[i]));
      }
    }
  }
}
