package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Elementwise add, sub, mul, div with numpy broadcasting. Backward reduces each input's gradient
 * over the axes it was broadcast along ({@link Kernels#sumTo}).
 */
public final class Arith extends Op.Unary {
  public enum Kind { ADD, SUB, MUL, DIV }

  /** Backend kernels for this family. */
  public interface Kernels {
    /** out = a (kind) b, with a and b broadcast to out's shape. */
    void binary(Kind kind, Tensor a, Tensor b, Tensor out);

    /** dst += src (same number of elements). */
    void addInPlace(Tensor dst, Tensor src);

    /** out = x * scale + shift. */
    void affine(Tensor x, double scale, double shift, Tensor out);

    /** dst = src summed over the axes along which dst's shape was broadcast to src's shape. */
    void sumTo(Tensor src, Tensor dst);
  }

  private final Kind kind;
  private final Tensor a;
  private final Tensor b;
  private Tensor out;

  private Arith(Kind kind, Tensor a, Tensor b) {
    this.kind = kind;
    this.a = a;
    this.b = b;
  }

  public static Tensor add(Tensor a, Tensor b) {
    return new Arith(Kind.ADD, a, b).forward();
  }

  public static Tensor sub(Tensor a, Tensor b) {
    return new Arith(Kind.SUB, a, b).forward();
  }

  public static Tensor mul(Tensor a, Tensor b) {
    return new Arith(Kind.MUL, a, b).forward();
  }

  public static Tensor div(Tensor a, Tensor b) {
    return new Arith(Kind.DIV, a, b).forward();
  }

  /** x * scale + shift (differentiable in x). */
  public static Tensor affine(Tensor x, double scale, double shift) {
    return Affine.apply(x, scale, shift);
  }

  public static Tensor scale(Tensor x, double scale) {
    return Affine.apply(x, scale, 0.0);
  }

  public static Tensor addScalar(Tensor x, double shift) {
    return Affine.apply(x, 1.0, shift);
  }

  public static Tensor neg(Tensor x) {
    return Affine.apply(x, -1.0, 0.0);
  }

  /** dst += src in place, outside autodiff (gradient accumulation, optimisers). */
  public static void addInPlace(Tensor dst, Tensor src) {
    if (dst.numel() != src.numel() || dst.dtype() != src.dtype()) {
      throw new IllegalArgumentException("addInPlace " + dst + " += " + src);
    }
    k(dst).addInPlace(dst, src);
  }

  /** Sum of {@code src} reduced to {@code shape} (the inverse of broadcasting); no autodiff. */
  public static Tensor sumTo(Tensor src, int[] shape) {
    if (java.util.Arrays.equals(src.shape(), shape)) {
      return src;
    }
    Tensor dst = Tensor.empty(src.backend(), src.dtype(), shape);
    Shape.broadcast(shape, src.shape()); // validates compatibility
    k(src).sumTo(src, dst);
    return dst;
  }

  private static Kernels k(Tensor t) {
    return t.backend().kernels(Kernels.class);
  }

  private Tensor forward() {
    if (a.backend() != b.backend()) {
      throw new IllegalArgumentException(kind + ": operands on different backends: " + a + ", " + b);
    }
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(kind + ": dtype mismatch: " + a + ", " + b);
    }
    out = Tensor.empty(a.backend(), a.dtype(), Shape.broadcast(a.shape(), b.shape()));
    k(a).binary(kind, a, b, out);
    return record(out, a, b);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    switch (kind) {
      case ADD -> {
        grads.add(a, sumTo(g, a.shape()));
        grads.add(b, sumTo(g, b.shape()));
      }
      case SUB -> {
        grads.add(a, sumTo(g, a.shape()));
        if (needsGrad(b)) {
          grads.add(b, sumTo(neg(g), b.shape()));
        }
      }
      case MUL -> {
        if (needsGrad(a)) {
          grads.add(a, sumTo(mul(g, b), a.shape()));
        }
        if (needsGrad(b)) {
          grads.add(b, sumTo(mul(g, a), b.shape()));
        }
      }
      case DIV -> {
        Tensor gOverB = div(g, b);
        if (needsGrad(a)) {
          grads.add(a, sumTo(gOverB, a.shape()));
        }
        if (needsGrad(b)) {
          // d(a/b)/db = -a/b^2 = -(a/b)/b, and a/b is the saved output.
          grads.add(b, sumTo(neg(mul(gOverB, out)), b.shape()));
        }
      }
    }
  }

  /** x * scale + shift as its own op (no second operand to broadcast). */
  static final class Affine extends Op.Unary {
    private final Tensor x;
    private final double scale;

    private Affine(Tensor x, double scale) {
      this.x = x;
      this.scale = scale;
    }

    static Tensor apply(Tensor x, double scale, double shift) {
      Tensor out = Tensor.emptyLike(x);
      k(x).affine(x, scale, shift, out);
      return new Affine(x, scale).record(out, x);
    }

    @Override
    protected void backward(Tensor g, Gradients grads) {
      Tensor gx = Tensor.emptyLike(g);
      k(g).affine(g, scale, 0.0, gx);
      grads.add(x, gx);
    }
  }
}
