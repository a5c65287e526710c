package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermuteTest {
  private final Rand rand = new Rand(71);

  private static List<int[]> permutations(int r) {
    List<int[]> out = new ArrayList<>();
    permute(new int[r], new boolean[r], 0, out);
    return out;
  }

  private static void permute(int[] cur, boolean[] used, int d, List<int[]> out) {
    if (d == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int a = 0; a < cur.length; a++) {
      if (!used[a]) {
        used[a] = true;
        cur[d] = a;
        permute(cur, used, d + 1, out);
        used[a] = false;
      }
    }
  }

  /** Naive permute: walk the output, read the input by the permuted multi-index. */
  static double[] naive(double[] x, int[] shape, int[] perm) {
    int r = shape.length;
    int[] os = new int[r];
    for (int d = 0; d < r; d++) {
      os[d] = shape[perm[d]];
    }
    long[] st = Shape.strides(shape);
    double[] out = new double[x.length];
    int[] idx = new int[r];
    for (int o = 0; o < out.length; o++) {
      int rem = o;
      for (int d = r - 1; d >= 0; d--) {
        idx[d] = rem % os[d];
        rem /= os[d];
      }
      long off = 0;
      for (int d = 0; d < r; d++) {
        off += idx[d] * st[perm[d]];
      }
      out[o] = x[(int) off];
    }
    return out;
  }

  @Test
  void everyPermutationOfRank4IncludingUnitAxesMatchesNaive() {
    for (int[] shape : new int[][] {{2, 3, 4, 5}, {3, 1, 4, 2}, {1, 5, 1, 3}}) {
      double[] xv = new double[(int) Shape.numel(shape)];
      for (int i = 0; i < xv.length; i++) {
        xv[i] = i;
      }
      for (int[] perm : permutations(4)) {
        for (DType dt : DType.values()) {
          try (Scope s = Scope.open()) {
            Tensor out = Permute.apply(Tensor.of(Backends.cpu(), dt, xv, shape), perm);
            assertArrayEquals(naive(xv, shape, perm), out.toDoubleArray(), 0.0,
                Shape.str(shape) + " perm " + Shape.str(perm) + " " + dt);
          }
        }
      }
    }
  }

  @Test
  void largeTransposesMatchNaive() {
    try (Scope s = Scope.open()) {
      int[] shape = {3, 67, 129};
      double[] xv = rand.normal((int) Shape.numel(shape));
      Tensor x = Tensor.of(Backends.cpu(), DType.F32, xv, shape);
      float[] got = Permute.transpose(x, 1, 2).toFloatArray();
      double[] want = naive(xv, shape, new int[] {0, 2, 1});
      for (int i = 0; i < want.length; i++) {
        assertEquals((float) want[i], got[i], 0f);
      }
    }
  }

  @Test
  void gradientIsTheInversePermutation() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3, 4);
      GradCheck.check(in -> Permute.apply(in[0], 2, 0, 1), x);
      GradCheck.check(in -> Permute.apply(in[0], 1, 2, 0), x);
      GradCheck.check(in -> Permute.transpose(in[0], -1, 0), x);
    }
  }

  @Test
  void invalidPermutationsAreRefused() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(2, 3, 4);
      assertThrows(IllegalArgumentException.class, () -> Permute.apply(x, 0, 1));
      assertThrows(IllegalArgumentException.class, () -> Permute.apply(x, 0, 1, 1));
      assertThrows(IllegalArgumentException.class, () -> Permute.apply(x, 0, 1, 3));
    }
  }
}
