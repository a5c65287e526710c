package dev.mainspring.tensor;

import java.util.SplittableRandom;

/** Seeded random tensors for tests. */
public final class Rand {
  private final SplittableRandom rnd;

  public Rand(long seed) {
    this.rnd = new SplittableRandom(seed);
  }

  public double[] uniform(int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextDouble(lo, hi);
    }
    return v;
  }

  public double[] normal(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u1 = rnd.nextDouble();
      double u2 = rnd.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
    return v;
  }

  /** F64 tensor of standard normals on the CPU, wanting a gradient (for gradient checks). */
  public Tensor param(int... shape) {
    return Tensor.of(Backends.cpu(), normal((int) Shape.numel(shape)), shape).requiresGrad(true);
  }

  /** F64 tensor of uniforms in [lo, hi), wanting a gradient. */
  public Tensor param(double lo, double hi, int... shape) {
    return Tensor.of(Backends.cpu(), uniform((int) Shape.numel(shape), lo, hi), shape)
        .requiresGrad(true);
  }

  /** F32 tensor of standard normals on the CPU. */
  public Tensor f32(int... shape) {
    return Tensor.of(Backends.cpu(), DType.F32, normal((int) Shape.numel(shape)), shape);
  }

  public int nextInt(int bound) {
    return rnd.nextInt(bound);
  }

  public double nextDouble() {
    return rnd.nextDouble();
  }
}
