package dev.mainspring.tensor;

import java.util.Arrays;

/** Helpers over shapes held as {@code int[]} (row-major, last axis fastest). */
public final class Shape {
  private Shape() {}

  public static long numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    return n;
  }

  /** Row-major strides in elements. */
  public static long[] strides(int[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** Numpy broadcasting of two shapes; throws naming both shapes when they are incompatible. */
  public static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and "
            + Arrays.toString(b) + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * Strides for reading a tensor of shape {@code from} as if it had the (broadcast) shape {@code to}:
   * broadcast axes get stride 0.
   */
  public static long[] broadcastStrides(int[] from, int[] to) {
    long[] own = strides(from);
    long[] s = new long[to.length];
    int off = to.length - from.length;
    for (int i = 0; i < to.length; i++) {
      if (i < off || from[i - off] == 1) {
        s[i] = 0;
      } else {
        s[i] = own[i - off];
      }
    }
    return s;
  }

  /** Resolves a possibly negative axis against a rank. */
  public static int axis(int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
    }
    return a;
  }

  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  public static int[] of(int... dims) {
    return dims.clone();
  }
}
