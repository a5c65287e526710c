package dev.mainspring.backend.cuda;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link DeviceBlas} for {@link HostEmulationRuntime}: a plain host reference with cuBLAS's exact
 * semantics, so the emulated tests check what {@link MatMulCuda} asks of cuBLAS (column-major
 * operands, op N/T, leading dimensions, batch strides) rather than a row-major shortcut. Like cuBLAS
 * it rejects negative sizes and leading dimensions below the rows of their matrix, writes C without
 * reading it when beta = 0, and gives C = beta·C for k = 0. Sums are accumulated in double (a
 * reference, not cuBLAS's summation order); with TF32 allowed the inputs are first rounded to TF32's
 * 10 mantissa bits (round to nearest, ties away, as {@code cvt.rna.tf32.f32}), so tolerances that
 * tests state for TF32 are exercised.
 */
final class HostEmulationBlas implements DeviceBlas {
  @Override
  public void sgemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, long a,
      int lda, long strideA, long b, int ldb, long strideB, float beta, long c, int ldc, long strideC, int batch,
      boolean tf32) {
    String call = (tf32 ? "cublasGemmStridedBatchedEx(TF32, " : "cublasSgemmStridedBatched(")
        + DeviceBlas.describe(transA, transB, m, n, k, batch) + ", lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + ")";
    int rowsA = transA ? k : m;
    int rowsB = transB ? n : k;
    if (m < 0 || n < 0 || k < 0 || batch < 0 || lda < Math.max(1, rowsA) || ldb < Math.max(1, rowsB)
        || ldc < Math.max(1, m)) {
      throw new IllegalArgumentException(call + " failed: CUBLAS_STATUS_INVALID_VALUE (host emulation)");
    }
    if (m == 0 || n == 0 || batch == 0) {
      return;
    }
    MemorySegment as = view(a, batch, strideA, transA ? m : k, lda, rowsA);
    MemorySegment bs = view(b, batch, strideB, transB ? k : n, ldb, rowsB);
    MemorySegment cs = view(c, batch, strideC, n, ldc, m);
    for (int t = 0; t < batch; t++) {
      long a0 = t * strideA;
      long b0 = t * strideB;
      long c0 = t * strideC;
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) {
          double sum = 0;
          for (int p = 0; p < k; p++) {
            // op(A)(i, p) and op(B)(p, j) of column-major storage.
            long ai = transA ? a0 + p + (long) i * lda : a0 + i + (long) p * lda;
            long bi = transB ? b0 + j + (long) p * ldb : b0 + p + (long) j * ldb;
            sum += (double) input(as, ai, tf32) * input(bs, bi, tf32);
          }
          long ci = c0 + i + (long) j * ldc;
          double value = (double) alpha * sum;
          if (beta != 0f) {
            value += (double) beta * cs.getAtIndex(ValueLayout.JAVA_FLOAT, ci);
          }
          cs.setAtIndex(ValueLayout.JAVA_FLOAT, ci, (float) value);
        }
      }
    }
  }

  /** The bytes a batch of column-major matrices spans (cols columns of rows used, ld apart). */
  private static MemorySegment view(long address, int batch, long stride, int cols, int ld, int rows) {
    if (cols == 0 || rows == 0) {
      return MemorySegment.NULL;
    }
    long last = (long) (batch - 1) * stride + (long) (cols - 1) * ld + rows;
    return MemorySegment.ofAddress(address).reinterpret(Math.max(last, 1) * Float.BYTES);
  }

  private static float input(MemorySegment s, long index, boolean tf32) {
    float v = s.getAtIndex(ValueLayout.JAVA_FLOAT, index);
    if (!tf32 || !Float.isFinite(v)) {
      return v;
    }
    int bits = Float.floatToRawIntBits(v);
    return Float.intBitsToFloat((bits + 0x1000) & ~0x1FFF);
  }

  @Override
  public void close() {}
}
