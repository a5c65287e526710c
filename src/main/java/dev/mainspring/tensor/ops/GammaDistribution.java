package dev.mainspring.tensor.ops;

/**
 * The Gamma distribution with shape a and rate b, in double: the regularized incomplete gamma
 * functions P(a, x) and Q(a, x) = 1 − P(a, x), the inverse of P, and the quantiles and central
 * intervals the model reports (a 90% interval of a predicted time is
 * {@code centralInterval(α, β, 0.9)}, scaled back by s).
 *
 * <p>P and Q use the power series below x = a + 1 and Lentz's continued fraction above it (Numerical
 * Recipes §6.2), each evaluating the smaller tail directly so neither loses precision to 1 − x. The
 * inverse starts from Wilson–Hilferty (a > 1) or the small-a power law and refines with Halley steps
 * kept inside a bisection bracket.
 */
public final class GammaDistribution {
  private static final double EPS = 1e-16;
  private static final double FPMIN = 1e-300;
  private static final int MAX_ITER = 100_000;

  private GammaDistribution() {}

  /** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), for a > 0, x ≥ 0. */
  public static double regularizedP(double a, double x) {
    check(a, x);
    if (x == 0) {
      return 0.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 1.0;
    }
    return x < a + 1 ? series(a, x) : 1.0 - continuedFraction(a, x);
  }

  /** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), for a > 0, x ≥ 0. */
  public static double regularizedQ(double a, double x) {
    check(a, x);
    if (x == 0) {
      return 1.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    return x < a + 1 ? 1.0 - series(a, x) : continuedFraction(a, x);
  }

  /**
   * The x ≥ 0 with P(a, x) = p, for a > 0 and p ∈ [0, 1]; 0 for p = 0 (and when the answer is below
   * the smallest double, as for tiny a and small p), +∞ for p = 1.
   */
  public static double inverseRegularizedP(double a, double p) {
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("gamma shape must be finite and > 0, got " + a);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    if (p == 0) {
      return 0.0;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double gln = ElementwiseMath.lgamma(a);
    double x = initialGuess(a, p);
    boolean upper = p > 0.5;
    double q = 1.0 - p;
    double lo = 0.0;
    double hi = Double.POSITIVE_INFINITY;
    for (int iter = 0; iter < 200; iter++) {
      if (x <= 0) {
        return 0.0;
      }
      // err > 0 means x is past the quantile; evaluate the tail that p lives in.
      double err = upper ? q - regularizedQ(a, x) : regularizedP(a, x) - p;
      if (err == 0) {
        return x;
      }
      if (err > 0) {
        hi = Math.min(hi, x);
      } else {
        lo = Math.max(lo, x);
      }
      double density = Math.exp(-x + (a - 1) * Math.log(x) - gln);
      double next;
      if (density > 0 && Double.isFinite(density)) {
        double u = err / density;
        next = x - u / (1 - 0.5 * Math.min(1.0, u * ((a - 1) / x - 1)));
      } else {
        next = Double.NaN;
      }
      if (!(next > lo && next < hi)) {
        next = hi == Double.POSITIVE_INFINITY ? 2 * x + 1 : 0.5 * (lo + hi);
      }
      if (Math.abs(next - x) <= 1e-15 * x
          || hi < Double.POSITIVE_INFINITY && hi - lo <= 1e-15 * hi) {
        return next;
      }
      x = next;
    }
    return x;
  }

  /** P(T ≤ t) for T ~ Gamma(shape, rate). */
  public static double cdf(double shape, double rate, double t) {
    checkRate(rate);
    return t <= 0 ? 0.0 : regularizedP(shape, rate * t);
  }

  /** The q-quantile of Gamma(shape, rate). */
  public static double quantile(double shape, double rate, double q) {
    checkRate(rate);
    return inverseRegularizedP(shape, q) / rate;
  }

  /** The equal-tailed interval holding {@code level} of the mass, e.g. 0.9 → [q0.05, q0.95]. */
  public static double[] centralInterval(double shape, double rate, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
    }
    double tail = 0.5 * (1 - level);
    return new double[] {quantile(shape, rate, tail), quantile(shape, rate, 1 - tail)};
  }

  public static double mean(double shape, double rate) {
    checkRate(rate);
    return shape / rate;
  }

  private static double initialGuess(double a, double p) {
    if (a > 1) {
      // Wilson–Hilferty: the cube root of a Gamma is close to normal.
      double pp = p < 0.5 ? p : 1 - p;
      double t = Math.sqrt(-2 * Math.log(pp));
      double z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
      if (p < 0.5) {
        z = -z;
      }
      return Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - z / (9 * Math.sqrt(a)), 3));
    }
    double t = 1 - a * (0.253 + a * 0.12);
    return p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }

  /** e^{−x} x^a / Γ(a), the common factor of both expansions. */
  private static double prefactor(double a, double x) {
    return Math.exp(-x + a * Math.log(x) - ElementwiseMath.lgamma(a));
  }

  /** P(a, x) by its power series (converges fast for x < a + 1). */
  private static double series(double a, double x) {
    double ap = a;
    double del = 1.0 / a;
    double sum = del;
    for (int n = 0; n < MAX_ITER; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) {
        break;
      }
    }
    return sum * prefactor(a, x);
  }

  /** Q(a, x) by its continued fraction, modified Lentz (converges fast for x ≥ a + 1). */
  private static double continuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1.0 / FPMIN;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < MAX_ITER; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < FPMIN) {
        d = FPMIN;
      }
      c = b + an / c;
      if (Math.abs(c) < FPMIN) {
        c = FPMIN;
      }
      d = 1.0 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < EPS) {
        break;
      }
    }
    return prefactor(a, x) * h;
  }

  private static void check(double a, double x) {
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("gamma shape must be finite and > 0, got " + a);
    }
    if (!(x >= 0)) {
      throw new IllegalArgumentException("incomplete gamma needs x ≥ 0, got " + x);
    }
  }

  private static void checkRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("gamma rate must be finite and > 0, got " + rate);
    }
  }
}
