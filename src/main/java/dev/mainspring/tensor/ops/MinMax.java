package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Elementwise maximum or minimum of two tensors with numpy broadcasting. The gradient goes entirely to
 * the chosen operand: a wins ties (and when a is NaN), so exactly one side receives each entry.
 */
public final class MinMax extends Op.Unary {
  public enum Kind { MAXIMUM, MINIMUM }

  /** Backend kernels; a and b are read through broadcast strides over out's shape. */
  public interface Kernels {
    /** out = a if a is chosen (a ≥ b for MAXIMUM, a ≤ b for MINIMUM, or a is NaN), else b. */
    void forward(Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides, Tensor out);

    /**
     * ga = g where a was chosen, gb = g elsewhere, both at out's shape (0 where not chosen); either
     * may be null.
     */
    void backward(Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides, Tensor g,
        Tensor ga, Tensor gb);
  }

  private final Kind kind;
  private final Tensor a;
  private final Tensor b;
  private final long[] aStrides;
  private final long[] bStrides;

  private MinMax(Kind kind, Tensor a, Tensor b, long[] aStrides, long[] bStrides) {
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.aStrides = aStrides;
    this.bStrides = bStrides;
  }

  public static Tensor maximum(Tensor a, Tensor b) {
    return apply(Kind.MAXIMUM, a, b);
  }

  public static Tensor minimum(Tensor a, Tensor b) {
    return apply(Kind.MINIMUM, a, b);
  }

  private static Tensor apply(Kind kind, Tensor a, Tensor b) {
    String name = kind == Kind.MAXIMUM ? "maximum" : "minimum";
    Masks.requireFloating(name, a);
    Masks.sameBackendAndDtype(name, a, b);
    int[] os = Shape.broadcast(a.shape(), b.shape());
    MinMax op = new MinMax(kind, a, b, Shape.broadcastStrides(a.shape(), os),
        Shape.broadcastStrides(b.shape(), os));
    Tensor out = Tensor.empty(a.backend(), a.dtype(), os);
    a.backend().kernels(Kernels.class).forward(kind, a, op.aStrides, b, op.bStrides, out);
    return op.record(out, a, b);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor ga = needsGrad(a) ? Tensor.emptyLike(g) : null;
    Tensor gb = needsGrad(b) ? Tensor.emptyLike(g) : null;
    g.backend().kernels(Kernels.class).backward(kind, a, aStrides, b, bStrides, g, ga, gb);
    if (ga != null) {
      grads.add(a, Arith.sumTo(ga, a.shape()));
    }
    if (gb != null) {
      grads.add(b, Arith.sumTo(gb, b.shape()));
    }
  }
}
