package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class IndexTest {
  private final Rand rand = new Rand(41);

  private int[] indices(int count, int bound) {
    int[] v = new int[count];
    for (int i = 0; i < count; i++) {
      v[i] = rand.nextInt(bound);
    }
    return v;
  }

  @Test
  void selectPicksRowsForAnyIndexShapeAndDtype() {
    for (DType dt : DType.values()) {
      try (Scope s = Scope.open()) {
        int n = 6;
        int row = 3 * 5;
        double[] xv = rand.uniform(n * row, -100, 100);
        for (int i = 0; i < xv.length; i++) {
          xv[i] = Math.rint(xv[i]); // integral so I32 holds the same values
        }
        int[] iv = {5, 0, 0, 3, 2, 5}; // duplicates, unordered
        Tensor out = Index.select(Tensor.of(Backends.cpu(), dt, xv, n, 3, 5),
            Tensor.of(iv, 2, 3));
        assertArrayEquals(new int[] {2, 3, 3, 5}, out.shape());
        double[] got = out.toDoubleArray();
        for (int i = 0; i < iv.length; i++) {
          for (int j = 0; j < row; j++) {
            assertEquals(xv[iv[i] * row + j], got[i * row + j], 0.0, dt + "");
          }
        }
      }
    }
  }

  @Test
  void scatterAddSumsDuplicatesAndLeavesUnhitRowsZero() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        int n = 7;
        int[] iv = {3, 1, 3, 3, 0, 6, 1, 3};
        double[] sv = rand.normal(iv.length * 4);
        double[] got = Index.scatterAdd(Tensor.of(Backends.cpu(), dt, sv, iv.length, 2, 2),
            Tensor.of(iv, iv.length), n).toDoubleArray();
        double[] want = new double[n * 4];
        for (int i = 0; i < iv.length; i++) {
          for (int j = 0; j < 4; j++) {
            want[iv[i] * 4 + j] += dt == DType.F32 ? (float) sv[i * 4 + j] : sv[i * 4 + j];
          }
        }
        assertArrayEquals(want, got, dt == DType.F64 ? 1e-14 : 1e-6);
        for (int t : new int[] {2, 4, 5}) {
          for (int j = 0; j < 4; j++) {
            assertEquals(0.0, got[t * 4 + j], 0.0, "row " + t + " receives nothing");
          }
        }
      }
    }
  }

  @Test
  void scatterAddIsDeterministicAndSumsInSourceOrder() {
    try (Scope s = Scope.open()) {
      int m = 20_000;
      int n = 13;
      int[] iv = indices(m, n);
      double[] sv = rand.normal(m * 3);
      Tensor src = Tensor.of(Backends.cpu(), DType.F32, sv, m, 3);
      Tensor idx = Tensor.of(iv, m);
      float[] a = Index.scatterAdd(src, idx, n).toFloatArray();
      float[] b = Index.scatterAdd(src, idx, n).toFloatArray();
      assertArrayEquals(a, b, 0f);
      float[] want = new float[n * 3];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < 3; j++) {
          want[iv[i] * 3 + j] += (float) sv[i * 3 + j];
        }
      }
      assertArrayEquals(want, a, 0f, "float sums in increasing source order");
    }
  }

  @Test
  void gatherAlongTheLastAxis() {
    for (DType dt : DType.values()) {
      try (Scope s = Scope.open()) {
        double[] xv = new double[2 * 3 * 5];
        for (int i = 0; i < xv.length; i++) {
          xv[i] = i * 3 - 7;
        }
        int[] iv = indices(2 * 3 * 4, 5);
        double[] got = Index.gather(Tensor.of(Backends.cpu(), dt, xv, 2, 3, 5),
            Tensor.of(iv, 2, 3, 4)).toDoubleArray();
        for (int r = 0; r < 6; r++) {
          for (int j = 0; j < 4; j++) {
            assertEquals(xv[r * 5 + iv[r * 4 + j]], got[r * 4 + j], 0.0);
          }
        }
      }
    }
  }

  @Test
  void gradientsOfAllThreeWithDuplicateIndices() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(5, 2, 3);
      Tensor sel = Tensor.of(new int[] {4, 1, 1, 0, 4, 4, 2}, 7);
      GradCheck.check(in -> Index.select(in[0], sel), x);
      Tensor src = rand.param(7, 3);
      GradCheck.check(in -> Index.scatterAdd(in[0], sel, 6), src);
      Tensor y = rand.param(3, 2, 5);
      Tensor gi = Tensor.of(indices(3 * 2 * 7, 5), 3, 2, 7);
      GradCheck.check(in -> Index.gather(in[0], gi), y);
    }
  }

  @Test
  void rowsNobodySelectsGetExactlyZeroGradient() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(6, 4);
      dev.mainspring.tensor.Autograd.backward(
          Index.select(x, Tensor.of(new int[] {1, 3, 3}, 3)), rand.param(3, 4));
      double[] g = x.grad().toDoubleArray();
      for (int r : new int[] {0, 2, 4, 5}) {
        for (int j = 0; j < 4; j++) {
          assertEquals(0.0, g[r * 4 + j], 0.0);
        }
      }
      x.clearGrad();
    }
  }

  @Test
  void outOfRangeIndicesAreNamed() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(4, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Index.select(x, Tensor.of(new int[] {0, 4}, 2)));
      assertTrue(e.getMessage().contains("index 4 at position 1") && e.getMessage().contains("[0, 4)"),
          e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> Index.scatterAdd(x, Tensor.of(new int[] {-1, 0, 1, 2}, 4), 3));
      assertThrows(IllegalArgumentException.class,
          () -> Index.gather(x, Tensor.of(new int[] {0, 2}, 1, 2)), "past the last axis");
      assertThrows(IllegalArgumentException.class,
          () -> Index.select(x, Tensor.of(new double[] {0, 1}, 2)), "indices must be I32");
    }
  }
}
