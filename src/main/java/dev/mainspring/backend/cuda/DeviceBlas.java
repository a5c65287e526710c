package dev.mainspring.backend.cuda;

/**
 * The one BLAS call the CUDA backend makes, in cuBLAS's own column-major terms so that the row-major
 * to column-major translation stays in {@link MatMulCuda} (where the emulated tests check it):
 * for each i in [0, batch), C_i = alpha · op(A_i) · op(B_i) + beta · C_i with op(A_i) m×k, op(B_i) k×n,
 * C_i m×n, every matrix column-major with its leading dimension, X_i at {@code x + i·strideX} elements
 * (F32). As in cuBLAS, beta = 0 means C is written without being read (NaN garbage in C never shows),
 * and k = 0 gives C = beta · C. Invalid arguments (negative sizes, a leading dimension below its
 * matrix's row count) are rejected, naming the call and the shape.
 */
interface DeviceBlas {
  /**
   * {@code cublasSgemmStridedBatched}, or with {@code tf32} {@code cublasGemmStridedBatchedEx} with
   * {@code CUBLAS_COMPUTE_32F_FAST_TF32} (inputs rounded to 10 mantissa bits, fp32 accumulation).
   * Pointers are device addresses; alpha and beta are host values.
   */
  void sgemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha, long a, int lda,
      long strideA, long b, int ldb, long strideB, float beta, long c, int ldc, long strideC, int batch,
      boolean tf32);

  /** Releases the BLAS library's state (the cuBLAS handle). */
  void close();

  /** The shape part of error messages: batch×m×n×k and the ops. */
  static String describe(boolean transA, boolean transB, int m, int n, int k, int batch) {
    return "batch " + batch + ", m=" + m + " n=" + n + " k=" + k + ", op(A)=" + (transA ? "T" : "N")
        + " op(B)=" + (transB ? "T" : "N");
  }
}
