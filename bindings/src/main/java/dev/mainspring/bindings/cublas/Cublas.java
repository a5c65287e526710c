// Generated in the shape of jextract 22 output from bindings/jextract/cublas.args (see bindings/README.md).
// One deliberate difference: symbols resolve through NativeLibrary, so a missing library or symbol
// makes the call throw NativeUnavailableException with a reason instead of failing class initialisation.
package dev.mainspring.bindings.cublas;

import dev.mainspring.bindings.NativeLibrary;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * cuBLAS 13 ({@code cublas_v2.h} / {@code cublas_api.h}) as used by Mainspring: raw downcalls
 * returning {@code cublasStatus_t}. Check results with {@link CublasCheck}. Signatures follow NVIDIA's
 * cuBLAS documentation (https://docs.nvidia.com/cuda/cublas/, sections on the helper functions,
 * cublas&lt;t&gt;gemm, cublas&lt;t&gt;gemmStridedBatched, cublasGemmEx and cublasGemmStridedBatchedEx),
 * cross-checked with {@code cublas_api.h} of CUDA 12.6; {@code CudaBindingsTest} re-checks them against
 * the installed header wherever one is found. Enum values: {@code cublas_api.h}, {@code library_types.h}.
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public final class Cublas {
  Cublas() {
    // Should not be called directly
  }

  /** {@code libcublas.so.13}: the loader path first, then the usual CUDA toolkit folders. */
  public static final NativeLibrary LIBRARY = NativeLibrary.load("cuBLAS", "mainspring.libcublas",
      java.util.List.of("libcublas.so.13"), NativeLibrary.cudaToolkitLibraryDirs(),
      "is the CUDA 13 toolkit or its cuBLAS package installed?");

  public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
  public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
  public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
  public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
  public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
      .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

  private static final class cublasCreate_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cublasCreate_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasCreate_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasCreate_v2(cublasHandle_t* handle) } */
  public static FunctionDescriptor cublasCreate_v2$descriptor() {
    return cublasCreate_v2.DESC;
  }

  public static MethodHandle cublasCreate_v2$handle() {
    return cublasCreate_v2.HANDLE;
  }

  public static MemorySegment cublasCreate_v2$address() {
    return cublasCreate_v2.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasCreate_v2(cublasHandle_t* handle) } */
  public static int cublasCreate_v2(MemorySegment handle) {
    var mh$ = cublasCreate_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(handle);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasDestroy_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cublasDestroy_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasDestroy_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasDestroy_v2(cublasHandle_t handle) } */
  public static FunctionDescriptor cublasDestroy_v2$descriptor() {
    return cublasDestroy_v2.DESC;
  }

  public static MethodHandle cublasDestroy_v2$handle() {
    return cublasDestroy_v2.HANDLE;
  }

  public static MemorySegment cublasDestroy_v2$address() {
    return cublasDestroy_v2.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasDestroy_v2(cublasHandle_t handle) } */
  public static int cublasDestroy_v2(MemorySegment handle) {
    var mh$ = cublasDestroy_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(handle);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasSetStream_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cublasSetStream_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasSetStream_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId) } */
  public static FunctionDescriptor cublasSetStream_v2$descriptor() {
    return cublasSetStream_v2.DESC;
  }

  public static MethodHandle cublasSetStream_v2$handle() {
    return cublasSetStream_v2.HANDLE;
  }

  public static MemorySegment cublasSetStream_v2$address() {
    return cublasSetStream_v2.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, cudaStream_t streamId) } */
  public static int cublasSetStream_v2(MemorySegment handle, MemorySegment streamId) {
    var mh$ = cublasSetStream_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, streamId);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasSetMathMode {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasSetMathMode");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasSetMathMode", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode) } */
  public static FunctionDescriptor cublasSetMathMode$descriptor() {
    return cublasSetMathMode.DESC;
  }

  public static MethodHandle cublasSetMathMode$handle() {
    return cublasSetMathMode.HANDLE;
  }

  public static MemorySegment cublasSetMathMode$address() {
    return cublasSetMathMode.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode) } */
  public static int cublasSetMathMode(MemorySegment handle, int mode) {
    var mh$ = cublasSetMathMode.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, mode);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasSgemm_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_POINTER, C_POINTER, C_INT, C_POINTER, C_INT, C_POINTER, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasSgemm_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasSgemm_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float* alpha, const float* A, int lda, const float* B, int ldb, const float* beta, float* C, int ldc) } */
  public static FunctionDescriptor cublasSgemm_v2$descriptor() {
    return cublasSgemm_v2.DESC;
  }

  public static MethodHandle cublasSgemm_v2$handle() {
    return cublasSgemm_v2.HANDLE;
  }

  public static MemorySegment cublasSgemm_v2$address() {
    return cublasSgemm_v2.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasSgemm_v2(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float* alpha, const float* A, int lda, const float* B, int ldb, const float* beta, float* C, int ldc) } */
  public static int cublasSgemm_v2(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int lda, MemorySegment B, int ldb, MemorySegment beta, MemorySegment C, int ldc) {
    var mh$ = cublasSgemm_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasSgemmStridedBatched {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_POINTER, C_POINTER, C_INT, C_LONG_LONG, C_POINTER, C_INT, C_LONG_LONG, C_POINTER, C_POINTER, C_INT, C_LONG_LONG, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasSgemmStridedBatched");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasSgemmStridedBatched", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasSgemmStridedBatched(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float* alpha, const float* A, int lda, long long int strideA, const float* B, int ldb, long long int strideB, const float* beta, float* C, int ldc, long long int strideC, int batchCount) } */
  public static FunctionDescriptor cublasSgemmStridedBatched$descriptor() {
    return cublasSgemmStridedBatched.DESC;
  }

  public static MethodHandle cublasSgemmStridedBatched$handle() {
    return cublasSgemmStridedBatched.HANDLE;
  }

  public static MemorySegment cublasSgemmStridedBatched$address() {
    return cublasSgemmStridedBatched.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasSgemmStridedBatched(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const float* alpha, const float* A, int lda, long long int strideA, const float* B, int ldb, long long int strideB, const float* beta, float* C, int ldc, long long int strideC, int batchCount) } */
  public static int cublasSgemmStridedBatched(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int lda, long strideA, MemorySegment B, int ldb, long strideB, MemorySegment beta, MemorySegment C, int ldc, long strideC, int batchCount) {
    var mh$ = cublasSgemmStridedBatched.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, lda, strideA, B, ldb, strideB, beta, C, ldc, strideC, batchCount);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasGemmEx {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_POINTER, C_POINTER, C_INT, C_INT, C_POINTER, C_INT, C_INT, C_POINTER, C_POINTER, C_INT, C_INT, C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasGemmEx");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasGemmEx", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasGemmEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const void* alpha, const void* A, cudaDataType Atype, int lda, const void* B, cudaDataType Btype, int ldb, const void* beta, void* C, cudaDataType Ctype, int ldc, cublasComputeType_t computeType, cublasGemmAlgo_t algo) } */
  public static FunctionDescriptor cublasGemmEx$descriptor() {
    return cublasGemmEx.DESC;
  }

  public static MethodHandle cublasGemmEx$handle() {
    return cublasGemmEx.HANDLE;
  }

  public static MemorySegment cublasGemmEx$address() {
    return cublasGemmEx.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasGemmEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const void* alpha, const void* A, cudaDataType Atype, int lda, const void* B, cudaDataType Btype, int ldb, const void* beta, void* C, cudaDataType Ctype, int ldc, cublasComputeType_t computeType, cublasGemmAlgo_t algo) } */
  public static int cublasGemmEx(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int Atype, int lda, MemorySegment B, int Btype, int ldb, MemorySegment beta, MemorySegment C, int Ctype, int ldc, int computeType, int algo) {
    var mh$ = cublasGemmEx.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, Atype, lda, B, Btype, ldb, beta, C, Ctype, ldc, computeType, algo);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasGemmStridedBatchedEx {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_POINTER, C_POINTER, C_INT, C_INT, C_LONG_LONG, C_POINTER, C_INT, C_INT, C_LONG_LONG, C_POINTER, C_POINTER, C_INT, C_INT, C_LONG_LONG, C_INT, C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasGemmStridedBatchedEx");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasGemmStridedBatchedEx", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cublasStatus_t cublasGemmStridedBatchedEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const void* alpha, const void* A, cudaDataType Atype, int lda, long long int strideA, const void* B, cudaDataType Btype, int ldb, long long int strideB, const void* beta, void* C, cudaDataType Ctype, int ldc, long long int strideC, int batchCount, cublasComputeType_t computeType, cublasGemmAlgo_t algo) } */
  public static FunctionDescriptor cublasGemmStridedBatchedEx$descriptor() {
    return cublasGemmStridedBatchedEx.DESC;
  }

  public static MethodHandle cublasGemmStridedBatchedEx$handle() {
    return cublasGemmStridedBatchedEx.HANDLE;
  }

  public static MemorySegment cublasGemmStridedBatchedEx$address() {
    return cublasGemmStridedBatchedEx.ADDR;
  }

  /** {@snippet lang=c : cublasStatus_t cublasGemmStridedBatchedEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k, const void* alpha, const void* A, cudaDataType Atype, int lda, long long int strideA, const void* B, cudaDataType Btype, int ldb, long long int strideB, const void* beta, void* C, cudaDataType Ctype, int ldc, long long int strideC, int batchCount, cublasComputeType_t computeType, cublasGemmAlgo_t algo) } */
  public static int cublasGemmStridedBatchedEx(MemorySegment handle, int transa, int transb, int m, int n, int k, MemorySegment alpha, MemorySegment A, int Atype, int lda, long strideA, MemorySegment B, int Btype, int ldb, long strideB, MemorySegment beta, MemorySegment C, int Ctype, int ldc, long strideC, int batchCount, int computeType, int algo) {
    var mh$ = cublasGemmStridedBatchedEx.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, transa, transb, m, n, k, alpha, A, Atype, lda, strideA, B, Btype, ldb, strideB, beta, C, Ctype, ldc, strideC, batchCount, computeType, algo);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasGetStatusName {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasGetStatusName");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasGetStatusName", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : const char* cublasGetStatusName(cublasStatus_t status) } */
  public static FunctionDescriptor cublasGetStatusName$descriptor() {
    return cublasGetStatusName.DESC;
  }

  public static MethodHandle cublasGetStatusName$handle() {
    return cublasGetStatusName.HANDLE;
  }

  public static MemorySegment cublasGetStatusName$address() {
    return cublasGetStatusName.ADDR;
  }

  /** {@snippet lang=c : const char* cublasGetStatusName(cublasStatus_t status) } */
  public static MemorySegment cublasGetStatusName(int status) {
    var mh$ = cublasGetStatusName.HANDLE;
    try {
      return (MemorySegment) mh$.invokeExact(status);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cublasGetStatusString {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cublasGetStatusString");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cublasGetStatusString", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : const char* cublasGetStatusString(cublasStatus_t status) } */
  public static FunctionDescriptor cublasGetStatusString$descriptor() {
    return cublasGetStatusString.DESC;
  }

  public static MethodHandle cublasGetStatusString$handle() {
    return cublasGetStatusString.HANDLE;
  }

  public static MemorySegment cublasGetStatusString$address() {
    return cublasGetStatusString.ADDR;
  }

  /** {@snippet lang=c : const char* cublasGetStatusString(cublasStatus_t status) } */
  public static MemorySegment cublasGetStatusString(int status) {
    var mh$ = cublasGetStatusString.HANDLE;
    try {
      return (MemorySegment) mh$.invokeExact(status);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }
  private static final int CUBLAS_STATUS_SUCCESS = (int) 0L;

  /** {@snippet lang=c : CUBLAS_STATUS_SUCCESS = 0 } */
  public static int CUBLAS_STATUS_SUCCESS() {
    return CUBLAS_STATUS_SUCCESS;
  }

  private static final int CUBLAS_STATUS_NOT_INITIALIZED = (int) 1L;

  /** {@snippet lang=c : CUBLAS_STATUS_NOT_INITIALIZED = 1 } */
  public static int CUBLAS_STATUS_NOT_INITIALIZED() {
    return CUBLAS_STATUS_NOT_INITIALIZED;
  }

  private static final int CUBLAS_STATUS_ALLOC_FAILED = (int) 3L;

  /** {@snippet lang=c : CUBLAS_STATUS_ALLOC_FAILED = 3 } */
  public static int CUBLAS_STATUS_ALLOC_FAILED() {
    return CUBLAS_STATUS_ALLOC_FAILED;
  }

  private static final int CUBLAS_STATUS_INVALID_VALUE = (int) 7L;

  /** {@snippet lang=c : CUBLAS_STATUS_INVALID_VALUE = 7 } */
  public static int CUBLAS_STATUS_INVALID_VALUE() {
    return CUBLAS_STATUS_INVALID_VALUE;
  }

  private static final int CUBLAS_STATUS_ARCH_MISMATCH = (int) 8L;

  /** {@snippet lang=c : CUBLAS_STATUS_ARCH_MISMATCH = 8 } */
  public static int CUBLAS_STATUS_ARCH_MISMATCH() {
    return CUBLAS_STATUS_ARCH_MISMATCH;
  }

  private static final int CUBLAS_STATUS_MAPPING_ERROR = (int) 11L;

  /** {@snippet lang=c : CUBLAS_STATUS_MAPPING_ERROR = 11 } */
  public static int CUBLAS_STATUS_MAPPING_ERROR() {
    return CUBLAS_STATUS_MAPPING_ERROR;
  }

  private static final int CUBLAS_STATUS_EXECUTION_FAILED = (int) 13L;

  /** {@snippet lang=c : CUBLAS_STATUS_EXECUTION_FAILED = 13 } */
  public static int CUBLAS_STATUS_EXECUTION_FAILED() {
    return CUBLAS_STATUS_EXECUTION_FAILED;
  }

  private static final int CUBLAS_STATUS_INTERNAL_ERROR = (int) 14L;

  /** {@snippet lang=c : CUBLAS_STATUS_INTERNAL_ERROR = 14 } */
  public static int CUBLAS_STATUS_INTERNAL_ERROR() {
    return CUBLAS_STATUS_INTERNAL_ERROR;
  }

  private static final int CUBLAS_STATUS_NOT_SUPPORTED = (int) 15L;

  /** {@snippet lang=c : CUBLAS_STATUS_NOT_SUPPORTED = 15 } */
  public static int CUBLAS_STATUS_NOT_SUPPORTED() {
    return CUBLAS_STATUS_NOT_SUPPORTED;
  }

  private static final int CUBLAS_STATUS_LICENSE_ERROR = (int) 16L;

  /** {@snippet lang=c : CUBLAS_STATUS_LICENSE_ERROR = 16 } */
  public static int CUBLAS_STATUS_LICENSE_ERROR() {
    return CUBLAS_STATUS_LICENSE_ERROR;
  }

  private static final int CUBLAS_OP_N = (int) 0L;

  /** {@snippet lang=c : CUBLAS_OP_N = 0 } */
  public static int CUBLAS_OP_N() {
    return CUBLAS_OP_N;
  }

  private static final int CUBLAS_OP_T = (int) 1L;

  /** {@snippet lang=c : CUBLAS_OP_T = 1 } */
  public static int CUBLAS_OP_T() {
    return CUBLAS_OP_T;
  }

  private static final int CUBLAS_DEFAULT_MATH = (int) 0L;

  /** {@snippet lang=c : CUBLAS_DEFAULT_MATH = 0 } */
  public static int CUBLAS_DEFAULT_MATH() {
    return CUBLAS_DEFAULT_MATH;
  }

  private static final int CUBLAS_PEDANTIC_MATH = (int) 2L;

  /** {@snippet lang=c : CUBLAS_PEDANTIC_MATH = 2 } */
  public static int CUBLAS_PEDANTIC_MATH() {
    return CUBLAS_PEDANTIC_MATH;
  }

  private static final int CUBLAS_TF32_TENSOR_OP_MATH = (int) 3L;

  /** {@snippet lang=c : CUBLAS_TF32_TENSOR_OP_MATH = 3 } */
  public static int CUBLAS_TF32_TENSOR_OP_MATH() {
    return CUBLAS_TF32_TENSOR_OP_MATH;
  }

  private static final int CUBLAS_COMPUTE_32F = (int) 68L;

  /** {@snippet lang=c : CUBLAS_COMPUTE_32F = 68 } */
  public static int CUBLAS_COMPUTE_32F() {
    return CUBLAS_COMPUTE_32F;
  }

  private static final int CUBLAS_COMPUTE_32F_PEDANTIC = (int) 69L;

  /** {@snippet lang=c : CUBLAS_COMPUTE_32F_PEDANTIC = 69 } */
  public static int CUBLAS_COMPUTE_32F_PEDANTIC() {
    return CUBLAS_COMPUTE_32F_PEDANTIC;
  }

  private static final int CUBLAS_COMPUTE_32F_FAST_TF32 = (int) 77L;

  /** {@snippet lang=c : CUBLAS_COMPUTE_32F_FAST_TF32 = 77 } */
  public static int CUBLAS_COMPUTE_32F_FAST_TF32() {
    return CUBLAS_COMPUTE_32F_FAST_TF32;
  }

  private static final int CUBLAS_GEMM_DEFAULT = (int) -1L;

  /** {@snippet lang=c : CUBLAS_GEMM_DEFAULT = -1 } */
  public static int CUBLAS_GEMM_DEFAULT() {
    return CUBLAS_GEMM_DEFAULT;
  }

  private static final int CUDA_R_32F = (int) 0L;

  /** {@snippet lang=c : CUDA_R_32F = 0 } */
  public static int CUDA_R_32F() {
    return CUDA_R_32F;
  }

  private static final int CUDA_R_16F = (int) 2L;

  /** {@snippet lang=c : CUDA_R_16F = 2 } */
  public static int CUDA_R_16F() {
    return CUDA_R_16F;
  }

  private static final int CUDA_R_16BF = (int) 14L;

  /** {@snippet lang=c : CUDA_R_16BF = 14 } */
  public static int CUDA_R_16BF() {
    return CUDA_R_16BF;
  }
}
