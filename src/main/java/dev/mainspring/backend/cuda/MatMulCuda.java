package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.bindings.cublas.CublasCheck.check;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.MatMul;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link MatMul} through cuBLAS strided-batched SGEMM on the backend's stream. Row-major products are
 * handed to column-major cuBLAS transposed: C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, which
 * needs no copies. FP32 by default; {@code -Dmainspring.tf32=true} lets cuBLAS use TF32 tensor cores
 * (10-bit mantissa inputs, fp32 accumulation).
 */
final class MatMulCuda implements MatMul.Kernels {
  static final boolean TF32 = Boolean.getBoolean("mainspring.tf32");

  private final CudaBackend backend;
  private final boolean tf32;
  // alpha and beta are read by cuBLAS from host memory at the call (host pointer mode).
  private final MemorySegment scalars = Arena.ofAuto().allocate(ValueLayout.JAVA_FLOAT, 2);

  MatMulCuda(CudaBackend backend, boolean tf32) {
    this.backend = backend;
    this.tf32 = tf32;
  }

  @Override
  public synchronized void gemm(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
      Tensor a, long strideA, Tensor b, long strideB, double beta, Tensor c, long strideC) {
    Launcher.requireF32("matmul", a, b, c);
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      // cuBLAS leaves C untouched for k = 0; the product is empty, so C = beta·C.
      if (beta == 0.0) {
        backend.fill(c.storage(), c.offset(), (long) batch * m * n, 0.0);
        return;
      }
    }
    scalars.setAtIndex(ValueLayout.JAVA_FLOAT, 0, (float) alpha);
    scalars.setAtIndex(ValueLayout.JAVA_FLOAT, 1, (float) beta);
    MemorySegment alphaP = scalars.asSlice(0, 4);
    MemorySegment betaP = scalars.asSlice(4, 4);
    // Column-major view: B (as Bᵀ) first. Row-major X stored r×c has leading dimension c.
    int opB = transB ? Cublas.CUBLAS_OP_T() : Cublas.CUBLAS_OP_N();
    int opA = transA ? Cublas.CUBLAS_OP_T() : Cublas.CUBLAS_OP_N();
    int ldb = transB ? k : n;
    int lda = transA ? m : k;
    MemorySegment h = backend.cublas().handle();
    MemorySegment pa = MemorySegment.ofAddress(ptr(a));
    MemorySegment pb = MemorySegment.ofAddress(ptr(b));
    MemorySegment pc = MemorySegment.ofAddress(ptr(c));
    if (tf32) {
      int f32 = Cublas.CUDA_R_32F();
      check(Cublas.cublasGemmStridedBatchedEx(h, opB, opA, n, m, k, alphaP, pb, f32, ldb, strideB, pa, f32, lda,
          strideA, betaP, pc, f32, n, strideC, batch, Cublas.CUBLAS_COMPUTE_32F_FAST_TF32(),
          Cublas.CUBLAS_GEMM_DEFAULT()), "cublasGemmStridedBatchedEx(TF32, " + describe(batch, m, n, k) + ")");
    } else {
      check(Cublas.cublasSgemmStridedBatched(h, opB, opA, n, m, k, alphaP, pb, ldb, strideB, pa, lda, strideA,
          betaP, pc, n, strideC, batch), "cublasSgemmStridedBatched(" + describe(batch, m, n, k) + ")");
    }
  }

  private static String describe(int batch, int m, int n, int k) {
    return batch + "×" + m + "×" + n + "×" + k;
  }
}
