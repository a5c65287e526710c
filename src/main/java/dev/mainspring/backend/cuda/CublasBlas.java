package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cublas.CublasCheck.check;

import dev.mainspring.bindings.cublas.Cublas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link DeviceBlas} through cuBLAS on the device's stream, so GEMMs queue in order with our own
 * kernels. The handle is created on the first call (a backend that never multiplies never loads
 * cuBLAS).
 */
final class CublasBlas implements DeviceBlas {
  private final CudaDevice device;
  private CublasHandle handle;
  // alpha and beta are read by cuBLAS from host memory at the call (host pointer mode).
  private final MemorySegment scalars = Arena.ofAuto().allocate(ValueLayout.JAVA_FLOAT, 2);

  CublasBlas(CudaDevice device) {
    this.device = device;
  }

  @Override
  public synchronized void sgemmStridedBatched(boolean transA, boolean transB, int m, int n, int k, float alpha,
      long a, int lda, long strideA, long b, int ldb, long strideB, float beta, long c, int ldc, long strideC,
      int batch, boolean tf32) {
    if (handle == null) {
      handle = new CublasHandle(device);
    }
    scalars.setAtIndex(ValueLayout.JAVA_FLOAT, 0, alpha);
    scalars.setAtIndex(ValueLayout.JAVA_FLOAT, 1, beta);
    MemorySegment alphaP = scalars.asSlice(0, 4);
    MemorySegment betaP = scalars.asSlice(4, 4);
    int opA = transA ? Cublas.CUBLAS_OP_T() : Cublas.CUBLAS_OP_N();
    int opB = transB ? Cublas.CUBLAS_OP_T() : Cublas.CUBLAS_OP_N();
    MemorySegment h = handle.handle();
    MemorySegment pa = MemorySegment.ofAddress(a);
    MemorySegment pb = MemorySegment.ofAddress(b);
    MemorySegment pc = MemorySegment.ofAddress(c);
    String shape = DeviceBlas.describe(transA, transB, m, n, k, batch) + ", lda=" + lda + " ldb=" + ldb
        + " ldc=" + ldc;
    if (tf32) {
      int f32 = Cublas.CUDA_R_32F();
      check(Cublas.cublasGemmStridedBatchedEx(h, opA, opB, m, n, k, alphaP, pa, f32, lda, strideA, pb, f32, ldb,
          strideB, betaP, pc, f32, ldc, strideC, batch, Cublas.CUBLAS_COMPUTE_32F_FAST_TF32(),
          Cublas.CUBLAS_GEMM_DEFAULT()), "cublasGemmStridedBatchedEx(TF32, " + shape + ")");
    } else {
      check(Cublas.cublasSgemmStridedBatched(h, opA, opB, m, n, k, alphaP, pa, lda, strideA, pb, ldb, strideB,
          betaP, pc, ldc, strideC, batch), "cublasSgemmStridedBatched(" + shape + ")");
    }
  }

  @Override
  public synchronized void close() {
    if (handle != null) {
      handle.close();
      handle = null;
    }
  }
}
