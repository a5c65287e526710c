package dev.mainspring.bindings.openblas;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * FFM bindings to OpenBLAS's CBLAS ({@code libopenblas.so.0}, Debian's libopenblas0), in the shape
 * jextract generates: one holder class per function with its descriptor, address and handle, and
 * a static wrapper. Used only as the baseline of {@code bench gemm}; absent libraries are normal
 * ({@link #isAvailable()}). Header and functions covered: see bindings/openblas-functions.txt.
 */
public final class OpenBlas {
  public static final int CblasRowMajor = 101;
  public static final int CblasNoTrans = 111;
  public static final int CblasTrans = 112;

  private static final String LIBRARY = "libopenblas.so.0";
  private static final SymbolLookup LOOKUP;
  private static final String PROBLEM;

  static {
    SymbolLookup lookup = null;
    String problem = null;
    try {
      lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
    } catch (IllegalArgumentException | IllegalCallerException e) {
      problem = LIBRARY + " not loadable (" + e.getMessage() + "); install Debian's libopenblas0";
    }
    LOOKUP = lookup;
    PROBLEM = problem;
  }

  private OpenBlas() {}

  /** True when the library loaded and exports the functions bound here. */
  public static boolean isAvailable() {
    return LOOKUP != null && LOOKUP.find("cblas_sgemm").isPresent()
        && LOOKUP.find("openblas_set_num_threads").isPresent();
  }

  /** Why the library is not available, or that it is. */
  public static String describe() {
    return isAvailable() ? LIBRARY + " loaded" : PROBLEM != null ? PROBLEM
        : LIBRARY + " lacks cblas_sgemm or openblas_set_num_threads";
  }

  private static MemorySegment find(String name) {
    if (LOOKUP == null) {
      throw new UnsupportedOperationException(PROBLEM);
    }
    return LOOKUP.find(name).orElseThrow(
        () -> new UnsupportedOperationException(LIBRARY + " does not export " + name));
  }

  private static class cblas_sgemm {
    static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(
        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS,
        ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT,
        ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    static final MemorySegment ADDR = find("cblas_sgemm");
    static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
  }

  /**
   * {@snippet lang=c : void cblas_sgemm(OPENBLAS_CONST enum CBLAS_ORDER Order,
   *     OPENBLAS_CONST enum CBLAS_TRANSPOSE TransA, OPENBLAS_CONST enum CBLAS_TRANSPOSE TransB,
   *     OPENBLAS_CONST blasint M, OPENBLAS_CONST blasint N, OPENBLAS_CONST blasint K,
   *     OPENBLAS_CONST float alpha, OPENBLAS_CONST float *A, OPENBLAS_CONST blasint lda,
   *     OPENBLAS_CONST float *B, OPENBLAS_CONST blasint ldb, OPENBLAS_CONST float beta, float *C,
   *     OPENBLAS_CONST blasint ldc) }
   */
  public static void cblas_sgemm(int order, int transA, int transB, int m, int n, int k,
      float alpha, MemorySegment a, int lda, MemorySegment b, int ldb, float beta, MemorySegment c,
      int ldc) {
    try {
      cblas_sgemm.HANDLE.invokeExact(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta,
          c, ldc);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }

  private static class openblas_set_num_threads {
    static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT);
    static final MemorySegment ADDR = find("openblas_set_num_threads");
    static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(ADDR, DESC);
  }

  /** {@snippet lang=c : void openblas_set_num_threads(int num_threads) } */
  public static void openblas_set_num_threads(int numThreads) {
    try {
      openblas_set_num_threads.HANDLE.invokeExact(numThreads);
    } catch (Throwable t) {
      throw new AssertionError("should not reach here", t);
    }
  }
}
