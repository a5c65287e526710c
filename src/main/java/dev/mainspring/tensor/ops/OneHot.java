package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.util.Arrays;

/**
 * One-hot encoding of I32 class indices: idx [...] → [..., K] of 0s and 1s in a floating dtype. An
 * index of −1 marks padding and gives an all-zero row; anything else outside [0, K) is an error. Not
 * differentiable (the indices are data).
 */
public final class OneHot {
  private OneHot() {}

  /** Backend kernel. */
  public interface Kernels {
    /** out[i, c] = (idx[i] == c) for out viewed as [idx.numel(), k]; −1 gives zeros. */
    void forward(Tensor idx, int k, Tensor out);
  }

  public static Tensor apply(Tensor idx, int k, DType dtype) {
    Masks.requireIndices("oneHot", idx);
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException("oneHot produces F32 or F64, not " + dtype);
    }
    if (k < 1) {
      throw new IllegalArgumentException("oneHot needs at least one class, got " + k);
    }
    int[] s = idx.shape();
    int[] os = Arrays.copyOf(s, s.length + 1);
    os[s.length] = k;
    Shape.numel(os);
    Tensor out = Tensor.empty(idx.backend(), dtype, os);
    idx.backend().kernels(Kernels.class).forward(idx, k, out);
    return out;
  }
}
