package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.MatMul;

/**
 * {@link MatMul} through the backend's strided-batched SGEMM ({@link DeviceBlas}: cuBLAS on a GPU) on
 * its stream. Row-major products are handed to column-major cuBLAS transposed: C = op(A)·op(B) is
 * computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, which needs no copies, because a row-major r×c matrix is its own
 * transpose read column-major with leading dimension c. FP32 by default; {@code -Dmainspring.tf32=true}
 * lets cuBLAS use TF32 tensor cores (10-bit mantissa inputs, fp32 accumulation).
 */
final class MatMulCuda implements MatMul.Kernels {
  static final boolean TF32 = Boolean.getBoolean("mainspring.tf32");

  private final CudaBackend backend;
  private final boolean tf32;

  MatMulCuda(CudaBackend backend, boolean tf32) {
    this.backend = backend;
    this.tf32 = tf32;
  }

  @Override
  public void gemm(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
      Tensor a, long strideA, Tensor b, long strideB, double beta, Tensor c, long strideC) {
    Launcher.requireF32("matmul", a, b, c);
    if (batch < 0 || m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("matmul sizes must be non-negative: batch " + batch + ", m=" + m
          + " n=" + n + " k=" + k);
    }
    if (batch > 1 && strideC < (long) m * n) {
      // Overlapping outputs would be written by concurrent problems: a race on the GPU.
      throw new IllegalArgumentException("matmul output stride " + strideC + " is below m·n = " + (long) m * n
          + " for " + batch + " problems");
    }
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      // The product is empty: C = beta·C. Done here rather than by cuBLAS, which rejects the leading
      // dimension 0 an empty operand has (and whose k = 0 behaviour is not documented).
      scaleOutput(batch, m, n, beta, c, strideC);
      return;
    }
    // Column-major view: op(B)ᵀ (n×k) times op(A)ᵀ (k×m) gives Cᵀ (n×m, leading dimension n).
    int ldb = transB ? k : n;
    int lda = transA ? m : k;
    backend.blas().sgemmStridedBatched(transB, transA, n, m, k, (float) alpha, ptr(b), ldb, strideB, ptr(a), lda,
        strideA, (float) beta, ptr(c), n, strideC, batch, tf32);
  }

  /** C_i ← beta·C_i for each problem; beta = 0 writes zeros without reading C (as cuBLAS). */
  private void scaleOutput(int batch, int m, int n, double beta, Tensor c, long strideC) {
    long count = (long) m * n;
    boolean contiguous = batch == 1 || strideC == count;
    int regions = contiguous ? 1 : batch;
    long each = contiguous ? count * batch : count;
    float betaF = (float) beta;
    for (int i = 0; i < regions; i++) {
      long offset = c.offset() + i * strideC;
      if (betaF == 0f) {
        backend.fill(c.storage(), offset, each, 0.0);
      } else if (betaF != 1f) {
        Launcher l = backend.launcher();
        long p = ptr(c) + i * strideC * Float.BYTES;
        // (double) g · (double) betaF rounded to float is the fp32 product cuBLAS would form.
        l.elementwise("optim", "ms_scale_inplace", each, l.args().ptr(p).f64(betaF).i64(each));
      }
    }
  }
}
