package dev.mainspring.backend.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * A row-major walk over a shape with operands read through strides (0 on broadcast axes), coalesced
 * for the kernels' fixed six axes ({@code MS_SHAPE6} / {@code MS_STRIDES6} in {@code cuda/common.cuh}):
 * size-1 axes are dropped, neighbouring axes that every operand walks contiguously are merged, and the
 * result is padded in front with size-1 axes.
 */
final class Strided {
  static final int AXES = 6;

  private final long[] shape;
  private final long[][] strides;

  private Strided(long[] shape, long[][] strides) {
    this.shape = shape;
    this.strides = strides;
  }

  static Strided of(int[] shape, long[]... operandStrides) {
    List<Long> sizes = new ArrayList<>();
    List<long[]> st = new ArrayList<>();
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) {
        continue;
      }
      long[] s = new long[operandStrides.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = operandStrides[k][d];
      }
      if (!sizes.isEmpty()) {
        int last = sizes.size() - 1;
        long[] prev = st.get(last);
        boolean merge = true;
        for (int k = 0; k < s.length; k++) {
          merge &= prev[k] == s[k] * shape[d];
        }
        if (merge) {
          sizes.set(last, sizes.get(last) * shape[d]);
          st.set(last, s);
          continue;
        }
      }
      sizes.add((long) shape[d]);
      st.add(s);
    }
    if (sizes.size() > AXES) {
      throw new UnsupportedOperationException("the cuda backend walks at most " + AXES
          + " non-mergeable axes, got shape " + java.util.Arrays.toString(shape) + " with strides "
          + java.util.Arrays.deepToString(operandStrides));
    }
    long[] outShape = new long[AXES];
    long[][] outStrides = new long[operandStrides.length][AXES];
    int pad = AXES - sizes.size();
    java.util.Arrays.fill(outShape, 1);
    for (int i = 0; i < sizes.size(); i++) {
      outShape[pad + i] = sizes.get(i);
      for (int k = 0; k < operandStrides.length; k++) {
        outStrides[k][pad + i] = st.get(i)[k];
      }
    }
    return new Strided(outShape, outStrides);
  }

  /** Contiguous row-major strides of a shape. */
  static long[] contiguous(int[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }

  KernelArgs shape(KernelArgs a) {
    for (long n : shape) {
      a.i64(n);
    }
    return a;
  }

  KernelArgs strides(KernelArgs a, int operand) {
    for (long s : strides[operand]) {
      a.i64(s);
    }
    return a;
  }

  /** For an absent mask: any shape, zero strides (the kernel tests the null pointer first). */
  static KernelArgs noMask(KernelArgs a) {
    for (int i = 0; i < 2 * AXES; i++) {
      a.i64(i < AXES ? 1 : 0);
    }
    return a;
  }
}
