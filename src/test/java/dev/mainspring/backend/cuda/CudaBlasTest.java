package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cublas.CublasCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cublas.CublasException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cuBLAS through our bindings against a double-precision CPU product. Row-major matrices are handed to
 * column-major cuBLAS as their transposes: C = A·B is computed as Cᵀ = Bᵀ·Aᵀ. Skipped without a GPU.
 */
class CudaBlasTest {
  private static GpuSession gpu;
  private static CublasHandle blas;

  private static String skip;

  @BeforeAll
  static void open() {
    skip = GpuSession.whyNot();
    if (skip == null && !Cublas.LIBRARY.isLoaded()) {
      skip = "cuBLAS " + Cublas.LIBRARY.describe();
    }
    if (skip == null) {
      gpu = GpuSession.open();
      blas = new CublasHandle(gpu.device);
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuSession.skipUnless(skip);
  }

  @AfterAll
  static void close() {
    if (blas != null) {
      blas.close();
    }
    if (gpu != null) {
      gpu.close();
    }
  }

  /** Row-major a (m×k) times b (k×n, or n×k when bTransposed), with Σ|a||b| per element for error bounds. */
  private static double[][] reference(float[] a, float[] b, int m, int k, int n, boolean bTransposed) {
    double[] c = new double[m * n];
    double[] bound = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double t = 0;
        for (int p = 0; p < k; p++) {
          double bv = bTransposed ? b[j * k + p] : b[p * n + j];
          s += a[i * k + p] * bv;
          t += Math.abs(a[i * k + p] * bv);
        }
        c[i * n + j] = s;
        bound[i * n + j] = t;
      }
    }
    return new double[][] {c, bound};
  }

  private static void assertClose(double[][] ref, float[] got, int offset, double relative, String what) {
    double[] c = ref[0];
    double[] bound = ref[1];
    for (int i = 0; i < c.length; i++) {
      double tol = relative * bound[i] + 1e-6;
      double err = Math.abs(got[offset + i] - c[i]);
      if (err > tol) {
        throw new AssertionError(what + ": element " + i + " is " + got[offset + i] + ", expected " + c[i]
            + " (error " + err + " > " + tol + ")");
      }
    }
  }

  private static MemorySegment scalar(Arena arena, float v) {
    return arena.allocateFrom(ValueLayout.JAVA_FLOAT, v);
  }

  private static MemorySegment ptr(DeviceBlock b) {
    return MemorySegment.ofAddress(b.pointer());
  }

  @Test
  void sgemmMatchesTheCpu() {
    int m = 67;
    int k = 33;
    int n = 45;
    float[] a = GpuSession.uniform(11, m * k, -1, 1);
    float[] b = GpuSession.uniform(12, k * n, -1, 1);
    DeviceBlock da = gpu.upload(a);
    DeviceBlock db = gpu.upload(b);
    DeviceBlock dc = gpu.allocator.allocate(4L * m * n);
    try (Arena arena = Arena.ofConfined()) {
      check(Cublas.cublasSgemm_v2(blas.handle(), Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), n, m, k,
          scalar(arena, 1f), ptr(db), n, ptr(da), k, scalar(arena, 0f), ptr(dc), n), "cublasSgemm_v2");
    }
    assertClose(reference(a, b, m, k, n, false), gpu.download(dc, m * n), 0, 1e-5, "sgemm");
    release(da, db, dc);
  }

  @Test
  void stridedBatchedSgemmWithATransposedOperandMatchesTheCpu() {
    // Attention's Q·Kᵀ shape: per batch, a (m×k) times bᵀ where b is stored n×k.
    int batch = 3;
    int m = 31;
    int k = 17;
    int n = 23;
    float[] a = GpuSession.uniform(21, batch * m * k, -1, 1);
    float[] b = GpuSession.uniform(22, batch * n * k, -1, 1);
    DeviceBlock da = gpu.upload(a);
    DeviceBlock db = gpu.upload(b);
    DeviceBlock dc = gpu.allocator.allocate(4L * batch * m * n);
    try (Arena arena = Arena.ofConfined()) {
      check(Cublas.cublasSgemmStridedBatched(blas.handle(), Cublas.CUBLAS_OP_T(), Cublas.CUBLAS_OP_N(), n, m, k,
          scalar(arena, 1f), ptr(db), k, (long) n * k, ptr(da), k, (long) m * k, scalar(arena, 0f),
          ptr(dc), n, (long) m * n, batch), "cublasSgemmStridedBatched");
    }
    float[] c = gpu.download(dc, batch * m * n);
    for (int t = 0; t < batch; t++) {
      float[] at = java.util.Arrays.copyOfRange(a, t * m * k, (t + 1) * m * k);
      float[] bt = java.util.Arrays.copyOfRange(b, t * n * k, (t + 1) * n * k);
      assertClose(reference(at, bt, m, k, n, true), c, t * m * n, 1e-5, "batch " + t);
    }
    release(da, db, dc);
  }

  @Test
  void gemmExInFp32MatchesTheCpu() {
    int m = 40;
    int k = 70;
    int n = 9;
    float[] a = GpuSession.uniform(31, m * k, -1, 1);
    float[] b = GpuSession.uniform(32, k * n, -1, 1);
    DeviceBlock da = gpu.upload(a);
    DeviceBlock db = gpu.upload(b);
    DeviceBlock dc = gpu.allocator.allocate(4L * m * n);
    int f32 = Cublas.CUDA_R_32F();
    try (Arena arena = Arena.ofConfined()) {
      check(Cublas.cublasGemmEx(blas.handle(), Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), n, m, k,
          scalar(arena, 1f), ptr(db), f32, n, ptr(da), f32, k, scalar(arena, 0f), ptr(dc), f32, n,
          Cublas.CUBLAS_COMPUTE_32F(), Cublas.CUBLAS_GEMM_DEFAULT()), "cublasGemmEx");
    }
    assertClose(reference(a, b, m, k, n, false), gpu.download(dc, m * n), 0, 1e-5, "gemmEx");
    release(da, db, dc);
  }

  @Test
  void stridedBatchedGemmExInTf32AccumulatesWithinTf32Error() {
    int batch = 2;
    int m = 33;
    int k = 64;
    int n = 20;
    float[] a = GpuSession.uniform(41, batch * m * k, -1, 1);
    float[] b = GpuSession.uniform(42, batch * k * n, -1, 1);
    float[] c0 = GpuSession.uniform(43, batch * m * n, -1, 1);
    DeviceBlock da = gpu.upload(a);
    DeviceBlock db = gpu.upload(b);
    DeviceBlock dc = gpu.upload(c0);
    int f32 = Cublas.CUDA_R_32F();
    try (Arena arena = Arena.ofConfined()) {
      // C = 0.5·A·B + 1·C: beta = 1 checks that cuBLAS reads C as well as writing it.
      check(Cublas.cublasGemmStridedBatchedEx(blas.handle(), Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), n, m, k,
          scalar(arena, 0.5f), ptr(db), f32, n, (long) k * n, ptr(da), f32, k, (long) m * k, scalar(arena, 1f),
          ptr(dc), f32, n, (long) m * n, batch, Cublas.CUBLAS_COMPUTE_32F_FAST_TF32(), Cublas.CUBLAS_GEMM_DEFAULT()),
          "cublasGemmStridedBatchedEx");
    }
    float[] c = gpu.download(dc, batch * m * n);
    for (int t = 0; t < batch; t++) {
      float[] at = java.util.Arrays.copyOfRange(a, t * m * k, (t + 1) * m * k);
      float[] bt = java.util.Arrays.copyOfRange(b, t * k * n, (t + 1) * k * n);
      double[][] ref = reference(at, bt, m, k, n, false);
      for (int i = 0; i < m * n; i++) {
        ref[0][i] = 0.5 * ref[0][i] + c0[t * m * n + i];
        ref[1][i] = 0.5 * ref[1][i] + Math.abs(c0[t * m * n + i]);
      }
      // TF32 keeps 10 mantissa bits: inputs carry a relative error up to 2^-11 each.
      assertClose(ref, c, t * m * n, 3e-3, "tf32 batch " + t);
    }
    release(da, db, dc);
  }

  @Test
  void aBadArgumentBecomesACublasExceptionWithCublasOwnName() {
    try (Arena arena = Arena.ofConfined()) {
      CublasException e = assertThrows(CublasException.class, () -> check(Cublas.cublasSgemm_v2(blas.handle(),
          Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), -1, 4, 4, scalar(arena, 1f), MemorySegment.NULL, 4,
          MemorySegment.NULL, 4, scalar(arena, 0f), MemorySegment.NULL, 4), "cublasSgemm_v2(m=-1)"));
      assertEquals(Cublas.CUBLAS_STATUS_INVALID_VALUE(), e.status());
      assertEquals("CUBLAS_STATUS_INVALID_VALUE", e.statusName());
      assertTrue(e.getMessage().startsWith("cublasSgemm_v2(m=-1) failed: CUBLAS_STATUS_INVALID_VALUE"), e.getMessage());
    }
  }

  private static void release(DeviceBlock... blocks) {
    for (DeviceBlock b : blocks) {
      gpu.allocator.release(b);
    }
  }
}
