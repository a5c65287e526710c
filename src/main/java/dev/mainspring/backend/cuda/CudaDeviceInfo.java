package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_INT;
import static dev.mainspring.bindings.cuda.CudaDriver.C_LONG;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** What Mainspring needs to know about one CUDA device: enough to size launches and report it. */
public record CudaDeviceInfo(
    int ordinal,
    String name,
    long totalMemory,
    int computeMajor,
    int computeMinor,
    int multiprocessors,
    int maxThreadsPerBlock,
    int maxSharedMemoryPerBlock) {

  /** Queries device {@code ordinal}; the driver must already be initialised ({@code cuInit}). */
  static CudaDeviceInfo query(int ordinal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment device = arena.allocate(C_INT);
      check(CudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
      int dev = device.get(C_INT, 0);
      MemorySegment name = arena.allocate(256);
      check(CudaDriver.cuDeviceGetName(name, 256, dev), "cuDeviceGetName");
      MemorySegment bytes = arena.allocate(C_LONG);
      check(CudaDriver.cuDeviceTotalMem_v2(bytes, dev), "cuDeviceTotalMem_v2");
      MemorySegment value = arena.allocate(C_INT);
      return new CudaDeviceInfo(
          ordinal,
          name.getString(0),
          bytes.get(C_LONG, 0),
          attribute(value, dev, CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR(), "cc major"),
          attribute(value, dev, CudaDriver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR(), "cc minor"),
          attribute(value, dev, CudaDriver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT(), "SM count"),
          attribute(value, dev, CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK(), "max threads per block"),
          attribute(value, dev, CudaDriver.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK(), "max shared per block"));
    }
  }

  private static int attribute(MemorySegment out, int device, int attribute, String what) {
    check(CudaDriver.cuDeviceGetAttribute(out, attribute, device), "cuDeviceGetAttribute(" + what + ")");
    return out.get(C_INT, 0);
  }

  /** One line, e.g. {@code NVIDIA H200, 139.81 GiB, compute capability 9.0, 132 SMs}. */
  public String describe() {
    return name + ", " + ByteSizes.format(totalMemory) + ", compute capability " + computeMajor + "."
        + computeMinor + ", " + multiprocessors + " SMs";
  }
}
