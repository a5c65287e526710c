package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Sum, mean and max over one axis (apply repeatedly for several). The tensor is viewed as
 * [outer, n, inner] around the axis, which is all a kernel needs to know.
 */
public final class Reduce extends Op.Unary {
  public enum Kind { SUM, MEAN, MAX }

  /** Backend kernels for this family; x is [outer, n, inner], out is [outer, inner]. */
  public interface Kernels {
    /** Sum (scale 1) or mean (scale 1/n) along the middle axis, accumulated in double. */
    void sum(Tensor x, int outer, int n, int inner, double scale, Tensor out);

    /** Max along the middle axis; writes the winning index (first on ties) to argmax (I32). */
    void max(Tensor x, int outer, int n, int inner, Tensor out, Tensor argmax);

    /** gx[o, j, i] = g[o, i] * scale (the broadcast back of a sum/mean). */
    void sumBackward(Tensor g, int outer, int n, int inner, double scale, Tensor gx);

    /** gx[o, argmax[o,i], i] = g[o, i], zero elsewhere. */
    void maxBackward(Tensor g, Tensor argmax, int outer, int n, int inner, Tensor gx);
  }

  private final Kind kind;
  private final Tensor x;
  private final int outer;
  private final int n;
  private final int inner;
  private Tensor argmax;

  private Reduce(Kind kind, Tensor x, int axis) {
    this.kind = kind;
    this.x = x;
    int[] s = x.shape();
    int o = 1;
    int in = 1;
    for (int i = 0; i < axis; i++) {
      o *= s[i];
    }
    for (int i = axis + 1; i < s.length; i++) {
      in *= s[i];
    }
    this.outer = o;
    this.n = s[axis];
    this.inner = in;
  }

  public static Tensor sum(Tensor x, int axis, boolean keepDim) {
    return apply(Kind.SUM, x, axis, keepDim);
  }

  public static Tensor mean(Tensor x, int axis, boolean keepDim) {
    return apply(Kind.MEAN, x, axis, keepDim);
  }

  public static Tensor max(Tensor x, int axis, boolean keepDim) {
    return apply(Kind.MAX, x, axis, keepDim);
  }

  /** Sum of all elements as a one-element tensor of shape [1]. */
  public static Tensor sumAll(Tensor x) {
    return sum(x.reshape(1, -1), 1, false);
  }

  public static Tensor meanAll(Tensor x) {
    return mean(x.reshape(1, -1), 1, false);
  }

  private static Tensor apply(Kind kind, Tensor x, int axis, boolean keepDim) {
    int ax = Shape.axis(axis, x.rank());
    if (x.dim(ax) == 0) {
      throw new IllegalArgumentException(kind + " over an empty axis of " + x);
    }
    Reduce op = new Reduce(kind, x, ax);
    int[] s = x.shape();
    int[] outShape;
    if (keepDim) {
      outShape = s.clone();
      outShape[ax] = 1;
    } else {
      outShape = new int[s.length - 1];
      for (int i = 0, j = 0; i < s.length; i++) {
        if (i != ax) {
          outShape[j++] = s[i];
        }
      }
    }
    Tensor out = Tensor.empty(x.backend(), x.dtype(), outShape);
    Kernels k = x.backend().kernels(Kernels.class);
    switch (kind) {
      case SUM -> k.sum(x, op.outer, op.n, op.inner, 1.0, out);
      case MEAN -> k.sum(x, op.outer, op.n, op.inner, 1.0 / op.n, out);
      case MAX -> {
        op.argmax = Tensor.empty(x.backend(), DType.I32, op.outer, op.inner);
        k.max(x, op.outer, op.n, op.inner, out, op.argmax);
      }
    }
    return op.record(out, x);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(x);
    Kernels k = x.backend().kernels(Kernels.class);
    switch (kind) {
      case SUM -> k.sumBackward(g, outer, n, inner, 1.0, gx);
      case MEAN -> k.sumBackward(g, outer, n, inner, 1.0 / n, gx);
      case MAX -> k.maxBackward(g, argmax, outer, n, inner, gx);
    }
    grads.add(x, gx);
  }
}
