package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.util.Arrays;

/**
 * Checks for the optional masks ops take (nonzero = valid, the data's dtype, numpy-broadcastable to
 * the data's shape) and the broadcast strides kernels read them with. A per-site mask [B, S] over
 * data [B, n, S, L] is passed as a [B, 1, S, 1] view: broadcasting aligns trailing axes.
 */
final class Masks {
  private Masks() {}

  /** Strides (x's rank; 0 on broadcast axes) to read {@code mask} at x's indices; null for no mask. */
  static long[] strides(Tensor mask, Tensor x, String op) {
    if (mask == null) {
      return null;
    }
    if (mask.backend() != x.backend()) {
      throw new IllegalArgumentException(op + ": mask " + mask + " is on another backend than " + x);
    }
    if (mask.dtype() != x.dtype()) {
      throw new IllegalArgumentException(op + ": the mask must have the data's dtype " + x.dtype()
          + " (nonzero = valid), got " + mask);
    }
    boolean fits = mask.rank() <= x.rank();
    if (fits) {
      try {
        fits = Arrays.equals(Shape.broadcast(mask.shape(), x.shape()), x.shape());
      } catch (IllegalArgumentException e) {
        fits = false;
      }
    }
    if (!fits) {
      throw new IllegalArgumentException(op + ": mask of shape " + Shape.str(mask.shape())
          + " does not broadcast to the data's shape " + Shape.str(x.shape())
          + " (broadcasting aligns trailing axes: pass a per-row mask [B, S] over [B, S, L] as a "
          + "[B, S, 1] view)");
    }
    return Shape.broadcastStrides(mask.shape(), x.shape());
  }

  static void sameBackendAndDtype(String op, Tensor a, Tensor b) {
    if (a.backend() != b.backend()) {
      throw new IllegalArgumentException(op + ": operands on different backends: " + a + ", " + b);
    }
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": dtype mismatch: " + a + ", " + b);
    }
  }

  static void requireFloating(String op, Tensor x) {
    if (!x.dtype().isFloating()) {
      throw new IllegalArgumentException(op + " needs F32 or F64 data, got " + x);
    }
  }

  static void requireIndices(String op, Tensor idx) {
    if (idx.dtype() != dev.mainspring.tensor.DType.I32) {
      throw new IllegalArgumentException(op + ": indices must be I32, got " + idx);
    }
  }
}
