package dev.mainspring.nn;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.MatMul;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * y = x · W + b for x of shape [..., in], with W stored [in, out] (so the product is one tall GEMM
 * over all leading axes) and b [out]. Initialised as PyTorch's nn.Linear: W kaiming-uniform with
 * a = √5 (uniform ±1/√in), b uniform ±1/√in.
 */
public final class Linear extends Module {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  public Linear(int in, int out, UniformRandomProvider rng) {
    this(in, out, true, rng);
  }

  public Linear(int in, int out, boolean withBias, UniformRandomProvider rng) {
    this(in, out, withBias, Init.kaimingUniform(Math.sqrt(5)), Init.linearBias(in), rng);
  }

  /**
   * A layer whose output starts at exactly zero (weights and bias zero) and learns from there:
   * for a term added to something that already works at initialisation.
   */
  public static Linear zeroInitialised(int in, int out, UniformRandomProvider rng) {
    return new Linear(in, out, true, Init.zeros(), Init.zeros(), rng);
  }

  private Linear(int in, int out, boolean withBias, Init weightInit, Init biasInit, UniformRandomProvider rng) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Linear needs positive sizes, got " + in + " → " + out);
    }
    this.in = in;
    this.out = out;
    this.weight = register(Parameter.create("weight", weightInit, rng, in, out));
    this.bias = withBias ? register(Parameter.create("bias", biasInit, rng, out)) : null;
  }

  public Tensor forward(Tensor x) {
    if (x.dim(-1) != in) {
      throw new IllegalArgumentException("Linear(" + in + " → " + out + ") got input " + x);
    }
    Tensor flat = x.rank() == 1 ? x.reshape(1, in) : x;
    Tensor y = MatMul.apply(flat, weight.value());
    if (bias != null) {
      y = Arith.add(y, bias.value());
    }
    if (x.rank() == 1) {
      y = y.reshape(out);
    }
    return y;
  }

  public Parameter weight() {
    return weight;
  }

  /** The bias, or null for a layer without one. */
  public Parameter bias() {
    return bias;
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }
}
