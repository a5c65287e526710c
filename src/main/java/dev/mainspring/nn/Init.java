package dev.mainspring.nn;

import dev.mainspring.tensor.Shape;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Seeded parameter initialisers: values for a shape drawn from the caller's random source, so a
 * model built from the same seed is the same model. Fan-in follows the [in, out] layout of
 * {@link Linear} weights: the first axis (the product of all but the last for higher ranks).
 */
@FunctionalInterface
public interface Init {
  double[] values(int[] shape, UniformRandomProvider rng);

  /** Fan-in of a weight laid out [..., in, out]: everything but the last axis. */
  static int fanIn(int[] shape) {
    if (shape.length < 2) {
      throw new IllegalArgumentException("fan-in needs a weight of rank ≥ 2, got "
          + Shape.str(shape));
    }
    return (int) (Shape.numel(shape) / shape[shape.length - 1]);
  }

  static Init zeros() {
    return constant(0.0);
  }

  static Init ones() {
    return constant(1.0);
  }

  static Init constant(double c) {
    return (shape, rng) -> {
      double[] v = new double[(int) Shape.numel(shape)];
      java.util.Arrays.fill(v, c);
      return v;
    };
  }

  /** Uniform on [-bound, bound). */
  static Init uniform(double bound) {
    return (shape, rng) -> {
      double[] v = new double[(int) Shape.numel(shape)];
      for (int i = 0; i < v.length; i++) {
        v[i] = (2 * rng.nextDouble() - 1) * bound;
      }
      return v;
    };
  }

  /** Normal with mean 0 and standard deviation {@code std} (Box–Muller). */
  static Init normal(double std) {
    return (shape, rng) -> {
      double[] v = new double[(int) Shape.numel(shape)];
      for (int i = 0; i < v.length; i++) {
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        v[i] = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      }
      return v;
    };
  }

  /**
   * PyTorch's kaiming_uniform_(w, a) with leaky-ReLU gain: bound = √(6 / ((1 + a²)·fan_in)).
   * With a = √5 (what nn.Linear uses) the bound is 1/√fan_in.
   */
  static Init kaimingUniform(double a) {
    return (shape, rng) -> uniform(Math.sqrt(6.0 / ((1 + a * a) * fanIn(shape)))).values(shape, rng);
  }

  /** nn.Linear's bias initialiser: uniform on ±1/√fan_in of the layer's weight. */
  static Init linearBias(int fanIn) {
    return uniform(1.0 / Math.sqrt(fanIn));
  }
}
