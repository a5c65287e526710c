package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ArithTest {
  private final Rand rand = new Rand(7);

  @Test
  void broadcastingMatchesNaiveIndexing() {
    try (Scope s = Scope.open()) {
      Tensor a = rand.param(3, 1, 5);
      Tensor b = rand.param(4, 1);
      double[] av = a.toDoubleArray();
      double[] bv = b.toDoubleArray();
      double[] got = Arith.sub(a, b).toDoubleArray();
      assertEquals(3 * 4 * 5, got.length);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
          for (int k = 0; k < 5; k++) {
            assertEquals(av[i * 5 + k] - bv[j], got[(i * 4 + j) * 5 + k], 1e-15);
          }
        }
      }
    }
  }

  @Test
  void biasBroadcastFastPathAgreesWithGeneralPath() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(7, 3, 6);
      Tensor bias = rand.param(6);
      Tensor bias3 = bias.view(1, 1, 6);
      double[] viaSuffix = Arith.mul(x, bias).toDoubleArray();
      double[] xs = x.toDoubleArray();
      double[] bs = bias3.toDoubleArray();
      for (int i = 0; i < xs.length; i++) {
        assertEquals(xs[i] * bs[i % 6], viaSuffix[i], 1e-15);
      }
    }
  }

  @Test
  void gradientsOfAllKindsWithBroadcasting() {
    for (Arith.Kind kind : Arith.Kind.values()) {
      try (Scope s = Scope.open()) {
        Tensor a = rand.param(2, 3, 5);
        Tensor b = kind == Arith.Kind.DIV ? rand.param(0.5, 2.0, 3, 1) : rand.param(3, 1);
        GradCheck.check(in -> switch (kind) {
          case ADD -> Arith.add(in[0], in[1]);
          case SUB -> Arith.sub(in[0], in[1]);
          case MUL -> Arith.mul(in[0], in[1]);
          case DIV -> Arith.div(in[0], in[1]);
        }, a, b);
      }
    }
  }

  @Test
  void gradientWhenSameTensorFeedsBothOperands() {
    // x*x + x: the gradient tensor handed to both inputs must not be updated in place twice.
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(4, 3);
      GradCheck.check(in -> Arith.add(Arith.mul(in[0], in[0]), in[0]), x);
    }
  }

  @Test
  void affineAndSumToGradients() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(5, 4);
      GradCheck.check(in -> Arith.affine(in[0], -2.5, 0.75), x);
      double[] v = x.toDoubleArray();
      double[] cols = Arith.sumTo(x, new int[] {1, 4}).toDoubleArray();
      double[] rows = Arith.sumTo(x, new int[] {5, 1}).toDoubleArray();
      for (int j = 0; j < 4; j++) {
        double t = 0;
        for (int i = 0; i < 5; i++) {
          t += v[i * 4 + j];
        }
        assertEquals(t, cols[j], 1e-12);
      }
      for (int i = 0; i < 5; i++) {
        double t = 0;
        for (int j = 0; j < 4; j++) {
          t += v[i * 4 + j];
        }
        assertEquals(t, rows[i], 1e-12);
      }
    }
  }

  @Test
  void incompatibleShapesNameBothShapes() {
    try (Scope s = Scope.open()) {
      Tensor a = rand.f32(2, 3);
      Tensor b = rand.f32(4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arith.add(a, b));
      assertEquals(true, e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"),
          e.getMessage());
    }
  }

  @Test
  void f32ValuesMatchF64() {
    try (Scope s = Scope.open()) {
      double[] av = rand.normal(60);
      double[] bv = rand.normal(12);
      Tensor a32 = Tensor.of(Backends.cpu(), dev.mainspring.tensor.DType.F32, av, 5, 12);
      Tensor b32 = Tensor.of(Backends.cpu(), dev.mainspring.tensor.DType.F32, bv, 12);
      float[] got = Arith.mul(a32, b32).toFloatArray();
      float[] want = new float[60];
      for (int i = 0; i < 60; i++) {
        want[i] = (float) av[i] * (float) bv[i % 12];
      }
      assertArrayEquals(want, got, 1e-6f);
    }
  }

  /** Odd sizes so the F32 fast paths run full vectors and a scalar tail; exact against double. */
  @Test
  void f32FastPathsMatchDoubleReferenceExactlyOnOddSizes() {
    dev.mainspring.tensor.DType f32 = dev.mainspring.tensor.DType.F32;
    int rows = 7;
    int cols = 37;
    try (Scope s = Scope.open()) {
      double[] av = rand.normal(rows * cols);
      double[] bv = rand.normal(rows * cols);
      double[] rv = rand.normal(cols);
      for (int i = 0; i < bv.length; i++) {
        bv[i] = bv[i] + (bv[i] >= 0 ? 0.5 : -0.5); // away from 0 for DIV
      }
      for (int i = 0; i < rv.length; i++) {
        rv[i] = rv[i] + (rv[i] >= 0 ? 0.5 : -0.5);
      }
      Tensor a = Tensor.of(Backends.cpu(), f32, av, rows, cols);
      Tensor b = Tensor.of(Backends.cpu(), f32, bv, rows, cols);
      Tensor r = Tensor.of(Backends.cpu(), f32, rv, cols);
      Tensor one = Tensor.of(Backends.cpu(), f32, new double[] {rv[3]}, 1, 1);
      float[] fa = a.toFloatArray();
      float[] fb = b.toFloatArray();
      float[] fr = r.toFloatArray();
      for (Arith.Kind kind : Arith.Kind.values()) {
        float[] same = binary(kind, a, b).toFloatArray();
        float[] right = binary(kind, a, r).toFloatArray();
        float[] left = binary(kind, r, b).toFloatArray();
        float[] scalarRight = binary(kind, a, one).toFloatArray();
        float[] scalarLeft = binary(kind, one, b).toFloatArray();
        for (int i = 0; i < rows * cols; i++) {
          int j = i % cols;
          assertEquals((float) ArithCpuRef.op(kind, fa[i], fb[i]), same[i], kind + " same " + i);
          assertEquals((float) ArithCpuRef.op(kind, fa[i], fr[j]), right[i], kind + " right " + i);
          assertEquals((float) ArithCpuRef.op(kind, fr[j], fb[i]), left[i], kind + " left " + i);
          assertEquals((float) ArithCpuRef.op(kind, fa[i], fr[3]), scalarRight[i], kind + " sr " + i);
          assertEquals((float) ArithCpuRef.op(kind, fr[3], fb[i]), scalarLeft[i], kind + " sl " + i);
        }
      }
      Tensor acc = Tensor.of(Backends.cpu(), f32, av, rows, cols);
      Arith.addInPlace(acc, b);
      float[] sum = acc.toFloatArray();
      for (int i = 0; i < rows * cols; i++) {
        assertEquals(fa[i] + fb[i], sum[i], "addInPlace " + i);
      }
      float[] colSums = Arith.sumTo(a, new int[] {cols}).toFloatArray();
      for (int j = 0; j < cols; j++) {
        double t = 0;
        for (int i = 0; i < rows; i++) {
          t += fa[i * cols + j];
        }
        assertEquals((float) t, colSums[j], "sumTo " + j);
      }
    }
  }

  /** General broadcasting with rows long enough for the F32 row path, against naive indexing. */
  @Test
  void f32BroadcastRowsMatchNaiveIndexingExactly() {
    dev.mainspring.tensor.DType f32 = dev.mainspring.tensor.DType.F32;
    int[][][] cases = {{{3, 1, 19}, {4, 1}}, {{5, 4, 1}, {1, 17}}, {{2, 1, 10}, {3, 10}}};
    for (int[][] c : cases) {
      try (Scope s = Scope.open()) {
        Tensor a = Tensor.of(Backends.cpu(), f32, rand.normal(numel(c[0])), c[0]);
        Tensor b = Tensor.of(Backends.cpu(), f32, rand.normal(numel(c[1])), c[1]);
        float[] fa = a.toFloatArray();
        float[] fb = b.toFloatArray();
        int[] os = dev.mainspring.tensor.Shape.broadcast(c[0], c[1]);
        long[] sa = dev.mainspring.tensor.Shape.broadcastStrides(c[0], os);
        long[] sb = dev.mainspring.tensor.Shape.broadcastStrides(c[1], os);
        for (Arith.Kind kind : new Arith.Kind[] {Arith.Kind.SUB, Arith.Kind.MUL}) {
          float[] got = binary(kind, a, b).toFloatArray();
          assertEquals(numel(os), got.length);
          for (int i = 0; i < got.length; i++) {
            long rem = i;
            long ia = 0;
            long ib = 0;
            for (int d = os.length - 1; d >= 0; d--) {
              ia += (rem % os[d]) * sa[d];
              ib += (rem % os[d]) * sb[d];
              rem /= os[d];
            }
            assertEquals((float) ArithCpuRef.op(kind, fa[(int) ia], fb[(int) ib]), got[i], kind + " " + i);
          }
        }
      }
    }
  }

  private static int numel(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private static Tensor binary(Arith.Kind kind, Tensor a, Tensor b) {
    return switch (kind) {
      case ADD -> Arith.add(a, b);
      case SUB -> Arith.sub(a, b);
      case MUL -> Arith.mul(a, b);
      case DIV -> Arith.div(a, b);
    };
  }

  /** The double-precision reference of one element. */
  private static final class ArithCpuRef {
    static double op(Arith.Kind kind, double x, double y) {
      return switch (kind) {
        case ADD -> x + y;
        case SUB -> x - y;
        case MUL -> x * y;
        case DIV -> x / y;
      };
    }
  }
}
