package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cublas.CublasCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cublas.CublasException;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.MatMul;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backend's GEMM against double-precision references, at both of its levels: {@link DeviceBlas}
 * in cuBLAS's own column-major terms (op N/T, leading dimensions wider than the matrices, batch strides
 * with gaps and stride 0, alpha/beta, beta = 0 over NaN garbage, TF32, rejected arguments), and
 * {@link MatMulCuda}'s row-major {@link MatMul.Kernels} on top of it (every transpose pair, batches,
 * shared operands, k = 0). These run on {@link GpuCompare#gpu()}: cuBLAS on a GPU, the host reference
 * with cuBLAS's semantics under emulation. The last three tests call the cuBLAS bindings directly and
 * need a real GPU.
 */
class CudaBlasTest {
  private static String skip;
  private static String noRealGpu;
  private static GpuSession session;
  private static CublasHandle handle;

  @BeforeAll
  static void open() {
    skip = GpuCompare.whyNot();
    noRealGpu = GpuCompare.whyNoRealGpu();
    if (noRealGpu == null && !Cublas.LIBRARY.isLoaded()) {
      noRealGpu = "cuBLAS " + Cublas.LIBRARY.describe();
    }
    if (noRealGpu == null) {
      session = GpuSession.open();
      handle = new CublasHandle(session.device);
    }
  }

  @AfterAll
  static void close() {
    if (handle != null) {
      handle.close();
    }
    if (session != null) {
      session.close();
    }
  }

  private static CudaBackend gpu() {
    GpuCompare.skipUnless(skip);
    return (CudaBackend) GpuCompare.gpu();
  }

  // ---- DeviceBlas, column-major -------------------------------------------------------------------

  /** One strided-batched call in cuBLAS's terms with its operands' storage sizes derived from them. */
  private record Call(boolean transA, boolean transB, int m, int n, int k, float alpha, int lda, long strideA,
      int ldb, long strideB, float beta, int ldc, long strideC, int batch) {
    long sizeA() {
      return extent(strideA, transA ? m : k, lda);
    }

    long sizeB() {
      return extent(strideB, transB ? k : n, ldb);
    }

    long sizeC() {
      return extent(strideC, n, ldc);
    }

    private long extent(long stride, int cols, int ld) {
      return (long) (batch - 1) * stride + (long) cols * ld;
    }
  }

  /**
   * cuBLAS's definition, in double: the expected C (elements outside the m×n problems keep their old
   * values) and per element the error bound Σ|alpha·a·b| + |beta·c|.
   */
  private static double[][] reference(Call q, float[] a, float[] b, float[] c) {
    double[] out = new double[c.length];
    double[] bound = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i];
    }
    for (int t = 0; t < q.batch(); t++) {
      for (int i = 0; i < q.m(); i++) {
        for (int j = 0; j < q.n(); j++) {
          double s = 0;
          double abs = 0;
          for (int p = 0; p < q.k(); p++) {
            double av = q.transA() ? a[(int) (t * q.strideA() + p + (long) i * q.lda())]
                : a[(int) (t * q.strideA() + i + (long) p * q.lda())];
            double bv = q.transB() ? b[(int) (t * q.strideB() + j + (long) p * q.ldb())]
                : b[(int) (t * q.strideB() + p + (long) j * q.ldb())];
            s += av * bv;
            abs += Math.abs(av * bv);
          }
          int ci = (int) (t * q.strideC() + i + (long) j * q.ldc());
          double prev = q.beta() == 0f ? 0 : (double) q.beta() * c[ci];
          out[ci] = q.alpha() * s + prev;
          bound[ci] = Math.abs(q.alpha()) * abs + Math.abs(prev);
        }
      }
    }
    return new double[][] {out, bound};
  }

  private static void assertClose(double[][] ref, float[] got, double relative, String what) {
    for (int i = 0; i < got.length; i++) {
      double tol = relative * ref[1][i] + 1e-6;
      double err = Math.abs(got[i] - ref[0][i]);
      boolean bothNaN = Double.isNaN(ref[0][i]) && Float.isNaN(got[i]);
      if (!bothNaN && !(err <= tol)) {
        throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + ref[0][i]
            + " (error " + err + " > " + tol + ")");
      }
    }
  }

  /** Runs {@code q} through the backend's DeviceBlas on random operands; C starts as {@code c0}. */
  private static void checkCall(String what, Call q, float[] c0, boolean tf32, double relative) {
    CudaBackend gpu = gpu();
    float[] a = GpuCompare.uniform(what.hashCode(), (int) q.sizeA(), -1, 1);
    float[] b = GpuCompare.uniform(what.hashCode() + 1L, (int) q.sizeB(), -1, 1);
    try (Scope s = Scope.open()) {
      Tensor ta = Tensor.of(gpu, a, a.length);
      Tensor tb = Tensor.of(gpu, b, b.length);
      Tensor tc = Tensor.of(gpu, c0, c0.length);
      gpu.blas().sgemmStridedBatched(q.transA(), q.transB(), q.m(), q.n(), q.k(), q.alpha(), Launcher.ptr(ta),
          q.lda(), q.strideA(), Launcher.ptr(tb), q.ldb(), q.strideB(), q.beta(), Launcher.ptr(tc), q.ldc(),
          q.strideC(), q.batch(), tf32);
      assertClose(reference(q, a, b, c0), tc.toFloatArray(), relative, what);
    }
  }

  private static float[] garbage(long n) {
    float[] c = new float[(int) n];
    Arrays.fill(c, Float.NaN);
    return c;
  }

  @Test
  void everyOpPairWithOddSizesAndWideLeadingDimensions() {
    int m = 37;
    int n = 23;
    int k = 19;
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        // Leading dimensions 3 wider than the rows: cuBLAS must step columns by ld, not by rows.
        int lda = (ta ? k : m) + 3;
        int ldb = (tb ? n : k) + 3;
        Call q = new Call(ta, tb, m, n, k, 1f, lda, 0, ldb, 0, 0f, m + 3, 0, 1);
        // beta = 0 over NaN: C is written without being read; the padding rows keep their NaN.
        checkCall("op(A)=" + (ta ? "T" : "N") + " op(B)=" + (tb ? "T" : "N"), q, garbage(q.sizeC()), false, 1e-5);
      }
    }
  }

  @Test
  void stridedBatchesWithGapsAndASharedOperand() {
    int m = 13;
    int n = 9;
    int k = 31;
    // A's problems 5 elements apart beyond their size; B shared by every problem (stride 0); C's gap untouched.
    Call q = new Call(false, true, m, n, k, 1f, m, (long) m * k + 5, n, 0, 0f, m, (long) m * n + 7, 4);
    float[] c0 = GpuCompare.uniform(3, (int) q.sizeC(), -1, 1);
    checkCall("strided batch", q, c0, false, 1e-5);
  }

  @Test
  void alphaAndBetaScaleTheProductAndReadC() {
    Call q = new Call(true, false, 17, 11, 29, -0.75f, 29, 17 * 29, 29, 29 * 11, 1.5f, 17, 17 * 11, 3);
    checkCall("alpha -0.75, beta 1.5", q, GpuCompare.uniform(4, (int) q.sizeC(), -2, 2), false, 1e-5);
    Call accumulate = new Call(false, false, 5, 7, 3, 1f, 5, 15, 3, 21, 1f, 5, 35, 2);
    checkCall("beta 1", accumulate, GpuCompare.uniform(5, (int) accumulate.sizeC(), -2, 2), false, 1e-5);
  }

  @Test
  void oneByOneAndSingleColumnProducts() {
    checkCall("1×1×1", new Call(false, false, 1, 1, 1, 2f, 1, 1, 1, 1, 0f, 1, 1, 1), garbage(1), false, 1e-6);
    Call column = new Call(true, false, 1, 1, 65, 1f, 65, 65, 65, 65, 0f, 1, 1, 5);
    checkCall("dot products", column, garbage(column.sizeC()), false, 1e-5);
  }

  @Test
  void tf32StaysWithinTf32Error() {
    Call q = new Call(false, false, 20, 33, 64, 0.5f, 20, 20 * 64, 64, 64 * 33, 1f, 20, 20 * 33, 2);
    // TF32 keeps 10 mantissa bits: each input carries a relative error up to 2^-11.
    checkCall("tf32", q, GpuCompare.uniform(6, (int) q.sizeC(), -1, 1), true, 3e-3);
  }

  @Test
  void aLeadingDimensionBelowTheRowsIsRejectedNamingTheCall() {
    CudaBackend gpu = gpu();
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(gpu, new float[64], 64);
      long p = Launcher.ptr(x);
      RuntimeException e = assertThrows(RuntimeException.class, () -> gpu.blas().sgemmStridedBatched(false, false,
          4, 4, 4, 1f, p, 3, 16, p, 4, 16, 0f, p, 4, 16, 1, false));
      assertTrue(e.getMessage().startsWith("cublasSgemmStridedBatched(batch 1, m=4 n=4 k=4, op(A)=N op(B)=N, "
          + "lda=3 ldb=4 ldc=4) failed: CUBLAS_STATUS_INVALID_VALUE"), e.getMessage());
    }
  }

  // ---- MatMulCuda, row-major ----------------------------------------------------------------------

  /** Row-major C = alpha·op(A)·op(B) + beta·C0 per problem, in double. */
  private static double[][] rowMajor(boolean ta, boolean tb, int batch, int m, int n, int k, double alpha,
      float[] a, long sA, float[] b, long sB, double beta, float[] c0, long sC) {
    double[] out = new double[c0.length];
    double[] bound = new double[c0.length];
    for (int i = 0; i < c0.length; i++) {
      out[i] = c0[i];
    }
    for (int t = 0; t < batch; t++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          double abs = 0;
          for (int p = 0; p < k; p++) {
            double av = ta ? a[(int) (t * sA + (long) p * m + i)] : a[(int) (t * sA + (long) i * k + p)];
            double bv = tb ? b[(int) (t * sB + (long) j * k + p)] : b[(int) (t * sB + (long) p * n + j)];
            s += av * bv;
            abs += Math.abs(av * bv);
          }
          int ci = (int) (t * sC + (long) i * n + j);
          double prev = beta == 0 ? 0 : beta * c0[ci];
          out[ci] = alpha * s + prev;
          bound[ci] = Math.abs(alpha) * abs + Math.abs(prev);
        }
      }
    }
    return new double[][] {out, bound};
  }

  private static void checkRowMajor(String what, boolean ta, boolean tb, int batch, int m, int n, int k,
      double alpha, boolean sharedB, double beta, float[] c0) {
    CudaBackend gpu = gpu();
    long sA = (long) m * k;
    long sB = sharedB ? 0 : (long) k * n;
    long sC = (long) m * n;
    float[] a = GpuCompare.uniform(what.hashCode(), Math.max(1, batch * m * k), -1, 1);
    float[] b = GpuCompare.uniform(what.hashCode() + 1L, Math.max(1, (sharedB ? 1 : batch) * k * n), -1, 1);
    try (Scope s = Scope.open()) {
      Tensor tc = Tensor.of(gpu, c0, c0.length);
      gpu.kernels(MatMul.Kernels.class).gemm(ta, tb, batch, m, n, k, alpha, Tensor.of(gpu, a, a.length), sA,
          Tensor.of(gpu, b, b.length), sB, beta, tc, sC);
      assertClose(rowMajor(ta, tb, batch, m, n, k, alpha, a, sA, b, sB, beta, c0, sC), tc.toFloatArray(), 1e-5,
          what);
    }
  }

  @Test
  void rowMajorProductsForEveryTransposePair() {
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        String what = "row-major " + (ta ? "T" : "N") + (tb ? "T" : "N");
        checkRowMajor(what, ta, tb, 3, 7, 11, 5, 1.0, false, 0.0, garbage(3 * 7 * 11));
        checkRowMajor(what + " shared B", ta, tb, 2, 9, 4, 13, 1.0, true, 0.0, garbage(2 * 9 * 4));
        checkRowMajor(what + " alpha/beta", ta, tb, 2, 6, 5, 3, -2.0, false, 0.5,
            GpuCompare.uniform(9, 2 * 6 * 5, -1, 1));
      }
    }
  }

  @Test
  void anEmptyInnerDimensionGivesBetaTimesC() {
    // k = 0: no product terms; C = beta·C, and beta = 0 writes zeros over NaN garbage.
    checkRowMajor("k=0 beta 0", false, false, 3, 4, 5, 0, 1.0, false, 0.0, garbage(3 * 4 * 5));
    checkRowMajor("k=0 beta 0.5", true, true, 3, 4, 5, 0, 1.0, false, 0.5, GpuCompare.uniform(10, 60, -1, 1));
    checkRowMajor("k=0 beta 1", false, true, 2, 4, 5, 0, 1.0, true, 1.0, GpuCompare.uniform(11, 40, -1, 1));
  }

  @Test
  void overlappingOutputProblemsAreRejected() {
    CudaBackend gpu = gpu();
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(gpu, new float[16], 16);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> gpu.kernels(MatMul.Kernels.class).gemm(false, false, 2, 2, 2, 2, 1.0, x, 4, x, 4, 0.0, x, 0));
      assertTrue(e.getMessage().contains("output stride 0 is below m·n = 4"), e.getMessage());
    }
  }

  // ---- the cuBLAS bindings themselves (a real GPU only) ------------------------------------------

  private static MemorySegment scalar(Arena arena, float v) {
    return arena.allocateFrom(ValueLayout.JAVA_FLOAT, v);
  }

  private static MemorySegment ptr(DeviceBlock b) {
    return MemorySegment.ofAddress(b.pointer());
  }

  /** Row-major a (m×k) times b (k×n) as Cᵀ = Bᵀ·Aᵀ through a binding, against {@link #reference}. */
  private static void checkBinding(String what, int m, int k, int n,
      java.util.function.BiConsumer<DeviceBlock[], Arena> call) {
    GpuCompare.skipUnless(noRealGpu);
    float[] a = GpuSession.uniform(11, m * k, -1, 1);
    float[] b = GpuSession.uniform(12, k * n, -1, 1);
    DeviceBlock[] blocks = {session.upload(a), session.upload(b), session.allocator.allocate(4L * m * n)};
    try (Arena arena = Arena.ofConfined()) {
      call.accept(blocks, arena);
    }
    Call q = new Call(false, false, n, m, k, 1f, n, 0, k, 0, 0f, n, 0, 1);
    assertClose(reference(q, b, a, new float[m * n]), session.download(blocks[2], m * n), 1e-5, what);
    for (DeviceBlock block : blocks) {
      session.allocator.release(block);
    }
  }

  @Test
  void theSgemmBindingMatchesTheCpu() {
    int m = 67;
    int k = 33;
    int n = 45;
    checkBinding("cublasSgemm_v2", m, k, n, (d, arena) -> check(Cublas.cublasSgemm_v2(handle.handle(),
        Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), n, m, k, scalar(arena, 1f), ptr(d[1]), n, ptr(d[0]), k,
        scalar(arena, 0f), ptr(d[2]), n), "cublasSgemm_v2"));
  }

  @Test
  void theGemmExBindingInFp32MatchesTheCpu() {
    int m = 40;
    int k = 70;
    int n = 9;
    int f32 = Cublas.CUDA_R_32F();
    checkBinding("cublasGemmEx", m, k, n, (d, arena) -> check(Cublas.cublasGemmEx(handle.handle(),
        Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), n, m, k, scalar(arena, 1f), ptr(d[1]), f32, n, ptr(d[0]), f32,
        k, scalar(arena, 0f), ptr(d[2]), f32, n, Cublas.CUBLAS_COMPUTE_32F(), Cublas.CUBLAS_GEMM_DEFAULT()),
        "cublasGemmEx"));
  }

  @Test
  void aBadArgumentBecomesACublasExceptionWithCublasOwnName() {
    GpuCompare.skipUnless(noRealGpu);
    try (Arena arena = Arena.ofConfined()) {
      CublasException e = assertThrows(CublasException.class, () -> check(Cublas.cublasSgemm_v2(handle.handle(),
          Cublas.CUBLAS_OP_N(), Cublas.CUBLAS_OP_N(), -1, 4, 4, scalar(arena, 1f), MemorySegment.NULL, 4,
          MemorySegment.NULL, 4, scalar(arena, 0f), MemorySegment.NULL, 4), "cublasSgemm_v2(m=-1)"));
      assertEquals(Cublas.CUBLAS_STATUS_INVALID_VALUE(), e.status());
      assertEquals("CUBLAS_STATUS_INVALID_VALUE", e.statusName());
      assertTrue(e.getMessage().startsWith("cublasSgemm_v2(m=-1) failed: CUBLAS_STATUS_INVALID_VALUE"), e.getMessage());
    }
  }
}
