package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/** Same data, another shape: a view forward, a view of the gradient backward. */
public final class Reshape extends Op.Unary {
  private final Tensor x;

  private Reshape(Tensor x) {
    this.x = x;
  }

  public static Tensor apply(Tensor x, int... shape) {
    Tensor out = x.view(shape);
    return new Reshape(x).record(out, x);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    grads.add(x, g.view(x.shape()));
  }
}
