package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Single-precision GEMM on off-heap row-major matrices: op(B) is packed once per batch entry into a
 * heap array (so the inner loop is a unit-stride axpy the JIT vectorises), rows of C are computed
 * in parallel. This is the portable path; {@code GemmVector} replaces it where the Vector API runs.
 */
public final class Gemm {
  private Gemm() {}

  public static void sgemm(boolean transA, boolean transB, int batch, int m, int n, int k,
      float alpha, MemorySegment a, long strideA, MemorySegment b, long strideB, float beta,
      MemorySegment c, long strideC) {
    float[] shared = strideB == 0 ? packB(b, 0, transB, n, k) : null;
    for (int bi = 0; bi < batch; bi++) {
      float[] bp = shared != null ? shared : packB(b, bi * strideB, transB, n, k);
      long oa = bi * strideA;
      long oc = bi * strideC;
      Parallel.range(m, Math.max(1, 8192 / Math.max(1, (long) n * k / 64 + 1)), (s, e) -> {
        float[] arow = new float[k];
        float[] crow = new float[n];
        for (long i = s; i < e; i++) {
          for (int p = 0; p < k; p++) {
            arow[p] = transA
                ? a.getAtIndex(ValueLayout.JAVA_FLOAT, oa + (long) p * m + i)
                : a.getAtIndex(ValueLayout.JAVA_FLOAT, oa + i * k + p);
          }
          java.util.Arrays.fill(crow, 0f);
          for (int p = 0; p < k; p++) {
            float av = arow[p];
            int base = p * n;
            for (int j = 0; j < n; j++) {
              crow[j] += av * bp[base + j];
            }
          }
          long rowOff = oc + i * n;
          if (beta == 0f) {
            for (int j = 0; j < n; j++) {
              c.setAtIndex(ValueLayout.JAVA_FLOAT, rowOff + j, alpha * crow[j]);
            }
          } else {
            for (int j = 0; j < n; j++) {
              float prev = c.getAtIndex(ValueLayout.JAVA_FLOAT, rowOff + j);
              c.setAtIndex(ValueLayout.JAVA_FLOAT, rowOff + j, alpha * crow[j] + beta * prev);
            }
          }
        }
      });
    }
  }

  /** op(B) as a k×n row-major heap array. */
  private static float[] packB(MemorySegment b, long off, boolean transB, int n, int k) {
    float[] out = new float[k * n];
    if (!transB) {
      MemorySegment.copy(b, ValueLayout.JAVA_FLOAT, off * 4, out, 0, k * n);
    } else {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < k; p++) {
          out[p * n + j] = b.getAtIndex(ValueLayout.JAVA_FLOAT, off + (long) j * k + p);
        }
      }
    }
    return out;
  }
}
