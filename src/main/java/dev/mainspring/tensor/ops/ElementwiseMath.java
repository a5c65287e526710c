package dev.mainspring.tensor.ops;

/**
 * Scalar definitions of the elementwise functions and their derivatives, in double precision. The
 * CPU kernels call these; the CUDA kernels implement the same formulas (see cuda/elementwise.cu).
 */
public final class ElementwiseMath {
  private ElementwiseMath() {}

  private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
  private static final double GELU_C = 0.044715;

  /**
   * tanh from one exp: Math.tanh is not an intrinsic and cost ~10x as much, which made GELU the
   * model's most expensive op on the CPU. Absolute error ~1e-16 (relative error grows only near 0,
   * where GELU multiplies it by 0.5·x).
   */
  static double tanh(double u) {
    if (u > 20) {
      return 1.0;
    }
    if (u < -20) {
      return -1.0;
    }
    return 1.0 - 2.0 / (Math.exp(2.0 * u) + 1.0);
  }

  public static double apply(Elementwise.Fn fn, double x) {
    return switch (fn) {
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log1p(x);
      case SOFTPLUS -> softplus(x);
      case SIGMOID -> sigmoid(x);
      case TANH -> Math.tanh(x);
      case GELU -> 0.5 * x * (1.0 + tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x)));
      case RELU -> x > 0 ? x : 0.0;
      case ABS -> Math.abs(x);
      case SQRT -> Math.sqrt(x);
      case SQUARE -> x * x;
      case LGAMMA -> lgamma(x);
      case DIGAMMA -> digamma(x);
    };
  }

  /** d fn / dx at x, given y = fn(x) (some derivatives are cheapest from the output). */
  public static double derivative(Elementwise.Fn fn, double x, double y) {
    return switch (fn) {
      case EXP -> y;
      case LOG -> 1.0 / x;
      case LOG1P -> 1.0 / (1.0 + x);
      case SOFTPLUS -> sigmoid(x);
      case SIGMOID -> y * (1.0 - y);
      case TANH -> 1.0 - y * y;
      case GELU -> {
        double u = SQRT_2_OVER_PI * (x + GELU_C * x * x * x);
        double t = tanh(u);
        double du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_C * x * x);
        yield 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * du;
      }
      case RELU -> x > 0 ? 1.0 : 0.0;
      case ABS -> x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
      case SQRT -> 0.5 / y;
      case SQUARE -> 2.0 * x;
      case LGAMMA -> digamma(x);
      case DIGAMMA -> trigamma(x);
    };
  }

  public static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** log(1 + e^x) without overflow; the identity above 20 as in PyTorch. */
  public static double softplus(double x) {
    if (x > 20.0) {
      return x;
    }
    return Math.log1p(Math.exp(x));
  }

  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** log Γ(x) for x > 0 (reflection for x < 0.5). */
  public static double lgamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1.0 - x);
    }
    double xm1 = x - 1.0;
    double a = LANCZOS[0];
    double t = xm1 + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (xm1 + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (xm1 + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** ψ(x) = d/dx log Γ(x): recurrence up to x ≥ 10, then the asymptotic series. */
  public static double digamma(double x) {
    double r = 0.0;
    if (x <= 0 && x == Math.floor(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      // Reflection: ψ(1-x) - ψ(x) = π cot(πx).
      return digamma(1.0 - x) - Math.PI / Math.tan(Math.PI * x);
    }
    while (x < 10.0) {
      r -= 1.0 / x;
      x += 1.0;
    }
    double f = 1.0 / (x * x);
    double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
    return r + Math.log(x) - 0.5 / x - series;
  }

  /** ψ'(x): recurrence up to x ≥ 10, then the asymptotic series. */
  public static double trigamma(double x) {
    double r = 0.0;
    if (x <= 0 && x == Math.floor(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      double s = Math.PI / Math.sin(Math.PI * x);
      return -trigamma(1.0 - x) + s * s;
    }
    while (x < 10.0) {
      r += 1.0 / (x * x);
      x += 1.0;
    }
    double f = 1.0 / (x * x);
    double series = 1.0 / x + f / 2.0
        + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f * (1.0 / 30))));
    return r + series;
  }
}
