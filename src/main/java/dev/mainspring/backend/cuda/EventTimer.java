package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_FLOAT;
import static dev.mainspring.bindings.cuda.CudaDriver.C_POINTER;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Times work on the device's stream with a pair of CUDA events, for benchmarks: the GPU's own clock
 * between two points in the stream, not the host's time to queue the work.
 */
public final class EventTimer implements AutoCloseable {
  private final CudaDevice device;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment start;
  private final MemorySegment stop;
  private final MemorySegment millis = arena.allocate(C_FLOAT);

  public EventTimer(CudaDevice device) {
    this.device = device;
    MemorySegment out = arena.allocate(C_POINTER);
    check(CudaDriver.cuEventCreate(out, CudaDriver.CU_EVENT_DEFAULT()), "cuEventCreate");
    start = out.get(C_POINTER, 0);
    check(CudaDriver.cuEventCreate(out, CudaDriver.CU_EVENT_DEFAULT()), "cuEventCreate");
    stop = out.get(C_POINTER, 0);
  }

  /** Marks the start point on the stream. */
  public void start() {
    check(CudaDriver.cuEventRecord(start, device.stream()), "cuEventRecord");
  }

  /** Marks the end point, waits for it, and returns the milliseconds the GPU spent between the two. */
  public float stopMillis() {
    check(CudaDriver.cuEventRecord(stop, device.stream()), "cuEventRecord");
    check(CudaDriver.cuEventSynchronize(stop), "cuEventSynchronize");
    check(CudaDriver.cuEventElapsedTime_v2(millis, start, stop), "cuEventElapsedTime_v2");
    return millis.get(C_FLOAT, 0);
  }

  @Override
  public void close() {
    try {
      check(CudaDriver.cuEventDestroy_v2(start), "cuEventDestroy_v2");
      check(CudaDriver.cuEventDestroy_v2(stop), "cuEventDestroy_v2");
    } finally {
      arena.close();
    }
  }
}
