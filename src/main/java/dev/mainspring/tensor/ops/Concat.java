package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.util.List;

/**
 * Concatenation along one axis into a new contiguous tensor; backward hands each input its slice of
 * the gradient. Uses {@link Slice.Kernels}' strided copy both ways.
 */
public final class Concat extends Op.Unary {
  private final Tensor[] xs;
  private final int[] starts;
  private final int total;
  private final long outer;
  private final long inner;

  private Concat(Tensor[] xs, int[] starts, int total, long outer, long inner) {
    this.xs = xs;
    this.starts = starts;
    this.total = total;
    this.outer = outer;
    this.inner = inner;
  }

  /** The tensors joined along {@code axis}: same dtype, backend, and shape except along the axis. */
  public static Tensor apply(List<Tensor> tensors, int axis) {
    if (tensors.isEmpty()) {
      throw new IllegalArgumentException("concat of an empty list");
    }
    Tensor[] xs = tensors.toArray(new Tensor[0]);
    Tensor first = xs[0];
    int ax = Shape.axis(axis, first.rank());
    int[] shape = first.shape();
    int[] starts = new int[xs.length];
    int total = 0;
    for (int i = 0; i < xs.length; i++) {
      Tensor t = xs[i];
      Masks.sameBackendAndDtype("concat", first, t);
      int[] s = t.shape();
      boolean ok = s.length == shape.length;
      for (int d = 0; ok && d < s.length; d++) {
        ok = d == ax || s[d] == shape[d];
      }
      if (!ok) {
        throw new IllegalArgumentException("concat along axis " + ax + ": input " + i + " has shape "
            + Shape.str(s) + ", incompatible with input 0's " + Shape.str(shape));
      }
      starts[i] = total;
      total = Math.addExact(total, s[ax]);
    }
    shape[ax] = total;
    long outer = Slice.outer(shape, ax);
    long inner = Slice.inner(shape, ax);
    Tensor out = Tensor.empty(first.backend(), first.dtype(), shape);
    Slice.Kernels k = first.backend().kernels(Slice.Kernels.class);
    for (int i = 0; i < xs.length; i++) {
      int len = xs[i].dim(ax);
      k.copy(xs[i], len, 0, 1, out, total, starts[i], 1, outer, len, inner);
    }
    return new Concat(xs, starts, total, outer, inner).record(out, xs);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Slice.Kernels k = g.backend().kernels(Slice.Kernels.class);
    for (int i = 0; i < xs.length; i++) {
      if (!needsGrad(xs[i])) {
        continue;
      }
      Tensor gi = Tensor.emptyLike(xs[i]);
      int len = i + 1 < xs.length ? starts[i + 1] - starts[i] : total - starts[i];
      k.copy(g, total, starts[i], 1, gi, len, 0, 1, outer, len, inner);
      grads.add(xs[i], gi);
    }
  }
}
