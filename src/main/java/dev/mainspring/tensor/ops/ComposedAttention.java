package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;

/**
 * The two attention ops composed from generic ops (MatMul, Arith, Elementwise, Reduce, Reshape) over
 * explicit masked score tensors, with autograd providing the backward. This is the baseline the
 * fused kernels are measured against, and a slow cross-check: it materialises every score.
 * Masked scores get −1e30 rather than −∞ so fully masked rows stay finite (they are zeroed after).
 */
public final class ComposedAttention {
  private static final double MASKED = -1e30;

  private ComposedAttention() {}

  /**
   * {@link BandAttention} as generic ops: per head, the head's features are selected with a 0/1
   * [d, dh] matrix (there is no permute op), then [B·n, S, S] scores, bias, mask, softmax, product.
   */
  public static Tensor band(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask,
      int heads, int window) {
    int B = q.dim(0);
    int n = q.dim(1);
    int S = q.dim(2);
    int d = q.dim(3);
    int dh = d / heads;
    DType dt = q.dtype();
    double[] m = mask == null ? ones(B * S) : mask.toDoubleArray();
    double[] allowed = new double[B * S * S];
    for (int b = 0; b < B; b++) {
      for (int l = 0; l < S; l++) {
        for (int j = 0; j < S; j++) {
          boolean ok = Math.abs(l - j) <= window && m[b * S + j] != 0;
          allowed[(b * S + l) * S + j] = ok ? 0.0 : MASKED;
        }
      }
    }
    Tensor keyMask = Tensor.of(q.backend(), dt, allowed, B, 1, S, S);
    Tensor queryMask = Tensor.of(q.backend(), dt, m, B, 1, S, 1);
    Tensor dist;
    try (Tape.NoGrad ng = Tape.noGrad()) {
      dist = Elementwise.abs(Arith.sub(pos.reshape(B, 1, S, 1), pos.reshape(B, 1, 1, S)));
    }
    Tensor slopes = Elementwise.softplus(a).reshape(1, heads);
    Tensor qv = q.reshape(B * n, S, d);
    Tensor kv = k.reshape(B * n, S, d);
    Tensor vv = v.reshape(B * n, S, d);
    Tensor out = null;
    for (int h = 0; h < heads; h++) {
      Tensor sel = selector(q, d, dh, h);
      Tensor qh = MatMul.apply(qv, sel);
      Tensor kh = MatMul.apply(kv, sel);
      Tensor vh = MatMul.apply(vv, sel);
      Tensor scores = Arith.scale(MatMul.apply(qh, kh, false, true), 1.0 / Math.sqrt(dh));
      Tensor slope = MatMul.apply(slopes, unit(q, heads, h)); // [1, 1]: softplus(a_h)
      Tensor bias = Arith.add(Arith.mul(dist, Arith.neg(slope)), keyMask);
      Tensor weights = softmax(Arith.add(scores.reshape(B, n, S, S), bias), 3);
      Tensor oh = MatMul.apply(weights.reshape(B * n, S, S), vh);
      Tensor part = MatMul.apply(oh, sel, false, true);
      out = out == null ? part : Arith.add(out, part);
    }
    return Arith.mul(out.reshape(B, n, S, d), queryMask);
  }

  /**
   * {@link SampleAttention} as generic ops. Without a permute op the sample axis cannot be brought
   * next to the features for MatMul, so scores are broadcast products summed over each head's
   * features: [B, n, n, S, heads] scores, softmax over the key axis, broadcast weighted sum.
   */
  public static Tensor sample(Tensor q, Tensor k, Tensor v, Tensor mask, int heads,
      boolean causal) {
    int B = q.dim(0);
    int n = q.dim(1);
    int S = q.dim(2);
    int d = q.dim(3);
    int dh = d / heads;
    DType dt = q.dtype();
    Tensor products = Arith.mul(q.reshape(B, n, 1, S, heads, dh), k.reshape(B, 1, n, S, heads, dh));
    Tensor scores = Arith.scale(Reduce.sum(products, 5, false), 1.0 / Math.sqrt(dh));
    double[] rowMask = ones(n);
    if (causal) {
      double[] keys = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          keys[i * n + j] = j < i ? 0.0 : MASKED;
        }
      }
      scores = Arith.add(scores, Tensor.of(q.backend(), dt, keys, 1, n, n, 1, 1));
      rowMask[0] = 0; // row 0 has no key
    }
    Tensor weights = softmax(scores, 2);
    Tensor mixed = Arith.mul(weights.reshape(B, n, n, S, heads, 1),
        v.reshape(B, 1, n, S, heads, dh));
    Tensor out = Reduce.sum(mixed, 2, false).reshape(B, n, S, d);
    double[] m = mask == null ? ones(B * S) : mask.toDoubleArray();
    out = Arith.mul(out, Tensor.of(q.backend(), dt, m, B, 1, S, 1));
    return causal ? Arith.mul(out, Tensor.of(q.backend(), dt, rowMask, 1, n, 1, 1)) : out;
  }

  /** Softmax along {@code axis}, the max subtracted as a constant (it cancels in the gradient). */
  private static Tensor softmax(Tensor x, int axis) {
    Tensor max;
    try (Tape.NoGrad ng = Tape.noGrad()) {
      max = Reduce.max(x, axis, true);
    }
    Tensor e = Elementwise.exp(Arith.sub(x, max));
    return Arith.div(e, Reduce.sum(e, axis, true));
  }

  /** The 0/1 [d, dh] matrix that picks head h's features. */
  private static Tensor selector(Tensor like, int d, int dh, int h) {
    double[] s = new double[d * dh];
    for (int c = 0; c < dh; c++) {
      s[(h * dh + c) * dh + c] = 1.0;
    }
    return Tensor.of(like.backend(), like.dtype(), s, d, dh);
  }

  private static Tensor unit(Tensor like, int size, int at) {
    double[] u = new double[size];
    u[at] = 1.0;
    return Tensor.of(like.backend(), like.dtype(), u, size, 1);
  }

  private static double[] ones(int size) {
    double[] o = new double[size];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }
}
