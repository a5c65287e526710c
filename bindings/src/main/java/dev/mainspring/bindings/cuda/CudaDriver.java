// Generated in the shape of jextract 22 output from bindings/jextract/cuda.args (see bindings/README.md).
// One deliberate difference: symbols resolve through NativeLibrary, so a missing library or symbol
// makes the call throw NativeUnavailableException with a reason instead of failing class initialisation.
package dev.mainspring.bindings.cuda;

import dev.mainspring.bindings.NativeLibrary;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The CUDA driver API ({@code cuda.h}, CUDA 13) as used by Mainspring: raw downcalls returning
 * {@code CUresult}. Check results with {@link CudaCheck}. CUDA 13 exports versioned names
 * ({@code cuMemAlloc_v2}, ...), which are bound here exactly as the header's macros resolve them.
 */
@SuppressWarnings({"unused", "checkstyle:all"})
public final class CudaDriver {
  CudaDriver() {
    // Should not be called directly
  }

  /** {@code libcuda.so.1}, installed with the NVIDIA driver. */
  public static final NativeLibrary LIBRARY = NativeLibrary.load("CUDA driver", "mainspring.libcuda",
      java.util.List.of("libcuda.so.1"), java.util.List.of(), "is an NVIDIA driver installed?");

  public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
  public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
  public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
  public static final ValueLayout.OfFloat C_FLOAT = ValueLayout.JAVA_FLOAT;
  public static final ValueLayout.OfDouble C_DOUBLE = ValueLayout.JAVA_DOUBLE;
  public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
      .withTargetLayout(MemoryLayout.sequenceLayout(java.lang.Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

  private static final class cuInit {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuInit");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuInit", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuInit(unsigned int Flags) } */
  public static FunctionDescriptor cuInit$descriptor() {
    return cuInit.DESC;
  }

  public static MethodHandle cuInit$handle() {
    return cuInit.HANDLE;
  }

  public static MemorySegment cuInit$address() {
    return cuInit.ADDR;
  }

  /** {@snippet lang=c : CUresult cuInit(unsigned int Flags) } */
  public static int cuInit(int Flags) {
    var mh$ = cuInit.HANDLE;
    try {
      return (int) mh$.invokeExact(Flags);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDriverGetVersion {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuDriverGetVersion");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDriverGetVersion", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDriverGetVersion(int * driverVersion) } */
  public static FunctionDescriptor cuDriverGetVersion$descriptor() {
    return cuDriverGetVersion.DESC;
  }

  public static MethodHandle cuDriverGetVersion$handle() {
    return cuDriverGetVersion.HANDLE;
  }

  public static MemorySegment cuDriverGetVersion$address() {
    return cuDriverGetVersion.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDriverGetVersion(int * driverVersion) } */
  public static int cuDriverGetVersion(MemorySegment driverVersion) {
    var mh$ = cuDriverGetVersion.HANDLE;
    try {
      return (int) mh$.invokeExact(driverVersion);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDeviceGetCount {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuDeviceGetCount");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDeviceGetCount", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDeviceGetCount(int * count) } */
  public static FunctionDescriptor cuDeviceGetCount$descriptor() {
    return cuDeviceGetCount.DESC;
  }

  public static MethodHandle cuDeviceGetCount$handle() {
    return cuDeviceGetCount.HANDLE;
  }

  public static MemorySegment cuDeviceGetCount$address() {
    return cuDeviceGetCount.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDeviceGetCount(int * count) } */
  public static int cuDeviceGetCount(MemorySegment count) {
    var mh$ = cuDeviceGetCount.HANDLE;
    try {
      return (int) mh$.invokeExact(count);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDeviceGet {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDeviceGet");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDeviceGet", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDeviceGet(CUdevice * device, int ordinal) } */
  public static FunctionDescriptor cuDeviceGet$descriptor() {
    return cuDeviceGet.DESC;
  }

  public static MethodHandle cuDeviceGet$handle() {
    return cuDeviceGet.HANDLE;
  }

  public static MemorySegment cuDeviceGet$address() {
    return cuDeviceGet.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDeviceGet(CUdevice * device, int ordinal) } */
  public static int cuDeviceGet(MemorySegment device, int ordinal) {
    var mh$ = cuDeviceGet.HANDLE;
    try {
      return (int) mh$.invokeExact(device, ordinal);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDeviceGetName {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDeviceGetName");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDeviceGetName", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDeviceGetName(char * name, int len, CUdevice dev) } */
  public static FunctionDescriptor cuDeviceGetName$descriptor() {
    return cuDeviceGetName.DESC;
  }

  public static MethodHandle cuDeviceGetName$handle() {
    return cuDeviceGetName.HANDLE;
  }

  public static MemorySegment cuDeviceGetName$address() {
    return cuDeviceGetName.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDeviceGetName(char * name, int len, CUdevice dev) } */
  public static int cuDeviceGetName(MemorySegment name, int len, int dev) {
    var mh$ = cuDeviceGetName.HANDLE;
    try {
      return (int) mh$.invokeExact(name, len, dev);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDeviceGetAttribute {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDeviceGetAttribute");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDeviceGetAttribute", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDeviceGetAttribute(int * pi, CUdevice_attribute attrib, CUdevice dev) } */
  public static FunctionDescriptor cuDeviceGetAttribute$descriptor() {
    return cuDeviceGetAttribute.DESC;
  }

  public static MethodHandle cuDeviceGetAttribute$handle() {
    return cuDeviceGetAttribute.HANDLE;
  }

  public static MemorySegment cuDeviceGetAttribute$address() {
    return cuDeviceGetAttribute.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDeviceGetAttribute(int * pi, CUdevice_attribute attrib, CUdevice dev) } */
  public static int cuDeviceGetAttribute(MemorySegment pi, int attrib, int dev) {
    var mh$ = cuDeviceGetAttribute.HANDLE;
    try {
      return (int) mh$.invokeExact(pi, attrib, dev);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDeviceTotalMem_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDeviceTotalMem_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDeviceTotalMem_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDeviceTotalMem_v2(size_t * bytes, CUdevice dev) } */
  public static FunctionDescriptor cuDeviceTotalMem_v2$descriptor() {
    return cuDeviceTotalMem_v2.DESC;
  }

  public static MethodHandle cuDeviceTotalMem_v2$handle() {
    return cuDeviceTotalMem_v2.HANDLE;
  }

  public static MemorySegment cuDeviceTotalMem_v2$address() {
    return cuDeviceTotalMem_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDeviceTotalMem_v2(size_t * bytes, CUdevice dev) } */
  public static int cuDeviceTotalMem_v2(MemorySegment bytes, int dev) {
    var mh$ = cuDeviceTotalMem_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(bytes, dev);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDevicePrimaryCtxRetain {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDevicePrimaryCtxRetain");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDevicePrimaryCtxRetain", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDevicePrimaryCtxRetain(CUcontext * pctx, CUdevice dev) } */
  public static FunctionDescriptor cuDevicePrimaryCtxRetain$descriptor() {
    return cuDevicePrimaryCtxRetain.DESC;
  }

  public static MethodHandle cuDevicePrimaryCtxRetain$handle() {
    return cuDevicePrimaryCtxRetain.HANDLE;
  }

  public static MemorySegment cuDevicePrimaryCtxRetain$address() {
    return cuDevicePrimaryCtxRetain.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDevicePrimaryCtxRetain(CUcontext * pctx, CUdevice dev) } */
  public static int cuDevicePrimaryCtxRetain(MemorySegment pctx, int dev) {
    var mh$ = cuDevicePrimaryCtxRetain.HANDLE;
    try {
      return (int) mh$.invokeExact(pctx, dev);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuDevicePrimaryCtxRelease_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuDevicePrimaryCtxRelease_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuDevicePrimaryCtxRelease_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) } */
  public static FunctionDescriptor cuDevicePrimaryCtxRelease_v2$descriptor() {
    return cuDevicePrimaryCtxRelease_v2.DESC;
  }

  public static MethodHandle cuDevicePrimaryCtxRelease_v2$handle() {
    return cuDevicePrimaryCtxRelease_v2.HANDLE;
  }

  public static MemorySegment cuDevicePrimaryCtxRelease_v2$address() {
    return cuDevicePrimaryCtxRelease_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuDevicePrimaryCtxRelease_v2(CUdevice dev) } */
  public static int cuDevicePrimaryCtxRelease_v2(int dev) {
    var mh$ = cuDevicePrimaryCtxRelease_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dev);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuCtxSetCurrent {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuCtxSetCurrent");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuCtxSetCurrent", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuCtxSetCurrent(CUcontext ctx) } */
  public static FunctionDescriptor cuCtxSetCurrent$descriptor() {
    return cuCtxSetCurrent.DESC;
  }

  public static MethodHandle cuCtxSetCurrent$handle() {
    return cuCtxSetCurrent.HANDLE;
  }

  public static MemorySegment cuCtxSetCurrent$address() {
    return cuCtxSetCurrent.ADDR;
  }

  /** {@snippet lang=c : CUresult cuCtxSetCurrent(CUcontext ctx) } */
  public static int cuCtxSetCurrent(MemorySegment ctx) {
    var mh$ = cuCtxSetCurrent.HANDLE;
    try {
      return (int) mh$.invokeExact(ctx);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuCtxSynchronize {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuCtxSynchronize");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuCtxSynchronize", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuCtxSynchronize() } */
  public static FunctionDescriptor cuCtxSynchronize$descriptor() {
    return cuCtxSynchronize.DESC;
  }

  public static MethodHandle cuCtxSynchronize$handle() {
    return cuCtxSynchronize.HANDLE;
  }

  public static MemorySegment cuCtxSynchronize$address() {
    return cuCtxSynchronize.ADDR;
  }

  /** {@snippet lang=c : CUresult cuCtxSynchronize() } */
  public static int cuCtxSynchronize() {
    var mh$ = cuCtxSynchronize.HANDLE;
    try {
      return (int) mh$.invokeExact();
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemAlloc_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemAlloc_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemAlloc_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemAlloc_v2(CUdeviceptr * dptr, size_t bytesize) } */
  public static FunctionDescriptor cuMemAlloc_v2$descriptor() {
    return cuMemAlloc_v2.DESC;
  }

  public static MethodHandle cuMemAlloc_v2$handle() {
    return cuMemAlloc_v2.HANDLE;
  }

  public static MemorySegment cuMemAlloc_v2$address() {
    return cuMemAlloc_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemAlloc_v2(CUdeviceptr * dptr, size_t bytesize) } */
  public static int cuMemAlloc_v2(MemorySegment dptr, long bytesize) {
    var mh$ = cuMemAlloc_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dptr, bytesize);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemFree_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemFree_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemFree_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemFree_v2(CUdeviceptr dptr) } */
  public static FunctionDescriptor cuMemFree_v2$descriptor() {
    return cuMemFree_v2.DESC;
  }

  public static MethodHandle cuMemFree_v2$handle() {
    return cuMemFree_v2.HANDLE;
  }

  public static MemorySegment cuMemFree_v2$address() {
    return cuMemFree_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemFree_v2(CUdeviceptr dptr) } */
  public static int cuMemFree_v2(long dptr) {
    var mh$ = cuMemFree_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dptr);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemsetD8_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_CHAR, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemsetD8_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemsetD8_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemsetD8_v2(CUdeviceptr dstDevice, unsigned char uc, size_t N) } */
  public static FunctionDescriptor cuMemsetD8_v2$descriptor() {
    return cuMemsetD8_v2.DESC;
  }

  public static MethodHandle cuMemsetD8_v2$handle() {
    return cuMemsetD8_v2.HANDLE;
  }

  public static MemorySegment cuMemsetD8_v2$address() {
    return cuMemsetD8_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemsetD8_v2(CUdeviceptr dstDevice, unsigned char uc, size_t N) } */
  public static int cuMemsetD8_v2(long dstDevice, byte uc, long N) {
    var mh$ = cuMemsetD8_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, uc, N);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemsetD32_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_INT, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemsetD32_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemsetD32_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemsetD32_v2(CUdeviceptr dstDevice, unsigned int ui, size_t N) } */
  public static FunctionDescriptor cuMemsetD32_v2$descriptor() {
    return cuMemsetD32_v2.DESC;
  }

  public static MethodHandle cuMemsetD32_v2$handle() {
    return cuMemsetD32_v2.HANDLE;
  }

  public static MemorySegment cuMemsetD32_v2$address() {
    return cuMemsetD32_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemsetD32_v2(CUdeviceptr dstDevice, unsigned int ui, size_t N) } */
  public static int cuMemsetD32_v2(long dstDevice, int ui, long N) {
    var mh$ = cuMemsetD32_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, ui, N);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemsetD8Async {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_CHAR, C_LONG, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemsetD8Async");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemsetD8Async", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemsetD8Async(CUdeviceptr dstDevice, unsigned char uc, size_t N, CUstream hStream) } */
  public static FunctionDescriptor cuMemsetD8Async$descriptor() {
    return cuMemsetD8Async.DESC;
  }

  public static MethodHandle cuMemsetD8Async$handle() {
    return cuMemsetD8Async.HANDLE;
  }

  public static MemorySegment cuMemsetD8Async$address() {
    return cuMemsetD8Async.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemsetD8Async(CUdeviceptr dstDevice, unsigned char uc, size_t N, CUstream hStream) } */
  public static int cuMemsetD8Async(long dstDevice, byte uc, long N, MemorySegment hStream) {
    var mh$ = cuMemsetD8Async.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, uc, N, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemsetD32Async {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_INT, C_LONG, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemsetD32Async");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemsetD32Async", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemsetD32Async(CUdeviceptr dstDevice, unsigned int ui, size_t N, CUstream hStream) } */
  public static FunctionDescriptor cuMemsetD32Async$descriptor() {
    return cuMemsetD32Async.DESC;
  }

  public static MethodHandle cuMemsetD32Async$handle() {
    return cuMemsetD32Async.HANDLE;
  }

  public static MemorySegment cuMemsetD32Async$address() {
    return cuMemsetD32Async.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemsetD32Async(CUdeviceptr dstDevice, unsigned int ui, size_t N, CUstream hStream) } */
  public static int cuMemsetD32Async(long dstDevice, int ui, long N, MemorySegment hStream) {
    var mh$ = cuMemsetD32Async.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, ui, N, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyHtoD_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_POINTER, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyHtoD_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyHtoD_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void * srcHost, size_t ByteCount) } */
  public static FunctionDescriptor cuMemcpyHtoD_v2$descriptor() {
    return cuMemcpyHtoD_v2.DESC;
  }

  public static MethodHandle cuMemcpyHtoD_v2$handle() {
    return cuMemcpyHtoD_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyHtoD_v2$address() {
    return cuMemcpyHtoD_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyHtoD_v2(CUdeviceptr dstDevice, const void * srcHost, size_t ByteCount) } */
  public static int cuMemcpyHtoD_v2(long dstDevice, MemorySegment srcHost, long ByteCount) {
    var mh$ = cuMemcpyHtoD_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, srcHost, ByteCount);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyDtoH_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG_LONG, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyDtoH_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyDtoH_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyDtoH_v2(void * dstHost, CUdeviceptr srcDevice, size_t ByteCount) } */
  public static FunctionDescriptor cuMemcpyDtoH_v2$descriptor() {
    return cuMemcpyDtoH_v2.DESC;
  }

  public static MethodHandle cuMemcpyDtoH_v2$handle() {
    return cuMemcpyDtoH_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyDtoH_v2$address() {
    return cuMemcpyDtoH_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyDtoH_v2(void * dstHost, CUdeviceptr srcDevice, size_t ByteCount) } */
  public static int cuMemcpyDtoH_v2(MemorySegment dstHost, long srcDevice, long ByteCount) {
    var mh$ = cuMemcpyDtoH_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstHost, srcDevice, ByteCount);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyDtoD_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_LONG_LONG, C_LONG);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyDtoD_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyDtoD_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount) } */
  public static FunctionDescriptor cuMemcpyDtoD_v2$descriptor() {
    return cuMemcpyDtoD_v2.DESC;
  }

  public static MethodHandle cuMemcpyDtoD_v2$handle() {
    return cuMemcpyDtoD_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyDtoD_v2$address() {
    return cuMemcpyDtoD_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyDtoD_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount) } */
  public static int cuMemcpyDtoD_v2(long dstDevice, long srcDevice, long ByteCount) {
    var mh$ = cuMemcpyDtoD_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, srcDevice, ByteCount);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyHtoDAsync_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_POINTER, C_LONG, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyHtoDAsync_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyHtoDAsync_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dstDevice, const void * srcHost, size_t ByteCount, CUstream hStream) } */
  public static FunctionDescriptor cuMemcpyHtoDAsync_v2$descriptor() {
    return cuMemcpyHtoDAsync_v2.DESC;
  }

  public static MethodHandle cuMemcpyHtoDAsync_v2$handle() {
    return cuMemcpyHtoDAsync_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyHtoDAsync_v2$address() {
    return cuMemcpyHtoDAsync_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dstDevice, const void * srcHost, size_t ByteCount, CUstream hStream) } */
  public static int cuMemcpyHtoDAsync_v2(long dstDevice, MemorySegment srcHost, long ByteCount, MemorySegment hStream) {
    var mh$ = cuMemcpyHtoDAsync_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, srcHost, ByteCount, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyDtoHAsync_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG_LONG, C_LONG, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyDtoHAsync_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyDtoHAsync_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyDtoHAsync_v2(void * dstHost, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream) } */
  public static FunctionDescriptor cuMemcpyDtoHAsync_v2$descriptor() {
    return cuMemcpyDtoHAsync_v2.DESC;
  }

  public static MethodHandle cuMemcpyDtoHAsync_v2$handle() {
    return cuMemcpyDtoHAsync_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyDtoHAsync_v2$address() {
    return cuMemcpyDtoHAsync_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyDtoHAsync_v2(void * dstHost, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream) } */
  public static int cuMemcpyDtoHAsync_v2(MemorySegment dstHost, long srcDevice, long ByteCount, MemorySegment hStream) {
    var mh$ = cuMemcpyDtoHAsync_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstHost, srcDevice, ByteCount, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemcpyDtoDAsync_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_LONG_LONG, C_LONG_LONG, C_LONG, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemcpyDtoDAsync_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemcpyDtoDAsync_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream) } */
  public static FunctionDescriptor cuMemcpyDtoDAsync_v2$descriptor() {
    return cuMemcpyDtoDAsync_v2.DESC;
  }

  public static MethodHandle cuMemcpyDtoDAsync_v2$handle() {
    return cuMemcpyDtoDAsync_v2.HANDLE;
  }

  public static MemorySegment cuMemcpyDtoDAsync_v2$address() {
    return cuMemcpyDtoDAsync_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dstDevice, CUdeviceptr srcDevice, size_t ByteCount, CUstream hStream) } */
  public static int cuMemcpyDtoDAsync_v2(long dstDevice, long srcDevice, long ByteCount, MemorySegment hStream) {
    var mh$ = cuMemcpyDtoDAsync_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(dstDevice, srcDevice, ByteCount, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemHostAlloc {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemHostAlloc");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemHostAlloc", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemHostAlloc(void ** pp, size_t bytesize, unsigned int Flags) } */
  public static FunctionDescriptor cuMemHostAlloc$descriptor() {
    return cuMemHostAlloc.DESC;
  }

  public static MethodHandle cuMemHostAlloc$handle() {
    return cuMemHostAlloc.HANDLE;
  }

  public static MemorySegment cuMemHostAlloc$address() {
    return cuMemHostAlloc.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemHostAlloc(void ** pp, size_t bytesize, unsigned int Flags) } */
  public static int cuMemHostAlloc(MemorySegment pp, long bytesize, int Flags) {
    var mh$ = cuMemHostAlloc.HANDLE;
    try {
      return (int) mh$.invokeExact(pp, bytesize, Flags);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemFreeHost {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemFreeHost");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemFreeHost", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemFreeHost(void * p) } */
  public static FunctionDescriptor cuMemFreeHost$descriptor() {
    return cuMemFreeHost.DESC;
  }

  public static MethodHandle cuMemFreeHost$handle() {
    return cuMemFreeHost.HANDLE;
  }

  public static MemorySegment cuMemFreeHost$address() {
    return cuMemFreeHost.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemFreeHost(void * p) } */
  public static int cuMemFreeHost(MemorySegment p) {
    var mh$ = cuMemFreeHost.HANDLE;
    try {
      return (int) mh$.invokeExact(p);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuMemGetInfo_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuMemGetInfo_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuMemGetInfo_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuMemGetInfo_v2(size_t * free, size_t * total) } */
  public static FunctionDescriptor cuMemGetInfo_v2$descriptor() {
    return cuMemGetInfo_v2.DESC;
  }

  public static MethodHandle cuMemGetInfo_v2$handle() {
    return cuMemGetInfo_v2.HANDLE;
  }

  public static MemorySegment cuMemGetInfo_v2$address() {
    return cuMemGetInfo_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuMemGetInfo_v2(size_t * free, size_t * total) } */
  public static int cuMemGetInfo_v2(MemorySegment free, MemorySegment total) {
    var mh$ = cuMemGetInfo_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(free, total);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuStreamCreate {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuStreamCreate");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuStreamCreate", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuStreamCreate(CUstream * phStream, unsigned int Flags) } */
  public static FunctionDescriptor cuStreamCreate$descriptor() {
    return cuStreamCreate.DESC;
  }

  public static MethodHandle cuStreamCreate$handle() {
    return cuStreamCreate.HANDLE;
  }

  public static MemorySegment cuStreamCreate$address() {
    return cuStreamCreate.ADDR;
  }

  /** {@snippet lang=c : CUresult cuStreamCreate(CUstream * phStream, unsigned int Flags) } */
  public static int cuStreamCreate(MemorySegment phStream, int Flags) {
    var mh$ = cuStreamCreate.HANDLE;
    try {
      return (int) mh$.invokeExact(phStream, Flags);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuStreamDestroy_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuStreamDestroy_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuStreamDestroy_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuStreamDestroy_v2(CUstream hStream) } */
  public static FunctionDescriptor cuStreamDestroy_v2$descriptor() {
    return cuStreamDestroy_v2.DESC;
  }

  public static MethodHandle cuStreamDestroy_v2$handle() {
    return cuStreamDestroy_v2.HANDLE;
  }

  public static MemorySegment cuStreamDestroy_v2$address() {
    return cuStreamDestroy_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuStreamDestroy_v2(CUstream hStream) } */
  public static int cuStreamDestroy_v2(MemorySegment hStream) {
    var mh$ = cuStreamDestroy_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuStreamSynchronize {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuStreamSynchronize");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuStreamSynchronize", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuStreamSynchronize(CUstream hStream) } */
  public static FunctionDescriptor cuStreamSynchronize$descriptor() {
    return cuStreamSynchronize.DESC;
  }

  public static MethodHandle cuStreamSynchronize$handle() {
    return cuStreamSynchronize.HANDLE;
  }

  public static MemorySegment cuStreamSynchronize$address() {
    return cuStreamSynchronize.ADDR;
  }

  /** {@snippet lang=c : CUresult cuStreamSynchronize(CUstream hStream) } */
  public static int cuStreamSynchronize(MemorySegment hStream) {
    var mh$ = cuStreamSynchronize.HANDLE;
    try {
      return (int) mh$.invokeExact(hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuEventCreate {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
    public static final MemorySegment ADDR = LIBRARY.find("cuEventCreate");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuEventCreate", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuEventCreate(CUevent * phEvent, unsigned int Flags) } */
  public static FunctionDescriptor cuEventCreate$descriptor() {
    return cuEventCreate.DESC;
  }

  public static MethodHandle cuEventCreate$handle() {
    return cuEventCreate.HANDLE;
  }

  public static MemorySegment cuEventCreate$address() {
    return cuEventCreate.ADDR;
  }

  /** {@snippet lang=c : CUresult cuEventCreate(CUevent * phEvent, unsigned int Flags) } */
  public static int cuEventCreate(MemorySegment phEvent, int Flags) {
    var mh$ = cuEventCreate.HANDLE;
    try {
      return (int) mh$.invokeExact(phEvent, Flags);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuEventRecord {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuEventRecord");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuEventRecord", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuEventRecord(CUevent hEvent, CUstream hStream) } */
  public static FunctionDescriptor cuEventRecord$descriptor() {
    return cuEventRecord.DESC;
  }

  public static MethodHandle cuEventRecord$handle() {
    return cuEventRecord.HANDLE;
  }

  public static MemorySegment cuEventRecord$address() {
    return cuEventRecord.ADDR;
  }

  /** {@snippet lang=c : CUresult cuEventRecord(CUevent hEvent, CUstream hStream) } */
  public static int cuEventRecord(MemorySegment hEvent, MemorySegment hStream) {
    var mh$ = cuEventRecord.HANDLE;
    try {
      return (int) mh$.invokeExact(hEvent, hStream);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuEventSynchronize {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuEventSynchronize");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuEventSynchronize", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuEventSynchronize(CUevent hEvent) } */
  public static FunctionDescriptor cuEventSynchronize$descriptor() {
    return cuEventSynchronize.DESC;
  }

  public static MethodHandle cuEventSynchronize$handle() {
    return cuEventSynchronize.HANDLE;
  }

  public static MemorySegment cuEventSynchronize$address() {
    return cuEventSynchronize.ADDR;
  }

  /** {@snippet lang=c : CUresult cuEventSynchronize(CUevent hEvent) } */
  public static int cuEventSynchronize(MemorySegment hEvent) {
    var mh$ = cuEventSynchronize.HANDLE;
    try {
      return (int) mh$.invokeExact(hEvent);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuEventElapsedTime_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuEventElapsedTime_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuEventElapsedTime_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuEventElapsedTime_v2(float * pMilliseconds, CUevent hStart, CUevent hEnd) } */
  public static FunctionDescriptor cuEventElapsedTime_v2$descriptor() {
    return cuEventElapsedTime_v2.DESC;
  }

  public static MethodHandle cuEventElapsedTime_v2$handle() {
    return cuEventElapsedTime_v2.HANDLE;
  }

  public static MemorySegment cuEventElapsedTime_v2$address() {
    return cuEventElapsedTime_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuEventElapsedTime_v2(float * pMilliseconds, CUevent hStart, CUevent hEnd) } */
  public static int cuEventElapsedTime_v2(MemorySegment pMilliseconds, MemorySegment hStart, MemorySegment hEnd) {
    var mh$ = cuEventElapsedTime_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(pMilliseconds, hStart, hEnd);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuEventDestroy_v2 {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuEventDestroy_v2");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuEventDestroy_v2", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuEventDestroy_v2(CUevent hEvent) } */
  public static FunctionDescriptor cuEventDestroy_v2$descriptor() {
    return cuEventDestroy_v2.DESC;
  }

  public static MethodHandle cuEventDestroy_v2$handle() {
    return cuEventDestroy_v2.HANDLE;
  }

  public static MemorySegment cuEventDestroy_v2$address() {
    return cuEventDestroy_v2.ADDR;
  }

  /** {@snippet lang=c : CUresult cuEventDestroy_v2(CUevent hEvent) } */
  public static int cuEventDestroy_v2(MemorySegment hEvent) {
    var mh$ = cuEventDestroy_v2.HANDLE;
    try {
      return (int) mh$.invokeExact(hEvent);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuModuleLoadData {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuModuleLoadData");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuModuleLoadData", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuModuleLoadData(CUmodule * module, const void * image) } */
  public static FunctionDescriptor cuModuleLoadData$descriptor() {
    return cuModuleLoadData.DESC;
  }

  public static MethodHandle cuModuleLoadData$handle() {
    return cuModuleLoadData.HANDLE;
  }

  public static MemorySegment cuModuleLoadData$address() {
    return cuModuleLoadData.ADDR;
  }

  /** {@snippet lang=c : CUresult cuModuleLoadData(CUmodule * module, const void * image) } */
  public static int cuModuleLoadData(MemorySegment module, MemorySegment image) {
    var mh$ = cuModuleLoadData.HANDLE;
    try {
      return (int) mh$.invokeExact(module, image);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuModuleUnload {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuModuleUnload");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuModuleUnload", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuModuleUnload(CUmodule hmod) } */
  public static FunctionDescriptor cuModuleUnload$descriptor() {
    return cuModuleUnload.DESC;
  }

  public static MethodHandle cuModuleUnload$handle() {
    return cuModuleUnload.HANDLE;
  }

  public static MemorySegment cuModuleUnload$address() {
    return cuModuleUnload.ADDR;
  }

  /** {@snippet lang=c : CUresult cuModuleUnload(CUmodule hmod) } */
  public static int cuModuleUnload(MemorySegment hmod) {
    var mh$ = cuModuleUnload.HANDLE;
    try {
      return (int) mh$.invokeExact(hmod);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuModuleGetFunction {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuModuleGetFunction");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuModuleGetFunction", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuModuleGetFunction(CUfunction * hfunc, CUmodule hmod, const char * name) } */
  public static FunctionDescriptor cuModuleGetFunction$descriptor() {
    return cuModuleGetFunction.DESC;
  }

  public static MethodHandle cuModuleGetFunction$handle() {
    return cuModuleGetFunction.HANDLE;
  }

  public static MemorySegment cuModuleGetFunction$address() {
    return cuModuleGetFunction.ADDR;
  }

  /** {@snippet lang=c : CUresult cuModuleGetFunction(CUfunction * hfunc, CUmodule hmod, const char * name) } */
  public static int cuModuleGetFunction(MemorySegment hfunc, MemorySegment hmod, MemorySegment name) {
    var mh$ = cuModuleGetFunction.HANDLE;
    try {
      return (int) mh$.invokeExact(hfunc, hmod, name);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuLaunchKernel {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_INT, C_INT, C_INT, C_POINTER, C_POINTER, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuLaunchKernel");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuLaunchKernel", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ, unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes, CUstream hStream, void ** kernelParams, void ** extra) } */
  public static FunctionDescriptor cuLaunchKernel$descriptor() {
    return cuLaunchKernel.DESC;
  }

  public static MethodHandle cuLaunchKernel$handle() {
    return cuLaunchKernel.HANDLE;
  }

  public static MemorySegment cuLaunchKernel$address() {
    return cuLaunchKernel.ADDR;
  }

  /** {@snippet lang=c : CUresult cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ, unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ, unsigned int sharedMemBytes, CUstream hStream, void ** kernelParams, void ** extra) } */
  public static int cuLaunchKernel(MemorySegment f, int gridDimX, int gridDimY, int gridDimZ, int blockDimX, int blockDimY, int blockDimZ, int sharedMemBytes, MemorySegment hStream, MemorySegment kernelParams, MemorySegment extra) {
    var mh$ = cuLaunchKernel.HANDLE;
    try {
      return (int) mh$.invokeExact(f, gridDimX, gridDimY, gridDimZ, blockDimX, blockDimY, blockDimZ, sharedMemBytes, hStream, kernelParams, extra);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuGetErrorName {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuGetErrorName");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuGetErrorName", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuGetErrorName(CUresult error, const char ** pStr) } */
  public static FunctionDescriptor cuGetErrorName$descriptor() {
    return cuGetErrorName.DESC;
  }

  public static MethodHandle cuGetErrorName$handle() {
    return cuGetErrorName.HANDLE;
  }

  public static MemorySegment cuGetErrorName$address() {
    return cuGetErrorName.ADDR;
  }

  /** {@snippet lang=c : CUresult cuGetErrorName(CUresult error, const char ** pStr) } */
  public static int cuGetErrorName(int error, MemorySegment pStr) {
    var mh$ = cuGetErrorName.HANDLE;
    try {
      return (int) mh$.invokeExact(error, pStr);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }

  private static final class cuGetErrorString {
    public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER);
    public static final MemorySegment ADDR = LIBRARY.find("cuGetErrorString");
    public static final MethodHandle HANDLE = LIBRARY.downcall("cuGetErrorString", ADDR, DESC);
  }

  /** Function descriptor for: {@snippet lang=c : CUresult cuGetErrorString(CUresult error, const char ** pStr) } */
  public static FunctionDescriptor cuGetErrorString$descriptor() {
    return cuGetErrorString.DESC;
  }

  public static MethodHandle cuGetErrorString$handle() {
    return cuGetErrorString.HANDLE;
  }

  public static MemorySegment cuGetErrorString$address() {
    return cuGetErrorString.ADDR;
  }

  /** {@snippet lang=c : CUresult cuGetErrorString(CUresult error, const char ** pStr) } */
  public static int cuGetErrorString(int error, MemorySegment pStr) {
    var mh$ = cuGetErrorString.HANDLE;
    try {
      return (int) mh$.invokeExact(error, pStr);
    } catch (Error | RuntimeException ex$) {
      throw ex$;
    } catch (Throwable ex$) {
      throw new AssertionError("should not reach here", ex$);
    }
  }
  private static final int CUDA_SUCCESS = (int) 0L;

  /** {@snippet lang=c : CUDA_SUCCESS = 0 } */
  public static int CUDA_SUCCESS() {
    return CUDA_SUCCESS;
  }

  private static final int CUDA_ERROR_INVALID_VALUE = (int) 1L;

  /** {@snippet lang=c : CUDA_ERROR_INVALID_VALUE = 1 } */
  public static int CUDA_ERROR_INVALID_VALUE() {
    return CUDA_ERROR_INVALID_VALUE;
  }

  private static final int CUDA_ERROR_OUT_OF_MEMORY = (int) 2L;

  /** {@snippet lang=c : CUDA_ERROR_OUT_OF_MEMORY = 2 } */
  public static int CUDA_ERROR_OUT_OF_MEMORY() {
    return CUDA_ERROR_OUT_OF_MEMORY;
  }

  private static final int CUDA_ERROR_NOT_INITIALIZED = (int) 3L;

  /** {@snippet lang=c : CUDA_ERROR_NOT_INITIALIZED = 3 } */
  public static int CUDA_ERROR_NOT_INITIALIZED() {
    return CUDA_ERROR_NOT_INITIALIZED;
  }

  private static final int CUDA_ERROR_STUB_LIBRARY = (int) 34L;

  /** {@snippet lang=c : CUDA_ERROR_STUB_LIBRARY = 34 } */
  public static int CUDA_ERROR_STUB_LIBRARY() {
    return CUDA_ERROR_STUB_LIBRARY;
  }

  private static final int CUDA_ERROR_NO_DEVICE = (int) 100L;

  /** {@snippet lang=c : CUDA_ERROR_NO_DEVICE = 100 } */
  public static int CUDA_ERROR_NO_DEVICE() {
    return CUDA_ERROR_NO_DEVICE;
  }

  private static final int CUDA_ERROR_INVALID_DEVICE = (int) 101L;

  /** {@snippet lang=c : CUDA_ERROR_INVALID_DEVICE = 101 } */
  public static int CUDA_ERROR_INVALID_DEVICE() {
    return CUDA_ERROR_INVALID_DEVICE;
  }

  private static final int CUDA_ERROR_NO_BINARY_FOR_GPU = (int) 209L;

  /** {@snippet lang=c : CUDA_ERROR_NO_BINARY_FOR_GPU = 209 } */
  public static int CUDA_ERROR_NO_BINARY_FOR_GPU() {
    return CUDA_ERROR_NO_BINARY_FOR_GPU;
  }

  private static final int CUDA_ERROR_NOT_FOUND = (int) 500L;

  /** {@snippet lang=c : CUDA_ERROR_NOT_FOUND = 500 } */
  public static int CUDA_ERROR_NOT_FOUND() {
    return CUDA_ERROR_NOT_FOUND;
  }

  private static final int CUDA_ERROR_LAUNCH_FAILED = (int) 719L;

  /** {@snippet lang=c : CUDA_ERROR_LAUNCH_FAILED = 719 } */
  public static int CUDA_ERROR_LAUNCH_FAILED() {
    return CUDA_ERROR_LAUNCH_FAILED;
  }

  private static final int CUDA_ERROR_ILLEGAL_ADDRESS = (int) 700L;

  /** {@snippet lang=c : CUDA_ERROR_ILLEGAL_ADDRESS = 700 } */
  public static int CUDA_ERROR_ILLEGAL_ADDRESS() {
    return CUDA_ERROR_ILLEGAL_ADDRESS;
  }

  private static final int CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = (int) 701L;

  /** {@snippet lang=c : CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES = 701 } */
  public static int CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES() {
    return CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES;
  }

  private static final int CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = (int) 1L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1 } */
  public static int CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK() {
    return CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK;
  }

  private static final int CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X = (int) 5L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X = 5 } */
  public static int CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X() {
    return CU_DEVICE_ATTRIBUTE_MAX_GRID_DIM_X;
  }

  private static final int CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK = (int) 8L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK = 8 } */
  public static int CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK() {
    return CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK;
  }

  private static final int CU_DEVICE_ATTRIBUTE_WARP_SIZE = (int) 10L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_WARP_SIZE = 10 } */
  public static int CU_DEVICE_ATTRIBUTE_WARP_SIZE() {
    return CU_DEVICE_ATTRIBUTE_WARP_SIZE;
  }

  private static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = (int) 16L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16 } */
  public static int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT() {
    return CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
  }

  private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = (int) 75L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75 } */
  public static int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR() {
    return CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
  }

  private static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = (int) 76L;

  /** {@snippet lang=c : CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76 } */
  public static int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR() {
    return CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
  }

  private static final int CU_STREAM_DEFAULT = (int) 0L;

  /** {@snippet lang=c : CU_STREAM_DEFAULT = 0 } */
  public static int CU_STREAM_DEFAULT() {
    return CU_STREAM_DEFAULT;
  }

  private static final int CU_STREAM_NON_BLOCKING = (int) 1L;

  /** {@snippet lang=c : CU_STREAM_NON_BLOCKING = 1 } */
  public static int CU_STREAM_NON_BLOCKING() {
    return CU_STREAM_NON_BLOCKING;
  }

  private static final int CU_EVENT_DEFAULT = (int) 0L;

  /** {@snippet lang=c : CU_EVENT_DEFAULT = 0 } */
  public static int CU_EVENT_DEFAULT() {
    return CU_EVENT_DEFAULT;
  }

  private static final int CU_EVENT_BLOCKING_SYNC = (int) 1L;

  /** {@snippet lang=c : CU_EVENT_BLOCKING_SYNC = 1 } */
  public static int CU_EVENT_BLOCKING_SYNC() {
    return CU_EVENT_BLOCKING_SYNC;
  }

  private static final int CU_EVENT_DISABLE_TIMING = (int) 2L;

  /** {@snippet lang=c : CU_EVENT_DISABLE_TIMING = 2 } */
  public static int CU_EVENT_DISABLE_TIMING() {
    return CU_EVENT_DISABLE_TIMING;
  }

  private static final int CU_MEMHOSTALLOC_PORTABLE = (int) 1L;

  /** {@snippet lang=c : CU_MEMHOSTALLOC_PORTABLE = 1 } */
  public static int CU_MEMHOSTALLOC_PORTABLE() {
    return CU_MEMHOSTALLOC_PORTABLE;
  }

  private static final int CU_MEMHOSTALLOC_DEVICEMAP = (int) 2L;

  /** {@snippet lang=c : CU_MEMHOSTALLOC_DEVICEMAP = 2 } */
  public static int CU_MEMHOSTALLOC_DEVICEMAP() {
    return CU_MEMHOSTALLOC_DEVICEMAP;
  }

  private static final int CU_MEMHOSTALLOC_WRITECOMBINED = (int) 4L;

  /** {@snippet lang=c : CU_MEMHOSTALLOC_WRITECOMBINED = 4 } */
  public static int CU_MEMHOSTALLOC_WRITECOMBINED() {
    return CU_MEMHOSTALLOC_WRITECOMBINED;
  }
}
