package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_LONG;
import static dev.mainspring.bindings.cuda.CudaDriver.C_LONG_LONG;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Device memory straight from the driver ({@code cuMemAlloc_v2} / {@code cuMemFree_v2}). */
public final class DriverDeviceMemory implements DeviceMemory {
  private final MemorySegment out = Arena.ofAuto().allocate(2 * Long.BYTES, Long.BYTES);

  @Override
  public synchronized long allocate(long bytes) {
    int rc = CudaDriver.cuMemAlloc_v2(out, bytes);
    if (rc == CudaDriver.CUDA_ERROR_OUT_OF_MEMORY()) {
      return 0;
    }
    check(rc, "cuMemAlloc_v2(" + bytes + " bytes)");
    return out.get(C_LONG_LONG, 0);
  }

  @Override
  public synchronized void free(long pointer) {
    check(CudaDriver.cuMemFree_v2(pointer), "cuMemFree_v2");
  }

  @Override
  public synchronized Info info() {
    check(CudaDriver.cuMemGetInfo_v2(out, out.asSlice(Long.BYTES)), "cuMemGetInfo_v2");
    return new Info(out.get(C_LONG, 0), out.get(C_LONG, Long.BYTES));
  }
}
