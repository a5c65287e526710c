package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The caching allocator and pinned staging on a real device. Skipped without a GPU. */
class CudaDeviceAllocatorTest {
  private static final long MIB = 1 << 20;
  private static GpuSession gpu;

  private static String skip;

  @BeforeAll
  static void openDevice() {
    skip = GpuSession.whyNot();
    if (skip == null) {
      gpu = GpuSession.open();
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuSession.skipUnless(skip);
  }

  @AfterAll
  static void closeDevice() {
    if (gpu != null) {
      gpu.close();
    }
  }

  @Test
  void steadyStepsStopAllocatingFromTheDriverAfterWarmUp() {
    long[] sizes = {4_000_012, 4_000_012, 37 * 19 * 4, MIB, 123, 4096, 300 * 64 * 4, 16L * 300 * 300 * 4, 7};
    try (DeviceAllocator alloc = new DeviceAllocator(new DriverDeviceMemory())) {
      long afterWarmUp = -1;
      for (int step = 0; step < 8; step++) {
        List<DeviceBlock> held = new ArrayList<>();
        for (long size : sizes) {
          DeviceBlock b = alloc.allocate(size);
          // The memory is really there: the driver accepts a write over the whole request.
          check(CudaDriver.cuMemsetD8Async(b.pointer(), (byte) step, size, gpu.device.stream()), "cuMemsetD8Async");
          held.add(b);
        }
        gpu.device.synchronize();
        held.forEach(alloc::release);
        if (step == 0) {
          afterWarmUp = alloc.stats().driverAllocations();
        }
      }
      assertEquals(sizes.length, afterWarmUp);
      assertEquals(afterWarmUp, alloc.stats().driverAllocations(), "no driver allocations after warm-up");
      assertEquals(7L * sizes.length, alloc.stats().cacheHits());
    }
  }

  @Test
  void runningOutGivesBackTheCacheThenNamesTheSizes() {
    DriverDeviceMemory memory = new DriverDeviceMemory();
    DeviceMemory.Info info = memory.info();
    assertTrue(info.free() > 0 && info.free() <= info.total(), info.toString());
    assertTrue(Math.abs(info.total() - gpu.device.info().totalMemory()) <= info.total() / 10, info.toString());
    try (DeviceAllocator alloc = new DeviceAllocator(memory)) {
      alloc.release(alloc.allocate(64 * MIB));
      long tooMuch = gpu.device.info().totalMemory() + (1L << 30);
      DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> alloc.allocate(tooMuch));
      assertTrue(e.getMessage().contains("requested " + ByteSizes.format(tooMuch)), e.getMessage());
      assertTrue(e.getMessage().contains(" free of " + ByteSizes.format(info.total())), e.getMessage());
      assertEquals(1, alloc.stats().driverFrees(), "the cached 64 MiB went back before the retry");
      DeviceBlock after = alloc.allocate(MIB);
      alloc.release(after);
    }
  }

  @Test
  void stagingRoundTripsAndGrowsWithoutCorruptingQueuedCopies() {
    float[] small = GpuSession.uniform(5, 1000, -1, 1);
    float[] big = GpuSession.uniform(6, 3_000_001, -1, 1);
    float[] other = GpuSession.uniform(7, 3_000_001, -1, 1);
    DeviceBlock s = gpu.upload(small);
    // Two large uploads queued back to back: the second may only overwrite the buffer once the first has read it.
    DeviceBlock b = gpu.upload(big);
    DeviceBlock o = gpu.upload(other);
    assertTrue(gpu.staging.capacity() >= 4L * big.length, "capacity " + gpu.staging.capacity());
    assertArrayEquals(small, gpu.download(s, small.length));
    assertArrayEquals(big, gpu.download(b, big.length));
    assertArrayEquals(other, gpu.download(o, other.length));
    gpu.allocator.release(s);
    gpu.allocator.release(b);
    gpu.allocator.release(o);
  }
}
