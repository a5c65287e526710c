package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * One-input elementwise functions. The backward of each is its derivative times the incoming
 * gradient, computed by the backend from the saved input and output. The math of every function
 * lives in {@link ElementwiseMath} so all backends agree on definitions (GELU is the tanh form used
 * by GPT-2 and llm.c; softplus switches to the identity above 20 as PyTorch does).
 */
public final class Elementwise extends Op.Unary {
  public enum Fn { EXP, LOG, LOG1P, SOFTPLUS, SIGMOID, TANH, GELU, RELU, ABS, SQRT, SQUARE, LGAMMA, DIGAMMA }

  /** Backend kernels for this family. */
  public interface Kernels {
    void forward(Fn fn, Tensor x, Tensor out);

    /** gx = g * fn'(x), given x and out = fn(x). */
    void backward(Fn fn, Tensor x, Tensor out, Tensor g, Tensor gx);
  }

  private final Fn fn;
  private final Tensor x;
  private Tensor out;

  private Elementwise(Fn fn, Tensor x) {
    this.fn = fn;
    this.x = x;
  }

  public static Tensor apply(Fn fn, Tensor x) {
    Elementwise op = new Elementwise(fn, x);
    op.out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).forward(fn, x, op.out);
    return op.record(op.out, x);
  }

  public static Tensor exp(Tensor x) { return apply(Fn.EXP, x); }
  public static Tensor log(Tensor x) { return apply(Fn.LOG, x); }
  public static Tensor log1p(Tensor x) { return apply(Fn.LOG1P, x); }
  public static Tensor softplus(Tensor x) { return apply(Fn.SOFTPLUS, x); }
  public static Tensor sigmoid(Tensor x) { return apply(Fn.SIGMOID, x); }
  public static Tensor tanh(Tensor x) { return apply(Fn.TANH, x); }
  public static Tensor gelu(Tensor x) { return apply(Fn.GELU, x); }
  public static Tensor relu(Tensor x) { return apply(Fn.RELU, x); }
  public static Tensor abs(Tensor x) { return apply(Fn.ABS, x); }
  public static Tensor sqrt(Tensor x) { return apply(Fn.SQRT, x); }
  public static Tensor square(Tensor x) { return apply(Fn.SQUARE, x); }
  public static Tensor lgamma(Tensor x) { return apply(Fn.LGAMMA, x); }
  public static Tensor digamma(Tensor x) { return apply(Fn.DIGAMMA, x); }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).backward(fn, x, out, g, gx);
    grads.add(x, gx);
  }
}
