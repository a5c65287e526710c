package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_POINTER;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One GPU as Mainspring uses it: the device's primary context (the one the CUDA runtime, and so
 * cuBLAS and cuDNN, share) made current on the opening thread, and one non-blocking stream on which
 * all work is queued in order. Closing destroys the stream and releases the context.
 *
 * <p>A context is current per thread: another thread must call {@link #makeCurrent()} before it
 * issues work.
 */
public final class CudaDevice implements AutoCloseable {
  private final CudaDeviceInfo info;
  private final int device;
  private final MemorySegment context;
  private final MemorySegment stream;
  private boolean closed;

  private CudaDevice(CudaDeviceInfo info, int device, MemorySegment context, MemorySegment stream) {
    this.info = info;
    this.device = device;
    this.context = context;
    this.stream = stream;
  }

  /** Opens device {@code ordinal}; throws {@code CudaException} or {@code NativeUnavailableException}. */
  public static CudaDevice open(int ordinal) {
    check(CudaDriver.cuInit(0), "cuInit");
    CudaDeviceInfo info = CudaDeviceInfo.query(ordinal);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(C_POINTER);
      check(CudaDriver.cuDeviceGet(out, ordinal), "cuDeviceGet(" + ordinal + ")");
      int device = out.get(CudaDriver.C_INT, 0);
      check(CudaDriver.cuDevicePrimaryCtxRetain(out, device), "cuDevicePrimaryCtxRetain");
      MemorySegment context = out.get(C_POINTER, 0);
      try {
        check(CudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
        check(CudaDriver.cuStreamCreate(out, CudaDriver.CU_STREAM_NON_BLOCKING()), "cuStreamCreate");
        return new CudaDevice(info, device, context, out.get(C_POINTER, 0));
      } catch (RuntimeException e) {
        CudaDriver.cuDevicePrimaryCtxRelease_v2(device);
        throw e;
      }
    }
  }

  public CudaDeviceInfo info() {
    return info;
  }

  /** The {@code CUstream} (also usable as a {@code cudaStream_t}) all of Mainspring's work goes to. */
  public MemorySegment stream() {
    return stream;
  }

  public MemorySegment context() {
    return context;
  }

  /** Makes this device's context current on the calling thread. */
  public void makeCurrent() {
    check(CudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
  }

  /** Waits until all work queued on the stream has finished; reports errors of earlier launches. */
  public void synchronize() {
    check(CudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Release even when the stream reports a sticky error, so the context does not leak.
    try {
      check(CudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize (closing the device)");
      check(CudaDriver.cuStreamDestroy_v2(stream), "cuStreamDestroy_v2");
    } finally {
      check(CudaDriver.cuDevicePrimaryCtxRelease_v2(device), "cuDevicePrimaryCtxRelease_v2");
    }
  }
}
