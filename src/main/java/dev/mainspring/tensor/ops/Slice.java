package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * x[from:to:step] along one axis, as a new contiguous tensor. Backward scatters the gradient back
 * into zeros, so the entries the slice skipped get exactly zero gradient. Its kernel, a strided copy
 * of slabs along an axis, also serves {@link Concat}.
 */
public final class Slice extends Op.Unary {
  /** Backend kernel: the strided slab copy behind slicing and concatenation. */
  public interface Kernels {
    /**
     * With src viewed as [outer, srcLen, inner] and dst as [outer, dstLen, inner], for o < outer and
     * j < count: dst[o, dstStart + j·dstStep, :] = src[o, srcStart + j·srcStep, :]. Other entries of
     * dst are left as they are. Any dtype (a copy of raw elements).
     */
    void copy(Tensor src, int srcLen, int srcStart, int srcStep, Tensor dst, int dstLen,
        int dstStart, int dstStep, long outer, int count, long inner);
  }

  private final Tensor x;
  private final long outer;
  private final long inner;
  private final int from;
  private final int step;
  private final int count;
  private final int axisLen;

  private Slice(Tensor x, long outer, long inner, int axisLen, int from, int step, int count) {
    this.x = x;
    this.outer = outer;
    this.inner = inner;
    this.axisLen = axisLen;
    this.from = from;
    this.step = step;
    this.count = count;
  }

  /** x[from:to] along {@code axis} (negative axes count from the end). */
  public static Tensor apply(Tensor x, int axis, int from, int to) {
    return apply(x, axis, from, to, 1);
  }

  /** x[from:to:step] along {@code axis}, with 0 ≤ from ≤ to ≤ x.dim(axis) and step ≥ 1. */
  public static Tensor apply(Tensor x, int axis, int from, int to, int step) {
    int ax = dev.mainspring.tensor.Shape.axis(axis, x.rank());
    int[] s = x.shape();
    if (from < 0 || to > s[ax] || from > to || step < 1) {
      throw new IllegalArgumentException("slice [" + from + ":" + to + ":" + step + "] of axis "
          + ax + " of " + x + " needs 0 ≤ from ≤ to ≤ " + s[ax] + " and step ≥ 1");
    }
    int count = (to - from + step - 1) / step;
    long outer = outer(s, ax);
    long inner = inner(s, ax);
    int[] os = s.clone();
    os[ax] = count;
    Tensor out = Tensor.empty(x.backend(), x.dtype(), os);
    x.backend().kernels(Kernels.class).copy(x, s[ax], from, step, out, count, 0, 1, outer, count,
        inner);
    return new Slice(x, outer, inner, s[ax], from, step, count).record(out, x);
  }

  static long outer(int[] s, int axis) {
    long o = 1;
    for (int i = 0; i < axis; i++) {
      o *= s[i];
    }
    return o;
  }

  static long inner(int[] s, int axis) {
    long in = 1;
    for (int i = axis + 1; i < s.length; i++) {
      in *= s[i];
    }
    return in;
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.zerosLike(x);
    x.backend().kernels(Kernels.class).copy(g, count, 0, 1, gx, axisLen, from, step, outer, count,
        inner);
    grads.add(x, gx);
  }
}
