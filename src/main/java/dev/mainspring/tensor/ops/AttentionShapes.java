package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/** Argument checks shared by the two fused attention ops, with messages that name the culprit. */
final class AttentionShapes {
  private AttentionShapes() {}

  static void check(String op, Tensor q, Tensor k, Tensor v, Tensor mask, int heads) {
    if (q.rank() != 4) {
      throw new IllegalArgumentException(op + ": q must be [B, n, S, d], got " + Shape.str(q.shape()));
    }
    if (!q.dtype().isFloating()) {
      throw new IllegalArgumentException(op + ": q must be F32 or F64, got " + q);
    }
    k.requireShape(q.shape(), op + " k (like q)");
    v.requireShape(q.shape(), op + " v (like q)");
    int d = q.dim(3);
    if (heads <= 0 || d % heads != 0) {
      throw new IllegalArgumentException(op + ": " + heads + " heads do not split width d = " + d
          + " into equal chunks");
    }
    sameKind(op, q, k, "k");
    sameKind(op, q, v, "v");
    if (mask != null) {
      mask.requireShape(new int[] {q.dim(0), q.dim(2)}, op + " site mask [B, S]");
      sameKind(op, q, mask, "mask");
    }
  }

  static void sameKind(String op, Tensor q, Tensor t, String what) {
    if (t.dtype() != q.dtype()) {
      throw new IllegalArgumentException(op + ": " + what + " is " + t.dtype() + " but q is "
          + q.dtype());
    }
    if (t.backend() != q.backend()) {
      throw new IllegalArgumentException(op + ": " + what + " is on " + t.backend().name()
          + " but q is on " + q.backend().name());
    }
  }
}
