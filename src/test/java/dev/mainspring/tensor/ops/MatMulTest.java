package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MatMulTest {
  private final Rand rand = new Rand(5);

  private static double at(double[] v, boolean trans, int rows, int cols, int batchOff, int i, int j) {
    // element (i, j) of op(X) where X is stored rows×cols (op(X) is cols×rows when transposed)
    return trans ? v[batchOff + j * cols + i] : v[batchOff + i * cols + j];
  }

  @Test
  void allTransposeCombinationsMatchNaive() {
    int batch = 3;
    int m = 5;
    int n = 7;
    int k = 4;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (boolean shared : new boolean[] {false, true}) {
          for (DType dt : new DType[] {DType.F64, DType.F32}) {
            try (Scope s = Scope.open()) {
              double[] av = rand.normal(batch * m * k);
              double[] bv = rand.normal((shared ? 1 : batch) * k * n);
              Tensor a = Tensor.of(dev.mainspring.tensor.Backends.cpu(), dt, av,
                  ta ? new int[] {batch, k, m} : new int[] {batch, m, k});
              int[] bs = tb ? new int[] {n, k} : new int[] {k, n};
              Tensor b = Tensor.of(dev.mainspring.tensor.Backends.cpu(), dt, bv,
                  shared ? bs : new int[] {batch, bs[0], bs[1]});
              double[] c = MatMul.apply(a, b, ta, tb).toDoubleArray();
              for (int bi = 0; bi < batch; bi++) {
                for (int i = 0; i < m; i++) {
                  for (int j = 0; j < n; j++) {
                    double want = 0;
                    for (int p = 0; p < k; p++) {
                      want += at(av, ta, ta ? k : m, ta ? m : k, bi * m * k, i, p)
                          * at(bv, tb, tb ? n : k, tb ? k : n, shared ? 0 : bi * k * n, p, j);
                    }
                    assertEquals(want, c[(bi * m + i) * n + j], dt == DType.F64 ? 1e-12 : 1e-4,
                        "ta=" + ta + " tb=" + tb + " shared=" + shared + " " + dt);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void gradientsForEveryLayout() {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        for (boolean shared : new boolean[] {false, true}) {
          try (Scope s = Scope.open()) {
            Tensor a = ta ? rand.param(2, 3, 5) : rand.param(2, 5, 3);
            int[] bs = tb ? new int[] {4, 3} : new int[] {3, 4};
            Tensor b = shared ? rand.param(bs) : rand.param(2, bs[0], bs[1]);
            GradCheck.check(in -> MatMul.apply(in[0], in[1], ta, tb), a, b);
          }
        }
      }
    }
  }

  @Test
  void largeF32AgreesWithF64() {
    try (Scope s = Scope.open()) {
      double[] av = rand.normal(67 * 129);
      double[] bv = rand.normal(129 * 33);
      double[] c64 = MatMul.apply(Tensor.of(av, 67, 129), Tensor.of(bv, 129, 33)).toDoubleArray();
      float[] c32 = MatMul.apply(
          Tensor.of(dev.mainspring.tensor.Backends.cpu(), DType.F32, av, 67, 129),
          Tensor.of(dev.mainspring.tensor.Backends.cpu(), DType.F32, bv, 129, 33)).toFloatArray();
      for (int i = 0; i < c64.length; i++) {
        assertEquals(c64[i], c32[i], 1e-3 * (1 + Math.abs(c64[i])));
      }
    }
  }
}
