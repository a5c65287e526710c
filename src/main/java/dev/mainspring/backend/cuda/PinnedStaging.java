package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_POINTER;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A grow-only pinned (page-locked) host buffer through which host data reaches the device. Copies
 * from pinned memory are truly asynchronous (pageable ones are staged by the driver and block), so an
 * upload returns as soon as the copy is queued on the device's stream. An event marks when the last
 * copy has read the buffer; the next use waits for it, never for the whole stream.
 */
public final class PinnedStaging implements AutoCloseable {
  /** The first buffer; later ones double until a request fits. */
  static final long MIN_CAPACITY = 1L << 20;

  private final CudaDevice device;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment out = arena.allocate(C_POINTER);
  private final MemorySegment copyDone;
  private MemorySegment buffer = MemorySegment.NULL;
  private long capacity;
  private boolean copyPending;

  public PinnedStaging(CudaDevice device) {
    this.device = device;
    check(CudaDriver.cuEventCreate(out, CudaDriver.CU_EVENT_DISABLE_TIMING()), "cuEventCreate");
    copyDone = out.get(C_POINTER, 0);
  }

  /** Queues a copy of {@code source} to device address {@code destination}; returns without waiting. */
  public synchronized void upload(long destination, MemorySegment source) {
    long bytes = source.byteSize();
    MemorySegment staged = reserve(bytes);
    MemorySegment.copy(source, 0, staged, 0, bytes);
    check(CudaDriver.cuMemcpyHtoDAsync_v2(destination, staged, bytes, device.stream()), "cuMemcpyHtoDAsync_v2");
    check(CudaDriver.cuEventRecord(copyDone, device.stream()), "cuEventRecord");
    copyPending = true;
  }

  public void upload(long destination, float[] source) {
    upload(destination, MemorySegment.ofArray(source));
  }

  /**
   * Copies {@code destination.byteSize()} bytes from device address {@code source} into
   * {@code destination}, after all work queued before it on the stream has finished.
   */
  public synchronized void download(MemorySegment destination, long source) {
    long bytes = destination.byteSize();
    MemorySegment staged = reserve(bytes);
    check(CudaDriver.cuMemcpyDtoHAsync_v2(staged, source, bytes, device.stream()), "cuMemcpyDtoHAsync_v2");
    device.synchronize();
    copyPending = false;
    MemorySegment.copy(staged, 0, destination, 0, bytes);
  }

  public void download(float[] destination, long source) {
    download(MemorySegment.ofArray(destination), source);
  }

  /** The staging buffer, at least {@code bytes} long and no longer read by a queued copy. */
  private MemorySegment reserve(long bytes) {
    if (copyPending) {
      check(CudaDriver.cuEventSynchronize(copyDone), "cuEventSynchronize");
      copyPending = false;
    }
    if (bytes > capacity) {
      long grown = grownCapacity(capacity, bytes);
      freeBuffer();
      check(CudaDriver.cuMemHostAlloc(out, grown, 0), "cuMemHostAlloc(" + grown + " bytes)");
      buffer = out.get(C_POINTER, 0).reinterpret(grown);
      capacity = grown;
    }
    return buffer.asSlice(0, bytes);
  }

  /** The next capacity when {@code needed} bytes do not fit in {@code current}: doubling, at least 1 MiB. */
  static long grownCapacity(long current, long needed) {
    long capacity = Math.max(current, MIN_CAPACITY);
    while (capacity < needed) {
      capacity = Math.multiplyExact(capacity, 2);
    }
    return capacity;
  }

  public synchronized long capacity() {
    return capacity;
  }

  private void freeBuffer() {
    if (capacity > 0) {
      check(CudaDriver.cuMemFreeHost(buffer), "cuMemFreeHost");
      buffer = MemorySegment.NULL;
      capacity = 0;
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (copyPending) {
        check(CudaDriver.cuEventSynchronize(copyDone), "cuEventSynchronize");
      }
      freeBuffer();
      check(CudaDriver.cuEventDestroy_v2(copyDone), "cuEventDestroy_v2");
    } finally {
      arena.close();
    }
  }
}
