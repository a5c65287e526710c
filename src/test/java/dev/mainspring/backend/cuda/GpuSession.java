package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;

/**
 * What a GPU test needs open: device 0 with its stream, a caching allocator, pinned staging and the
 * packed modules. GPU test classes open one in {@code @BeforeAll} when {@link #whyNot()} is null and
 * assume it in {@code @BeforeEach}, so that without a GPU every test is reported as skipped with the
 * reason (an assumption in {@code @BeforeAll} would hide the tests instead of skipping them).
 */
final class GpuSession implements AutoCloseable {
  final CudaDevice device;
  final DeviceAllocator allocator;
  final PinnedStaging staging;
  final CudaModules modules;

  private GpuSession(CudaDevice device) {
    this.device = device;
    this.allocator = new DeviceAllocator(new DriverDeviceMemory());
    this.staging = new PinnedStaging(device);
    this.modules = new CudaModules(device);
  }

  /** Why GPU tests cannot run here; null when they can. */
  static String whyNot() {
    CudaStatus status = CudaProbe.status();
    return status.usable() ? null : "no usable CUDA GPU here: " + status.unavailableReason();
  }

  static GpuSession open() {
    return new GpuSession(CudaDevice.open(0));
  }

  /** Skips the current test with {@code reason} unless it is null. */
  static void skipUnless(String reason) {
    assumeTrue(reason == null, reason);
  }

  DeviceBlock upload(float[] data) {
    DeviceBlock block = allocator.allocate(4L * data.length);
    staging.upload(block.pointer(), data);
    return block;
  }

  float[] download(DeviceBlock block, int n) {
    float[] out = new float[n];
    staging.download(out, block.pointer());
    return out;
  }

  static float[] uniform(long seed, int n, float lo, float hi) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }
    return v;
  }

  @Override
  public void close() {
    try {
      modules.close();
      staging.close();
      allocator.close();
    } finally {
      device.close();
    }
  }
}
