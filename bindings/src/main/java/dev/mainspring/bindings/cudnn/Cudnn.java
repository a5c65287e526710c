// Generated in the shape of jextract 22 output from bindings/jextract/cudnn.args (see bindings/README.md).
// One deliberate difference: symbols resolve through NativeLibrary, so a missing library or symbol
// makes the call throw NativeUnavailableException with a reason instead of failing class initialisation.
package dev.mainspring.bindings.cudnn;

import dev.mainspring.bindings.NativeLibrary;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * cuDNN 9 legacy API ({@code cudnn_graph.h}, {@code cudnn_ops.h}) as used by Mainspring: raw downcalls
 * returning {@code cudnnStatus_t}. Check results with {@link CudnnCheck}. Signatures follow NVIDIA's cuDNN
 * backend API reference (https://docs.nvidia.com/deeplearning/cudnn/backend/latest/api/, "cudnn_graph
 * Library" and "cudnn_ops Library"), cross-checked with the cuDNN 9.6.0 headers; {@code CudaBindingsTest}
 * re-checks them against the installed headers wherever found. {@code libcudnn.so.9} is cuDNN 9's shim
 * library: it exports the whole legacy API and loads {@code libcudnn_ops.so.9} and friends by name.
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public final class Cudnn {
  Cudnn() {
    // Should not be called directly
  }

  /** {@code libcudnn.so.9}, opened by name through the system loader path. */
  public static final NativeLibrary LIBRARY = NativeLibrary.load("cuDNN", "mainspring.libcudnn",
      java.util.List.of("libcudnn.so.9"), NativeLibrary.cudaToolkitLibraryDirs(),
      "is cuDNN 9 installed?");

  public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
  public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
  public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
  public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
  public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
      .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

  private static final class cudnnGetVersion {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnGetVersion");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnGetVersion", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : size_t cudnnGetVersion() } */
  public static FunctionDescriptor cudnnGetVersion$descriptor() {
    return cudnnGetVersion.DESC;
  }

  public static MethodHandle cudnnGetVersion$handle() {
    return cudnnGetVersion.HANDLE;
  }

  public static MemorySegment cudnnGetVersion$address() {
    return cudnnGetVersion.ADDR;
  }

  /** {@snippet lang=c : size_t cudnnGetVersion() } */
  public static long cudnnGetVersion() {
    var mh$ = cudnnGetVersion.HANDLE;
    try {
      return (long) mh$.invokeExact();
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnGetErrorString {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnGetErrorString");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnGetErrorString", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : const char* cudnnGetErrorString(cudnnStatus_t status) } */
  public static FunctionDescriptor cudnnGetErrorString$descriptor() {
    return cudnnGetErrorString.DESC;
  }

  public static MethodHandle cudnnGetErrorString$handle() {
    return cudnnGetErrorString.HANDLE;
  }

  public static MemorySegment cudnnGetErrorString$address() {
    return cudnnGetErrorString.ADDR;
  }

  /** {@snippet lang=c : const char* cudnnGetErrorString(cudnnStatus_t status) } */
  public static MemorySegment cudnnGetErrorString(int status) {
    var mh$ = cudnnGetErrorString.HANDLE;
    try {
      return (MemorySegment) mh$.invokeExact(status);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnGetLastErrorString {
    public static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnGetLastErrorString");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnGetLastErrorString", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : void cudnnGetLastErrorString(char* message, size_t max_size) } */
  public static FunctionDescriptor cudnnGetLastErrorString$descriptor() {
    return cudnnGetLastErrorString.DESC;
  }

  public static MethodHandle cudnnGetLastErrorString$handle() {
    return cudnnGetLastErrorString.HANDLE;
  }

  public static MemorySegment cudnnGetLastErrorString$address() {
    return cudnnGetLastErrorString.ADDR;
  }

  /** {@snippet lang=c : void cudnnGetLastErrorString(char* message, size_t max_size) } */
  public static void cudnnGetLastErrorString(MemorySegment message, long max_size) {
    var mh$ = cudnnGetLastErrorString.HANDLE;
    try {
      mh$.invokeExact(message, max_size);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnCreate {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnCreate");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnCreate", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnCreate(cudnnHandle_t* handle) } */
  public static FunctionDescriptor cudnnCreate$descriptor() {
    return cudnnCreate.DESC;
  }

  public static MethodHandle cudnnCreate$handle() {
    return cudnnCreate.HANDLE;
  }

  public static MemorySegment cudnnCreate$address() {
    return cudnnCreate.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnCreate(cudnnHandle_t* handle) } */
  public static int cudnnCreate(MemorySegment handle) {
    var mh$ = cudnnCreate.HANDLE;
    try {
      return (int) mh$.invokeExact(handle);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnDestroy {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnDestroy");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnDestroy", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnDestroy(cudnnHandle_t handle) } */
  public static FunctionDescriptor cudnnDestroy$descriptor() {
    return cudnnDestroy.DESC;
  }

  public static MethodHandle cudnnDestroy$handle() {
    return cudnnDestroy.HANDLE;
  }

  public static MemorySegment cudnnDestroy$address() {
    return cudnnDestroy.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnDestroy(cudnnHandle_t handle) } */
  public static int cudnnDestroy(MemorySegment handle) {
    var mh$ = cudnnDestroy.HANDLE;
    try {
      return (int) mh$.invokeExact(handle);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSetStream {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSetStream");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSetStream", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSetStream(cudnnHandle_t handle, cudaStream_t streamId) } */
  public static FunctionDescriptor cudnnSetStream$descriptor() {
    return cudnnSetStream.DESC;
  }

  public static MethodHandle cudnnSetStream$handle() {
    return cudnnSetStream.HANDLE;
  }

  public static MemorySegment cudnnSetStream$address() {
    return cudnnSetStream.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSetStream(cudnnHandle_t handle, cudaStream_t streamId) } */
  public static int cudnnSetStream(MemorySegment handle, MemorySegment streamId) {
    var mh$ = cudnnSetStream.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, streamId);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnCreateTensorDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnCreateTensorDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnCreateTensorDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnCreateTensorDescriptor(cudnnTensorDescriptor_t* tensorDesc) } */
  public static FunctionDescriptor cudnnCreateTensorDescriptor$descriptor() {
    return cudnnCreateTensorDescriptor.DESC;
  }

  public static MethodHandle cudnnCreateTensorDescriptor$handle() {
    return cudnnCreateTensorDescriptor.HANDLE;
  }

  public static MemorySegment cudnnCreateTensorDescriptor$address() {
    return cudnnCreateTensorDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnCreateTensorDescriptor(cudnnTensorDescriptor_t* tensorDesc) } */
  public static int cudnnCreateTensorDescriptor(MemorySegment tensorDesc) {
    var mh$ = cudnnCreateTensorDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(tensorDesc);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSetTensor4dDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSetTensor4dDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSetTensor4dDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSetTensor4dDescriptor(cudnnTensorDescriptor_t tensorDesc, cudnnTensorFormat_t format, cudnnDataType_t dataType, int n, int c, int h, int w) } */
  public static FunctionDescriptor cudnnSetTensor4dDescriptor$descriptor() {
    return cudnnSetTensor4dDescriptor.DESC;
  }

  public static MethodHandle cudnnSetTensor4dDescriptor$handle() {
    return cudnnSetTensor4dDescriptor.HANDLE;
  }

  public static MemorySegment cudnnSetTensor4dDescriptor$address() {
    return cudnnSetTensor4dDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSetTensor4dDescriptor(cudnnTensorDescriptor_t tensorDesc, cudnnTensorFormat_t format, cudnnDataType_t dataType, int n, int c, int h, int w) } */
  public static int cudnnSetTensor4dDescriptor(MemorySegment tensorDesc, int format, int dataType, int n, int c, int h, int w) {
    var mh$ = cudnnSetTensor4dDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(tensorDesc, format, dataType, n, c, h, w);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSetTensorNdDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSetTensorNdDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSetTensorNdDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSetTensorNdDescriptor(cudnnTensorDescriptor_t tensorDesc, cudnnDataType_t dataType, int nbDims, const int[] dimA, const int[] strideA) } */
  public static FunctionDescriptor cudnnSetTensorNdDescriptor$descriptor() {
    return cudnnSetTensorNdDescriptor.DESC;
  }

  public static MethodHandle cudnnSetTensorNdDescriptor$handle() {
    return cudnnSetTensorNdDescriptor.HANDLE;
  }

  public static MemorySegment cudnnSetTensorNdDescriptor$address() {
    return cudnnSetTensorNdDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSetTensorNdDescriptor(cudnnTensorDescriptor_t tensorDesc, cudnnDataType_t dataType, int nbDims, const int[] dimA, const int[] strideA) } */
  public static int cudnnSetTensorNdDescriptor(MemorySegment tensorDesc, int dataType, int nbDims, MemorySegment dimA, MemorySegment strideA) {
    var mh$ = cudnnSetTensorNdDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(tensorDesc, dataType, nbDims, dimA, strideA);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnDestroyTensorDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnDestroyTensorDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnDestroyTensorDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnDestroyTensorDescriptor(cudnnTensorDescriptor_t tensorDesc) } */
  public static FunctionDescriptor cudnnDestroyTensorDescriptor$descriptor() {
    return cudnnDestroyTensorDescriptor.DESC;
  }

  public static MethodHandle cudnnDestroyTensorDescriptor$handle() {
    return cudnnDestroyTensorDescriptor.HANDLE;
  }

  public static MemorySegment cudnnDestroyTensorDescriptor$address() {
    return cudnnDestroyTensorDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnDestroyTensorDescriptor(cudnnTensorDescriptor_t tensorDesc) } */
  public static int cudnnDestroyTensorDescriptor(MemorySegment tensorDesc) {
    var mh$ = cudnnDestroyTensorDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(tensorDesc);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSoftmaxForward {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSoftmaxForward");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSoftmaxForward", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSoftmaxForward(cudnnHandle_t handle, cudnnSoftmaxAlgorithm_t algo, cudnnSoftmaxMode_t mode, const void* alpha, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t yDesc, void* y) } */
  public static FunctionDescriptor cudnnSoftmaxForward$descriptor() {
    return cudnnSoftmaxForward.DESC;
  }

  public static MethodHandle cudnnSoftmaxForward$handle() {
    return cudnnSoftmaxForward.HANDLE;
  }

  public static MemorySegment cudnnSoftmaxForward$address() {
    return cudnnSoftmaxForward.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSoftmaxForward(cudnnHandle_t handle, cudnnSoftmaxAlgorithm_t algo, cudnnSoftmaxMode_t mode, const void* alpha, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t yDesc, void* y) } */
  public static int cudnnSoftmaxForward(MemorySegment handle, int algo, int mode, MemorySegment alpha, MemorySegment xDesc, MemorySegment x, MemorySegment beta, MemorySegment yDesc, MemorySegment y) {
    var mh$ = cudnnSoftmaxForward.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, algo, mode, alpha, xDesc, x, beta, yDesc, y);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSoftmaxBackward {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSoftmaxBackward");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSoftmaxBackward", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSoftmaxBackward(cudnnHandle_t handle, cudnnSoftmaxAlgorithm_t algo, cudnnSoftmaxMode_t mode, const void* alpha, const cudnnTensorDescriptor_t yDesc, const void* y, const cudnnTensorDescriptor_t dyDesc, const void* dy, const void* beta, const cudnnTensorDescriptor_t dxDesc, void* dx) } */
  public static FunctionDescriptor cudnnSoftmaxBackward$descriptor() {
    return cudnnSoftmaxBackward.DESC;
  }

  public static MethodHandle cudnnSoftmaxBackward$handle() {
    return cudnnSoftmaxBackward.HANDLE;
  }

  public static MemorySegment cudnnSoftmaxBackward$address() {
    return cudnnSoftmaxBackward.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSoftmaxBackward(cudnnHandle_t handle, cudnnSoftmaxAlgorithm_t algo, cudnnSoftmaxMode_t mode, const void* alpha, const cudnnTensorDescriptor_t yDesc, const void* y, const cudnnTensorDescriptor_t dyDesc, const void* dy, const void* beta, const cudnnTensorDescriptor_t dxDesc, void* dx) } */
  public static int cudnnSoftmaxBackward(MemorySegment handle, int algo, int mode, MemorySegment alpha, MemorySegment yDesc, MemorySegment y, MemorySegment dyDesc, MemorySegment dy, MemorySegment beta, MemorySegment dxDesc, MemorySegment dx) {
    var mh$ = cudnnSoftmaxBackward.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, algo, mode, alpha, yDesc, y, dyDesc, dy, beta, dxDesc, dx);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnCreateActivationDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnCreateActivationDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnCreateActivationDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnCreateActivationDescriptor(cudnnActivationDescriptor_t* activationDesc) } */
  public static FunctionDescriptor cudnnCreateActivationDescriptor$descriptor() {
    return cudnnCreateActivationDescriptor.DESC;
  }

  public static MethodHandle cudnnCreateActivationDescriptor$handle() {
    return cudnnCreateActivationDescriptor.HANDLE;
  }

  public static MemorySegment cudnnCreateActivationDescriptor$address() {
    return cudnnCreateActivationDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnCreateActivationDescriptor(cudnnActivationDescriptor_t* activationDesc) } */
  public static int cudnnCreateActivationDescriptor(MemorySegment activationDesc) {
    var mh$ = cudnnCreateActivationDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(activationDesc);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnSetActivationDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_DOUBLE);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnSetActivationDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnSetActivationDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnSetActivationDescriptor(cudnnActivationDescriptor_t activationDesc, cudnnActivationMode_t mode, cudnnNanPropagation_t reluNanOpt, double coef) } */
  public static FunctionDescriptor cudnnSetActivationDescriptor$descriptor() {
    return cudnnSetActivationDescriptor.DESC;
  }

  public static MethodHandle cudnnSetActivationDescriptor$handle() {
    return cudnnSetActivationDescriptor.HANDLE;
  }

  public static MemorySegment cudnnSetActivationDescriptor$address() {
    return cudnnSetActivationDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnSetActivationDescriptor(cudnnActivationDescriptor_t activationDesc, cudnnActivationMode_t mode, cudnnNanPropagation_t reluNanOpt, double coef) } */
  public static int cudnnSetActivationDescriptor(MemorySegment activationDesc, int mode, int reluNanOpt, double coef) {
    var mh$ = cudnnSetActivationDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(activationDesc, mode, reluNanOpt, coef);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnDestroyActivationDescriptor {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnDestroyActivationDescriptor");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnDestroyActivationDescriptor", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnDestroyActivationDescriptor(cudnnActivationDescriptor_t activationDesc) } */
  public static FunctionDescriptor cudnnDestroyActivationDescriptor$descriptor() {
    return cudnnDestroyActivationDescriptor.DESC;
  }

  public static MethodHandle cudnnDestroyActivationDescriptor$handle() {
    return cudnnDestroyActivationDescriptor.HANDLE;
  }

  public static MemorySegment cudnnDestroyActivationDescriptor$address() {
    return cudnnDestroyActivationDescriptor.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnDestroyActivationDescriptor(cudnnActivationDescriptor_t activationDesc) } */
  public static int cudnnDestroyActivationDescriptor(MemorySegment activationDesc) {
    var mh$ = cudnnDestroyActivationDescriptor.HANDLE;
    try {
      return (int) mh$.invokeExact(activationDesc);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnActivationForward {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnActivationForward");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnActivationForward", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnActivationForward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void* alpha, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t yDesc, void* y) } */
  public static FunctionDescriptor cudnnActivationForward$descriptor() {
    return cudnnActivationForward.DESC;
  }

  public static MethodHandle cudnnActivationForward$handle() {
    return cudnnActivationForward.HANDLE;
  }

  public static MemorySegment cudnnActivationForward$address() {
    return cudnnActivationForward.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnActivationForward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void* alpha, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t yDesc, void* y) } */
  public static int cudnnActivationForward(MemorySegment handle, MemorySegment activationDesc, MemorySegment alpha, MemorySegment xDesc, MemorySegment x, MemorySegment beta, MemorySegment yDesc, MemorySegment y) {
    var mh$ = cudnnActivationForward.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, activationDesc, alpha, xDesc, x, beta, yDesc, y);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cudnnActivationBackward {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cudnnActivationBackward");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cudnnActivationBackward", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : cudnnStatus_t cudnnActivationBackward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void* alpha, const cudnnTensorDescriptor_t yDesc, const void* y, const cudnnTensorDescriptor_t dyDesc, const void* dy, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t dxDesc, void* dx) } */
  public static FunctionDescriptor cudnnActivationBackward$descriptor() {
    return cudnnActivationBackward.DESC;
  }

  public static MethodHandle cudnnActivationBackward$handle() {
    return cudnnActivationBackward.HANDLE;
  }

  public static MemorySegment cudnnActivationBackward$address() {
    return cudnnActivationBackward.ADDR;
  }

  /** {@snippet lang=c : cudnnStatus_t cudnnActivationBackward(cudnnHandle_t handle, cudnnActivationDescriptor_t activationDesc, const void* alpha, const cudnnTensorDescriptor_t yDesc, const void* y, const cudnnTensorDescriptor_t dyDesc, const void* dy, const cudnnTensorDescriptor_t xDesc, const void* x, const void* beta, const cudnnTensorDescriptor_t dxDesc, void* dx) } */
  public static int cudnnActivationBackward(MemorySegment handle, MemorySegment activationDesc, MemorySegment alpha, MemorySegment yDesc, MemorySegment y, MemorySegment dyDesc, MemorySegment dy, MemorySegment xDesc, MemorySegment x, MemorySegment beta, MemorySegment dxDesc, MemorySegment dx) {
    var mh$ = cudnnActivationBackward.HANDLE;
    try {
      return (int) mh$.invokeExact(handle, activationDesc, alpha, yDesc, y, dyDesc, dy, xDesc, x, beta, dxDesc, dx);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }
  private static final int CUDNN_STATUS_SUCCESS = (int) 0L;

  /** {@snippet lang=c : CUDNN_STATUS_SUCCESS = 0 } */
  public static int CUDNN_STATUS_SUCCESS() {
    return CUDNN_STATUS_SUCCESS;
  }

  private static final int CUDNN_STATUS_NOT_INITIALIZED = (int) 1001L;

  /** {@snippet lang=c : CUDNN_STATUS_NOT_INITIALIZED = 1001 } */
  public static int CUDNN_STATUS_NOT_INITIALIZED() {
    return CUDNN_STATUS_NOT_INITIALIZED;
  }

  private static final int CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH = (int) 1002L;

  /** {@snippet lang=c : CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH = 1002 } */
  public static int CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH() {
    return CUDNN_STATUS_SUBLIBRARY_VERSION_MISMATCH;
  }

  private static final int CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED = (int) 1008L;

  /** {@snippet lang=c : CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED = 1008 } */
  public static int CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED() {
    return CUDNN_STATUS_SUBLIBRARY_LOADING_FAILED;
  }

  private static final int CUDNN_STATUS_BAD_PARAM = (int) 2000L;

  /** {@snippet lang=c : CUDNN_STATUS_BAD_PARAM = 2000 } */
  public static int CUDNN_STATUS_BAD_PARAM() {
    return CUDNN_STATUS_BAD_PARAM;
  }

  private static final int CUDNN_STATUS_NOT_SUPPORTED = (int) 3000L;

  /** {@snippet lang=c : CUDNN_STATUS_NOT_SUPPORTED = 3000 } */
  public static int CUDNN_STATUS_NOT_SUPPORTED() {
    return CUDNN_STATUS_NOT_SUPPORTED;
  }

  private static final int CUDNN_STATUS_INTERNAL_ERROR = (int) 4000L;

  /** {@snippet lang=c : CUDNN_STATUS_INTERNAL_ERROR = 4000 } */
  public static int CUDNN_STATUS_INTERNAL_ERROR() {
    return CUDNN_STATUS_INTERNAL_ERROR;
  }

  private static final int CUDNN_STATUS_EXECUTION_FAILED = (int) 5000L;

  /** {@snippet lang=c : CUDNN_STATUS_EXECUTION_FAILED = 5000 } */
  public static int CUDNN_STATUS_EXECUTION_FAILED() {
    return CUDNN_STATUS_EXECUTION_FAILED;
  }

  private static final int CUDNN_DATA_FLOAT = (int) 0L;

  /** {@snippet lang=c : CUDNN_DATA_FLOAT = 0 } */
  public static int CUDNN_DATA_FLOAT() {
    return CUDNN_DATA_FLOAT;
  }

  private static final int CUDNN_TENSOR_NCHW = (int) 0L;

  /** {@snippet lang=c : CUDNN_TENSOR_NCHW = 0 } */
  public static int CUDNN_TENSOR_NCHW() {
    return CUDNN_TENSOR_NCHW;
  }

  private static final int CUDNN_SOFTMAX_FAST = (int) 0L;

  /** {@snippet lang=c : CUDNN_SOFTMAX_FAST = 0 } */
  public static int CUDNN_SOFTMAX_FAST() {
    return CUDNN_SOFTMAX_FAST;
  }

  private static final int CUDNN_SOFTMAX_ACCURATE = (int) 1L;

  /** {@snippet lang=c : CUDNN_SOFTMAX_ACCURATE = 1 } */
  public static int CUDNN_SOFTMAX_ACCURATE() {
    return CUDNN_SOFTMAX_ACCURATE;
  }

  private static final int CUDNN_SOFTMAX_LOG = (int) 2L;

  /** {@snippet lang=c : CUDNN_SOFTMAX_LOG = 2 } */
  public static int CUDNN_SOFTMAX_LOG() {
    return CUDNN_SOFTMAX_LOG;
  }

  private static final int CUDNN_SOFTMAX_MODE_INSTANCE = (int) 0L;

  /** {@snippet lang=c : CUDNN_SOFTMAX_MODE_INSTANCE = 0 } */
  public static int CUDNN_SOFTMAX_MODE_INSTANCE() {
    return CUDNN_SOFTMAX_MODE_INSTANCE;
  }

  private static final int CUDNN_SOFTMAX_MODE_CHANNEL = (int) 1L;

  /** {@snippet lang=c : CUDNN_SOFTMAX_MODE_CHANNEL = 1 } */
  public static int CUDNN_SOFTMAX_MODE_CHANNEL() {
    return CUDNN_SOFTMAX_MODE_CHANNEL;
  }

  private static final int CUDNN_ACTIVATION_SIGMOID = (int) 0L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_SIGMOID = 0 } */
  public static int CUDNN_ACTIVATION_SIGMOID() {
    return CUDNN_ACTIVATION_SIGMOID;
  }

  private static final int CUDNN_ACTIVATION_RELU = (int) 1L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_RELU = 1 } */
  public static int CUDNN_ACTIVATION_RELU() {
    return CUDNN_ACTIVATION_RELU;
  }

  private static final int CUDNN_ACTIVATION_TANH = (int) 2L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_TANH = 2 } */
  public static int CUDNN_ACTIVATION_TANH() {
    return CUDNN_ACTIVATION_TANH;
  }

  private static final int CUDNN_ACTIVATION_CLIPPED_RELU = (int) 3L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_CLIPPED_RELU = 3 } */
  public static int CUDNN_ACTIVATION_CLIPPED_RELU() {
    return CUDNN_ACTIVATION_CLIPPED_RELU;
  }

  private static final int CUDNN_ACTIVATION_ELU = (int) 4L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_ELU = 4 } */
  public static int CUDNN_ACTIVATION_ELU() {
    return CUDNN_ACTIVATION_ELU;
  }

  private static final int CUDNN_ACTIVATION_IDENTITY = (int) 5L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_IDENTITY = 5 } */
  public static int CUDNN_ACTIVATION_IDENTITY() {
    return CUDNN_ACTIVATION_IDENTITY;
  }

  private static final int CUDNN_ACTIVATION_SWISH = (int) 6L;

  /** {@snippet lang=c : CUDNN_ACTIVATION_SWISH = 6 } */
  public static int CUDNN_ACTIVATION_SWISH() {
    return CUDNN_ACTIVATION_SWISH;
  }

  private static final int CUDNN_NOT_PROPAGATE_NAN = (int) 0L;

  /** {@snippet lang=c : CUDNN_NOT_PROPAGATE_NAN = 0 } */
  public static int CUDNN_NOT_PROPAGATE_NAN() {
    return CUDNN_NOT_PROPAGATE_NAN;
  }

  private static final int CUDNN_PROPAGATE_NAN = (int) 1L;

  /** {@snippet lang=c : CUDNN_PROPAGATE_NAN = 1 } */
  public static int CUDNN_PROPAGATE_NAN() {
    return CUDNN_PROPAGATE_NAN;
  }
}
